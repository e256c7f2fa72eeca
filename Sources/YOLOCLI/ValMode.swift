import Configuration
import Foundation
import Training
import YOLOData

/// `yolo val model=… data=… [split imgsz batch conf iou max_det nms save_json save_txt plots]`: standalone validation
/// into `runs/detect/val*`, with the reference's defaults (conf 0.001, iou 0.7, rect batches with pad 0.5).
enum ValMode {
    static func run(_ c: Configuration, currentDirectory: URL, output: (String) -> Void, errors: (String) -> Void) throws -> Int32 {
        let options = try options(c, currentDirectory: currentDirectory)
        try withoutActuallyEscaping(output) { log in
            _ = try ValidationJob(options: options, log: log).run()
        }
        return 0
    }

    /// The resolved configuration as `ValidationJob.Options`.
    static func options(_ c: Configuration, currentDirectory: URL) throws -> ValidationJob.Options {
        guard let model = c.model else {
            throw TrainingError("yolo val needs model=path/to/best.pt (a checkpoint) or a model yaml")
        }
        guard let data = c.data else {
            throw TrainingError("yolo val needs data=path/to/data.yaml (the dataset to validate on)")
        }
        let dataURL = PredictionSource.resolved(data, against: currentDirectory)
        guard FileManager.default.fileExists(atPath: dataURL.path) else {
            throw TrainingError("data=\(data): no such file (looked at \(dataURL.path)); give the path of your data.yaml")
        }
        guard let split = DatasetSplit(rawValue: c.split) else {
            throw TrainingError("split=\(c.split) is not a split; use split=val, split=test or split=train")
        }
        let batch: Int
        switch c.batch {
        case .fixed(let n) where n > 0: batch = n
        default: batch = 16
        }
        let modelPath = model.lowercased().hasSuffix(".pt")
            ? PredictionSource.resolved(model, against: currentDirectory).path : model
        var o = ValidationJob.Options(model: modelPath, data: dataURL,
                                      saveDir: runFolder(c, defaultName: "val", currentDirectory: currentDirectory))
        o.split = split
        o.imageSize = c.imgsz.square
        o.batchSize = batch
        o.workers = max(c.workers, 1)
        var v = ValidationOptions()
        v.confidenceThreshold = Float(c.conf ?? 0.001)
        v.iouThreshold = c.iou
        v.maxDetections = c.maxDet
        v.endToEnd = c.nms == false
        v.agnostic = c.agnosticNms
        v.plots = c.plots
        v.saveJSON = c.saveJson
        v.saveText = c.saveTxt
        v.saveConfidence = c.saveConf
        v.verbose = c.verbose
        o.validation = v
        return o
    }

    /// `project/name` (name defaulting to `defaultName`), with 2, 3, … appended unless `exist_ok`, as the
    /// reference's `increment_path`.
    static func runFolder(_ c: Configuration, defaultName: String, currentDirectory: URL) -> URL {
        let project = PredictionSource.resolved(c.project ?? "runs/detect", against: currentDirectory)
        let name = c.name ?? defaultName
        var candidate = project.appendingPathComponent(name)
        var n = 2
        while !c.existOk, FileManager.default.fileExists(atPath: candidate.path) {
            candidate = project.appendingPathComponent("\(name)\(n)")
            n += 1
        }
        return candidate
    }
}
