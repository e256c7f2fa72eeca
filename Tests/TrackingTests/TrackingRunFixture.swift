import Foundation
import TestSupport
@testable import Training
import YOLOData

/// A `TrainingRun` over a temporary folder, with no images, that records what callbacks log.
final class RecordingRun {
    let folder = TestPaths.temporaryDirectory("tracking-test")
    private(set) var lines: [String] = []
    private let lock = NSLock()
    private(set) lazy var run = TrainingRun(
        saveDir: folder, arguments: [("task", "detect"), ("project", "null"), ("epochs", "2"), ("name", "train")],
        names: ["person", "car"], lossNames: ["box_loss", "cls_loss", "dfl_loss"], trainSplit: Self.emptySplit(.train),
        valSplit: Self.emptySplit(.val), epochs: 2, batchesPerEpoch: 2, resumed: false,
        log: { [unowned self] line in lock.lock(); lines.append(line); lock.unlock() })

    var warnings: [String] { lines.filter { $0.hasPrefix("warning:") } }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// An epoch's results with distinct values (epoch is 1-based, as in results.csv).
    static func result(epoch: Int) -> EpochResult {
        let e = Double(epoch)
        return EpochResult(
            epoch: epoch, seconds: 10 * e, trainLoss: [Float(2.5 / e), Float(3.25 / e), Float(1.125 / e)],
            metrics: [("metrics/precision(B)", 0.1 * e), ("metrics/recall(B)", 0.2 * e), ("metrics/mAP50(B)", 0.3 * e),
                      ("metrics/mAP50-95(B)", 0.15 * e)],
            valLoss: [Float(2.0 / e), Float(3.0 / e), Float(1.0 / e)], learningRates: [0.01 / e, 0.02 / e, 0.03 / e])
    }

    /// An empty split (LabeledSplit has no public memberwise initialiser; it is Codable).
    static func emptySplit(_ split: DatasetSplit) -> LabeledSplit {
        let summary = try! JSONSerialization.jsonObject(with: JSONEncoder().encode(SplitSummary(split: split.rawValue)))
        let object: [String: Any] = [
            "split": split.rawValue, "images": [], "summary": summary, "issues": [], "notes": [],
        ]
        return try! JSONDecoder().decode(LabeledSplit.self, from: JSONSerialization.data(withJSONObject: object))
    }
}
