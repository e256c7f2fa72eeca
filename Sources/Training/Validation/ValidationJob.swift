import Evaluation
import Foundation
import Models
import YOLOData

/// `yolo val model=… data=…`: loads the model and the split, validates with rect batches (pad 0.5), logs the table
/// and speed as the reference, and writes `predictions.json` / `labels/*.txt` into the run folder.
public struct ValidationJob {
    /// The settings of a standalone validation (cfg keys of the same names).
    public struct Options {
        /// `model`: a `.pt` checkpoint (ours or Ultralytics'), a model yaml or a built-in name (random weights).
        public var model: String
        /// `data`: the data.yaml.
        public var data: URL
        /// `split`: val, test or train.
        public var split: DatasetSplit = .val
        /// `imgsz`: rounded up to a multiple of the model's largest stride.
        public var imageSize = 640
        /// `batch`.
        public var batchSize = 16
        /// `workers`: decoding threads.
        public var workers = 2
        /// The run folder (`runs/detect/val`, `val2`, …).
        public var saveDir: URL
        /// conf, iou, max_det, nms=False, save_json, save_txt, plots, verbose.
        public var validation = ValidationOptions()

        public init(model: String, data: URL, saveDir: URL) {
            self.model = model
            self.data = data
            self.saveDir = saveDir
        }
    }

    public let options: Options
    let log: (String) -> Void

    public init(options: Options, log: @escaping (String) -> Void = { print($0) }) {
        self.options = options
        self.log = log
    }

    /// Runs the validation; returns its result.
    @discardableResult
    public func run() throws -> ValidationResult {
        let o = options
        let dataset = try DatasetConfig(contentsOf: o.data)
        let (model, storedNames) = try loadModel(classCount: dataset.classCount)
        let names = Self.names(stored: storedNames, dataset: dataset.names, classCount: model.nc)
        log(model.summaryLine(imgsz: o.imageSize))
        var split = try dataset.load(o.split)
        log(split.report())
        if model.nc < dataset.classCount {
            log("WARNING ⚠️ Skipping labels of classes the model (nc=\(model.nc)) cannot predict.")
            split.images = split.images.map { Self.keepingClasses(below: model.nc, of: $0) }
        }
        let stride = Int(model.stride.max() ?? 32)
        let imageSize = Self.checkedImageSize(o.imageSize, stride: stride, log: log)
        var validation = o.validation
        validation.maxDetections = Self.checkedMaxDetections(validation.maxDetections, split: split, log: log)
        if validation.classMap == nil, Self.isCOCO(dataset, split: o.split) { validation.classMap = coco80ToCoco91Class }
        var loaderOptions = LoaderOptions.validation(imageSize: imageSize, batchSize: o.batchSize, workers: o.workers)
        loaderOptions.stride = stride
        let loader = DataLoader(split: split, options: loaderOptions)
        try FileManager.default.createDirectory(
            at: validation.saveText ? o.saveDir.appendingPathComponent("labels") : o.saveDir,
            withIntermediateDirectories: true)
        let result = Validator(validation, log: log).run(model: model, loader: loader, names: names)
        if validation.saveJSON, !result.evaluator.jsonRows.isEmpty {
            let url = o.saveDir.appendingPathComponent("predictions.json")
            log("Saving \(url.path)...")
            try result.evaluator.predictionsJSON.write(to: url, atomically: true, encoding: .utf8)
        }
        if validation.saveText { try writeLabels(result.evaluator, split: split) }
        if validation.plots || validation.saveJSON || validation.saveText { log("Results saved to \(o.saveDir.path)") }
        return result
    }

    /// The model and its stored class names: a checkpoint's weights, or a yaml's random weights (with a warning).
    func loadModel(classCount: Int) throws -> (DetectionModel, [Int: String]) {
        let path = options.model
        if path.lowercased().hasSuffix(".pt") {
            guard FileManager.default.fileExists(atPath: path) else {
                throw TrainingError("model=\(path): no such file; give a .pt checkpoint (e.g. runs/detect/train/"
                    + "weights/best.pt) or a model yaml")
            }
            let loaded = try CheckpointLoader.load(contentsOf: URL(fileURLWithPath: path))
            return (loaded.model, loaded.names)
        }
        log("WARNING ⚠️ validating an untrained model YAML will result in 0 mAP.")
        return (try DetectionModel(ModelInfo.definition(named: path), nc: classCount), [:])
    }

