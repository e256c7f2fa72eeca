import Configuration
import Foundation
import Training
import YOLOData

/// `yolo data preview data=… [n=16 imgsz=640 seed=0]`: a grid of augmented training samples with their boxes and
/// class names, like the reference's train_batch0.jpg, in `runs/detect/preview/`.
enum DataPreviewMode {
    static func run(_ c: Configuration, currentDirectory: URL, output: (String) -> Void) throws {
        guard let data = c.data else {
            throw TrainingError("yolo data preview needs data=path/to/data.yaml")
        }
        let url = URL(fileURLWithPath: data, relativeTo: currentDirectory).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TrainingError("data=\(data): no such file (looked at \(url.path)); give the path of your data.yaml")
        }
        let dataset = try DatasetConfig(contentsOf: url)
        let split = try dataset.load(.train)
        output(split.report())
        var options = LoaderOptions.training(imageSize: c.imgsz.square, batchSize: 16, workers: c.workers, seed: c.seed)
        options.epochs = c.epochs
        let loader = DataLoader(split: split, options: options)
        var cfg = c
        if c.name == nil { _ = try cfg.apply(Assignment("name", .string("preview"))) }
        let folder = try TrainMode.runFolder(cfg, currentDirectory: currentDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("train_preview.jpg")
        try loader.writePreview(to: file, names: dataset.names, count: max(1, c.n))
        output("Preview of \(max(1, c.n)) augmented training samples written to \(file.path)")
    }
}
