import Configuration
import DataTools
import Foundation
import Training
import YOLOData

/// `yolo data check data=data.yaml [threshold=10]`: the label checks of every split, then the leakage check (the same
/// picture in two splits, exact or near copies). Exit status 1 when leakage is found, so it can guard a CI pipeline.
enum DataCheckMode {
    static func run(_ c: Configuration, currentDirectory: URL, output: (String) -> Void, errors: (String) -> Void) throws -> Int32 {
        let dataset = try DataStatsMode.dataset(c, currentDirectory: currentDirectory, mode: "check")
        let splits = try dataset.loadAvailableSplits()
        for split in splits { output(split.report()) }
        let report = LeakageCheck.run(splits.map { ($0.split, $0.images.map(\.imageFile)) }, threshold: c.threshold)
        for line in report.lines() { output(line) }
        for file in report.unreadable.prefix(10) { errors("warning: \(file): could not be decoded for the near-duplicate check") }
        return report.hasLeakage ? 1 : 0
    }
}
