/// Precision, recall and F1 of one image at IoU 0.5 (`Metric.update_image_metrics`).
public struct ImageMetrics: Hashable, Sendable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
}

/// The detection validator's accumulator, Ultralytics' `DetMetrics` plus the per-image half of
/// `DetectionValidator.update_metrics`: feed it each image's predictions and ground truth, then `process()`.
public struct DetMetrics: Sendable {
    /// Class names by model class index (`model.names`).
    public var names: [String]
    /// Images seen (the table's `all` Images column).
    public private(set) var seen = 0
    /// `(N, T)` correct flags of every prediction so far, flat row-major.
    public private(set) var tp: [Bool] = []
    /// `(N,)` confidences.
    public private(set) var confidence: [Float] = []
    /// `(N,)` predicted classes.
    public private(set) var predictedClasses: [Int] = []
    /// `(M,)` target classes of all images.
    public private(set) var targetClasses: [Int] = []
    /// The distinct target classes of each image, concatenated (`target_img`).
    public private(set) var targetImages: [Int] = []
    /// Per-image P/R/F1 at IoU 0.5 by image name, in the order seen.
    public private(set) var imageMetrics: [(name: String, metrics: ImageMetrics)] = []
    /// The box metrics, filled by `process()`.
    public private(set) var box = Metric()
    /// `(nc,)` targets per class, filled by `process()`.
    public private(set) var ntPerClass: [Int] = []
    /// `(nc,)` images containing each class, filled by `process()`.
    public private(set) var ntPerImage: [Int] = []
    /// IoU thresholds of the tp columns.
    public let iouThresholds: [Float]

    public init(names: [String], iouThresholds: [Float] = cocoIoUThresholds) {
        self.names = names
        self.iouThresholds = iouThresholds
    }

    /// Adds one image: `predictions` in NMS order (descending confidence), boxes and targets in the same pixel frame.
    /// Returns the image's `(N, 10)` correct flags (`DetectionValidator._process_batch`).
    @discardableResult
    public mutating func update(predictions: [Detection], groundTruth: [GroundTruth], imageName: String = "")
        -> [[Bool]]
    {
        seen += 1
        let correct: [[Bool]]
        if predictions.isEmpty || groundTruth.isEmpty {
            let none = [Bool](repeating: false, count: iouThresholds.count)
            correct = [[Bool]](repeating: none, count: predictions.count)
        } else {
            let iou = boxIoU(groundTruth.map(\.box), predictions.map(\.box))
            correct = matchPredictions(predictedClasses: predictions.map(\.classIndex),
                                       trueClasses: groundTruth.map(\.classIndex), iou: iou, thresholds: iouThresholds)
        }
        for row in correct { tp += row }
        confidence += predictions.map(\.confidence)
        predictedClasses += predictions.map(\.classIndex)
        let classes = groundTruth.map(\.classIndex)
        targetClasses += classes
        targetImages += Set(classes).sorted()
        imageMetrics.append((imageName, Self.imageMetrics(correct: correct, predictions: predictions.count,
                                                          targets: classes.count)))
        return correct
    }

    /// Computes the metrics from everything added (`DetMetrics.process`).
    @discardableResult
    public mutating func process() -> APPerClassResult {
        let result = apPerClass(tp: tp, thresholdCount: iouThresholds.count, confidence: confidence,
                                predictedClasses: predictedClasses, targetClasses: targetClasses)
        box = Metric(result, classCount: names.count)
        ntPerClass = Self.bincount(targetClasses, minLength: names.count)
        ntPerImage = Self.bincount(targetImages, minLength: names.count)
        return result
    }

    /// Forgets the accumulated predictions and targets (`clear_stats`, plus the image count and per-image metrics).
    public mutating func clear() {
        self = DetMetrics(names: names, iouThresholds: iouThresholds)
    }

    /// `results.csv` / logger keys of the four box metrics.
    public static let keys = ["metrics/precision(B)", "metrics/recall(B)", "metrics/mAP50(B)", "metrics/mAP50-95(B)"]

    /// `[mp, mr, map50, map]`.
    public var meanResults: [Double] { box.meanResults }
    /// mAP50-95 (8.4.190's fitness).
    public var fitness: Double { box.fitness }
    /// `results_dict`: the four keys and `fitness`, in order.
    public var resultsDict: [(key: String, value: Double)] {
        zip(Self.keys + ["fitness"], meanResults + [fitness]).map { ($0, $1) }
    }
    /// `(nc,)` mAP50-95 per model class.
    public var maps: [Double] { box.maps }

    /// One row of the per-class table, `DetMetrics.summary` (unrounded).
    public struct ClassRow: Hashable, Sendable {
        public var name: String
        public var classIndex: Int
        public var images: Int
        public var instances: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var map50: Double
        public var map75: Double
        public var map50to95: Double
    }

    /// One row per class with targets, ascending class index.
    public var classRows: [ClassRow] {
        box.apClassIndex.enumerated().map { i, c in
            let result = box.classResult(i)
            return ClassRow(
                name: c < names.count ? names[c] : String(c), classIndex: c, images: ntPerImage[c],
                instances: ntPerClass[c], precision: box.p[i], recall: box.r[i], f1: box.f1[i], map50: result.ap50,
                map75: box.allAP[i][5], map50to95: result.ap)
        }
    }

    static func bincount(_ values: [Int], minLength: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: max(minLength, (values.max() ?? -1) + 1))
        for v in values { counts[v] += 1 }
        return counts
    }

    static func imageMetrics(correct: [[Bool]], predictions: Int, targets: Int) -> ImageMetrics {
        let tp = correct.reduce(0) { $0 + ($1.first == true ? 1 : 0) }
        let precision: Double, recall: Double, f1: Double
        if predictions == 0 && targets == 0 {
            (precision, recall, f1) = (1, 1, 1)
        } else {
            precision = predictions > 0 ? Double(tp) / Double(predictions) : 0
            recall = targets > 0 ? Double(tp) / Double(targets) : 0
            let denominator = precision + recall
            f1 = denominator != 0 ? 2 * precision * recall / denominator : 0
        }
        return ImageMetrics(precision: precision, recall: recall, f1: f1, truePositives: tp,
                            falsePositives: predictions - tp, falseNegatives: targets - tp)
    }
}