    /// Row names: the model's own names when complete, else the dataset's, else class indices.
    static func names(stored: [Int: String], dataset: [String], classCount nc: Int) -> [String] {
        if stored.count >= nc, (0..<nc).allSatisfy({ stored[$0] != nil }) { return (0..<nc).map { stored[$0]! } }
        return (0..<nc).map { $0 < dataset.count ? dataset[$0] : String($0) }
    }

    /// `check_imgsz`: a multiple of the stride (rounded up, with the reference's warning).
    static func checkedImageSize(_ size: Int, stride: Int, log: (String) -> Void) -> Int {
        let fixed = max(makeDivisible(Double(size), stride), stride)
        if fixed != size {
            log("WARNING ⚠️ imgsz=\(size) must be multiple of max stride \(stride), updating to \(fixed)")
        }
        return fixed
    }

    /// `_check_max_det`: the default `max_det` rises to the most objects in one image (user values stay).
    static func checkedMaxDetections(_ maxDet: Int, split: LabeledSplit, log: (String) -> Void) -> Int {
        let observed = split.images.map(\.labels.count).max() ?? 0
        guard observed > maxDet else { return maxDet }
        var message = "WARNING ⚠️ Dataset images contain up to \(observed) objects (\(split.split.rawValue)=\(observed)), "
            + "but max_det=\(maxDet). This mismatch can cap recall and produce invalid validation metrics."
        defer { log(message) }
        if maxDet == 300 {
            message += " Setting max_det=\(observed) to match the observed maximum."
            return observed
        }
        message += " Keeping the user-specified max_det=\(maxDet)."
        return maxDet
    }

    /// COCO val2017/test-dev2017 lists get COCO's 91 category ids in `predictions.json`.
    static func isCOCO(_ dataset: DatasetConfig, split: DatasetSplit) -> Bool {
        (dataset.sources[split] ?? []).contains { url in
            url.path.contains("coco") && (url.path.hasSuffix("/val2017.txt") || url.path.hasSuffix("/test-dev2017.txt"))
        }
    }

    /// An image with only the labels of classes `< nc`.
    static func keepingClasses(below nc: Int, of image: LabeledImage) -> LabeledImage {
        var out = image
        var labels = ImageLabels()
        for k in 0..<image.labels.count where Int(image.labels.classes[k]) < nc {
            labels.classes.append(image.labels.classes[k])
            labels.boxes += image.labels.boxes[(k * 4)..<(k * 4 + 4)]
        }
        out.labels = labels
        return out
    }

    /// `labels/<name>.txt` per image with detections, the name relative to the images' common folder (`a/1.jpg` →
    /// `a_1.txt`), as the reference's `save_one_txt` (`cls cx cy w h [conf]`, normalised).
    func writeLabels(_ evaluator: DetectionEvaluator, split: LabeledSplit) throws {
        let folder = options.saveDir.appendingPathComponent("labels")
        let root = Self.commonFolder(split.images.map { ($0.imageFile as NSString).deletingLastPathComponent })
        for (path, lines) in evaluator.textLines {
            var relative = String(path.dropFirst(root.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            relative = (relative as NSString).deletingPathExtension
            let name = relative.split(separator: "/").joined(separator: "_") + ".txt"
            try lines.map { $0 + "\n" }.joined().write(to: folder.appendingPathComponent(name), atomically: true,
                                                       encoding: .utf8)
        }
    }

    /// `os.path.commonpath` of folders.
    static func commonFolder(_ folders: [String]) -> String {
        guard var common = folders.first?.split(separator: "/", omittingEmptySubsequences: false) else { return "" }
        for folder in folders.dropFirst() {
            let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
            var n = 0
            while n < min(common.count, parts.count), common[n] == parts[n] { n += 1 }
            common = Array(common.prefix(n))
        }
        return common.joined(separator: "/")
    }
}
