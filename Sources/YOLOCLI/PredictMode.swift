import Configuration
import Foundation
import Training

/// `yolo predict model=… source=… [conf iou imgsz save save_txt save_conf classes max_det line_width]`: annotated
/// images and YOLO-format labels into `runs/detect/predict*`, one console line per image.
enum PredictMode {
    static func run(_ c: Configuration, currentDirectory: URL, output: (String) -> Void, errors: (String) -> Void) throws -> Int32 {
        let options = try options(c, currentDirectory: currentDirectory)
        try withoutActuallyEscaping(output) { log in
            _ = try PredictionJob(options: options, log: log).run()
        }
        return 0
    }

    /// The resolved configuration as `PredictionJob.Options`.
    static func options(_ c: Configuration, currentDirectory: URL) throws -> PredictionJob.Options {
        guard let model = c.model else {
            throw TrainingError("yolo predict needs model=path/to/best.pt (a checkpoint) or a model yaml")
        }
        guard let source = c.source else {
            throw TrainingError("yolo predict needs source=<image | folder | glob | .txt list of images>")
        }
        let files = try PredictionSource.files(source, currentDirectory: currentDirectory)
        let modelPath = model.lowercased().hasSuffix(".pt")
            ? PredictionSource.resolved(model, against: currentDirectory).path : model
        var o = PredictionJob.Options(
            model: modelPath, files: files,
            saveDir: ValMode.runFolder(c, defaultName: "predict", currentDirectory: currentDirectory))
        var p = PredictOptions()
        p.confidenceThreshold = Float(c.conf ?? 0.25)
        p.iouThreshold = c.iou
        p.imageSize = c.imgsz.square
        p.maxDetections = c.maxDet
        p.classes = c.classes
        p.agnostic = c.agnosticNms
        p.endToEnd = c.nms == false
        o.predict = p
        o.save = c.save
        o.saveText = c.saveTxt
        o.saveConfidence = c.saveConf
        o.lineWidth = c.lineWidth
        o.showLabels = c.showLabels
        o.showConfidence = c.showConf
        o.showBoxes = c.showBoxes
        return o
    }
}
