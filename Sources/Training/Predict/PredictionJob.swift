import Evaluation
import Foundation
import Models
import YOLOData

/// `yolo predict model=… source=…`: runs the predictor over every image of the source, logs one line per image,
/// and writes annotated images (`save`) and YOLO-format labels (`save_txt`) into the run folder.
public struct PredictionJob {
    /// The settings of a prediction run (cfg keys of the same names).
    public struct Options {
        /// `model`: a `.pt` checkpoint or a model yaml (random weights).
        public var model: String
        /// The image files (`PredictionSource.files`).
        public var files: [URL]
        /// The run folder (`runs/detect/predict`, `predict2`, …).
        public var saveDir: URL
        /// conf, iou, imgsz, max_det, classes, agnostic_nms, nms.
        public var predict = PredictOptions()
        /// `save`, `save_txt`, `save_conf`.
        public var save = true
        public var saveText = false
        public var saveConfidence = false
        /// `line_width`, `show_labels`, `show_conf`, `show_boxes`.
        public var lineWidth: Int? = nil
        public var showLabels = true
        public var showConfidence = true
        public var showBoxes = true

        public init(model: String, files: [URL], saveDir: URL) {
            self.model = model
            self.files = files
            self.saveDir = saveDir
        }
    }

    public let options: Options
    let log: (String) -> Void

    public init(options: Options, log: @escaping (String) -> Void = { print($0) }) {
        self.options = options
        self.log = log
    }

    /// Predicts every image; returns the predictions of the images that could be read.
    @discardableResult
    public func run() throws -> [Prediction] {
        let o = options
        let (model, names) = try loadModel()
        let predictor = Predictor(model: model, options: o.predict)
        var annotator = Annotator(names: names)
        annotator.lineWidth = o.lineWidth
        annotator.showLabels = o.showLabels
        annotator.showConfidence = o.showConfidence
        annotator.showBoxes = o.showBoxes
        let labels = o.saveDir.appendingPathComponent("labels")
        try FileManager.default.createDirectory(at: o.saveDir, withIntermediateDirectories: true)
        if o.saveText { try FileManager.default.createDirectory(at: labels, withIntermediateDirectories: true) }
        var results: [Prediction] = []
        var usedStems = Set<String>()
        var lastShape = ImageShape(height: 0, width: 0)
        for (i, url) in o.files.enumerated() {
            let decoded: ImageDecoder.Result
            do {
                decoded = try ImageDecoder.decode(contentsOf: url)
            } catch {
                if o.files.count == 1 {
                    throw TrainingError("source \(url.path): cannot read the image (\(error))")
                }
                log("WARNING ⚠️ image \(i + 1)/\(o.files.count) \(url.path): skipped, cannot read the image (\(error))")
                continue
            }
            var p = predictor(decoded.image, path: url.path)
            let stem = Self.uniqueStem(url.deletingPathExtension().lastPathComponent, used: &usedStems)
            log("image \(i + 1)/\(o.files.count) \(url.path): \(p.inputShape.height)x\(p.inputShape.width) "
                + ResultSummary.verbose(classIndices: p.detections.map(\.classIndex), names: names)
                + String(format: "%.1fms", p.inferenceMilliseconds))
            if o.saveText, !p.detections.isEmpty {
                try YOLOText.text(for: p.detections, imageShape: p.originalShape, saveConfidence: o.saveConfidence)
                    .write(to: labels.appendingPathComponent(stem + ".txt"), atomically: true, encoding: .utf8)
            }
            if o.save {
                let ext = ["png", "jpg", "jpeg"].contains(url.pathExtension.lowercased()) ? url.pathExtension : "jpg"
                try annotator.annotated(decoded.image, detections: p.detections)
                    .write(to: o.saveDir.appendingPathComponent(stem + "." + ext))
            }
            lastShape = p.inputShape
            p.path = url.path
            results.append(p)
        }
        if !results.isEmpty {
            let n = Double(results.count)
            log(ResultSummary.predictionSpeedLine(
                preprocess: results.map(\.preprocessMilliseconds).reduce(0, +) / n,
                inference: results.map(\.inferenceMilliseconds).reduce(0, +) / n,
                postprocess: results.map(\.postprocessMilliseconds).reduce(0, +) / n,
                shape: [1, 3, lastShape.height, lastShape.width]))
        }
        var saved = "Results saved to \(o.saveDir.path)"
        if o.saveText {
            let count = ((try? FileManager.default.contentsOfDirectory(atPath: labels.path)) ?? [])
                .filter { $0.hasSuffix(".txt") }.count
            saved += "\n\(count) label\(count > 1 ? "s" : "") saved to \(labels.path)"
        }
        log(saved)
        return results
    }

    /// The model and its class names (checkpoint names, else `0`, `1`, …).
    func loadModel() throws -> (DetectionModel, [String]) {
        let path = options.model
        if path.lowercased().hasSuffix(".pt") {
            guard FileManager.default.fileExists(atPath: path) else {
                throw TrainingError("model=\(path): no such file; give a .pt checkpoint (e.g. runs/detect/train/"
                    + "weights/best.pt) or a model yaml")
            }
            let loaded = try CheckpointLoader.load(contentsOf: URL(fileURLWithPath: path))
            let nc = loaded.model.nc
            return (loaded.model, (0..<nc).map { loaded.names[$0] ?? String($0) })
        }
        log("WARNING ⚠️ predicting with an untrained model YAML (random weights): detections are meaningless.")
        let model = try DetectionModel(ModelInfo.definition(named: path))
        return (model, (0..<model.nc).map { "class\($0)" })  // the reference's default_class_names
    }

    /// `stem`, or `stem-2`, `stem-3`, … when an earlier source had the same stem (`bus.jpg` and `bus.png`).
    static func uniqueStem(_ stem: String, used: inout Set<String>) -> String {
        var base = stem, k = 1
        while used.contains(base) {
            k += 1
            base = "\(stem)-\(k)"
        }
        used.insert(base)
        return base
    }
}
