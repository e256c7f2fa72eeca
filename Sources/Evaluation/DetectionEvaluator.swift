/// One image as the validator sees it after postprocessing: detections and targets in network-input pixels plus
/// what maps them back to the original image.
public struct ValidationImage: Sendable {
    /// Detections in input pixels, by descending confidence (NMS or end-to-end order).
    public var predictions: [Detection]
    /// Targets in input pixels.
    public var groundTruth: [GroundTruth]
    /// Path of the image file (its stem becomes the COCO image id, its name the per-image metrics key).
    public var path: String
    /// Size of the network input (`imgsz` of the batch, `(h, w)`).
    public var inputShape: ImageShape
    /// Size of the original image (`ori_shape`).
    public var originalShape: ImageShape
    /// Letterbox gains and padding (`ratio_pad`); `nil` recomputes them as `scale_boxes` does.
    public var ratioPad: RatioPad?

    public init(predictions: [Detection], groundTruth: [GroundTruth], path: String, inputShape: ImageShape,
                originalShape: ImageShape, ratioPad: RatioPad? = nil) {
        self.predictions = predictions
        self.groundTruth = groundTruth
        self.path = path
        self.inputShape = inputShape
        self.originalShape = originalShape
        self.ratioPad = ratioPad
    }
}

/// `DetectionValidator.update_metrics` and what follows it, without tensors: per image it updates the metrics,
/// the confusion matrix (`plots`), COCO rows (`save_json`) and YOLO-format lines (`save_txt`); `finish()` computes
/// the results and the printed table.
public struct DetectionEvaluator: Sendable {
    /// Settings of one validation run (cfg keys of the same names).
    public struct Options: Hashable, Sendable {
        /// cfg `conf`; the validator also passes it to the confusion matrix (0.001 in val).
        public var confidenceThreshold: Float = 0.001
        /// cfg `plots`: keep a confusion matrix.
        public var plots: Bool = true
        /// cfg `save_json`: collect COCO detection rows.
        public var saveJSON: Bool = false
        /// cfg `save_txt` / `save_conf`: collect YOLO-format lines per image.
        public var saveText: Bool = false
        public var saveConfidence: Bool = false
        /// COCO category id per class (`coco80ToCoco91Class` for COCO val2017, else `1...nc`).
        public var classMap: [Int]? = nil

        public init(confidenceThreshold: Float = 0.001, plots: Bool = true, saveJSON: Bool = false,
                    saveText: Bool = false, saveConfidence: Bool = false, classMap: [Int]? = nil) {
            self.confidenceThreshold = confidenceThreshold
            self.plots = plots
            self.saveJSON = saveJSON
            self.saveText = saveText
            self.saveConfidence = saveConfidence
            self.classMap = classMap
        }
    }

    public let options: Options
    /// The accumulated metrics (`DetMetrics`).
    public private(set) var metrics: DetMetrics
    /// The confusion matrix (updated when `options.plots`).
    public private(set) var confusionMatrix: ConfusionMatrix
    /// COCO rows for `predictions.json` (when `options.saveJSON`).
    public private(set) var jsonRows: [COCODetection] = []
    /// YOLO-format label lines per image path (when `options.saveText`; images without detections are absent).
    public private(set) var textLines: [(path: String, lines: [String])] = []

    public init(names: [String], options: Options = Options()) {
        self.options = options
        metrics = DetMetrics(names: names)
        confusionMatrix = ConfusionMatrix(classCount: names.count)
    }

    /// Adds one image.
    public mutating func add(_ image: ValidationImage) {
        let name = image.path.split(separator: "/").last.map(String.init) ?? image.path
        metrics.update(predictions: image.predictions, groundTruth: image.groundTruth, imageName: name)
        if options.plots {
            confusionMatrix.processBatch(detections: image.predictions, groundTruth: image.groundTruth,
                                         confidenceThreshold: options.confidenceThreshold)
        }
        guard !image.predictions.isEmpty, options.saveJSON || options.saveText else { return }
        let boxes = scaleBoxes(image.predictions.map(\.box), from: image.inputShape, to: image.originalShape,
                               ratioPad: image.ratioPad)
        let scaled = zip(boxes, image.predictions).map {
            Detection(box: $0, confidence: $1.confidence, classIndex: $1.classIndex)
        }
        if options.saveJSON {
            let classMap = options.classMap ?? COCODetection.defaultClassMap(classCount: metrics.names.count)
            jsonRows += COCODetection.rows(for: scaled, imagePath: image.path, classMap: classMap)
        }
        if options.saveText {
            textLines.append((image.path, YOLOText.lines(for: scaled, imageShape: image.originalShape,
                                                         saveConfidence: options.saveConfidence)))
        }
    }

    /// Computes the metrics; returns `results_dict` (the four metric keys and fitness).
    @discardableResult
    public mutating func finish() -> [(key: String, value: Double)] {
        metrics.process()
        return metrics.resultsDict
    }

    /// The table `print_results` logs (after `finish()`), header first.
    public func printedTable(verbose: Bool = true, training: Bool = false) -> [String] {
        [ValidationTable.header] + ValidationTable.lines(for: metrics, verbose: verbose, training: training)
    }

    /// `predictions.json` text.
    public var predictionsJSON: String { COCODetection.jsonText(jsonRows) }
}
