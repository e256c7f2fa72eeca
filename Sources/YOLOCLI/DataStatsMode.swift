import Configuration
import DataTools
import Foundation
import Training
import YOLOData

/// `yolo data stats data=data.yaml [imgsz=640]`: per-class instances and images per split, imbalance ratio, rare
/// classes and the box-size mix at the training size.
enum DataStatsMode {
    static func run(_ c: Configuration, currentDirectory: URL, output: (String) -> Void, errors: (String) -> Void) throws -> Int32 {
        let dataset = try dataset(c, currentDirectory: currentDirectory, mode: "stats")
        let splits = try dataset.loadAvailableSplits()
        for split in splits { output(split.summary.line) }
        output(DatasetStats(names: dataset.names, splits: splits, imageSize: c.imgsz.square).table())
        return 0
    }

    /// The dataset named by `data=`, with errors that name the key and the file.
    static func dataset(_ c: Configuration, currentDirectory: URL, mode: String) throws -> DatasetConfig {
        guard let data = c.data else {
            throw TrainingError("yolo data \(mode) needs data=path/to/data.yaml")
        }
        let url = URL(fileURLWithPath: data, relativeTo: currentDirectory).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TrainingError("data=\(data): no such file (looked at \(url.path)); give the path of your data.yaml")
        }
        return try DatasetConfig(contentsOf: url)
    }
}
