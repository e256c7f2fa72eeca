import Foundation

/// results.csv with the reference's columns: epoch, time, train/<losses>, metrics, val/<losses>, lr/pg0..2.
struct ResultsCSV {
    let url: URL
    let lossNames: [String]

    var header: String {
        (["epoch", "time"] + lossNames.map { "train/\($0)" }
            + ["metrics/precision(B)", "metrics/recall(B)", "metrics/mAP50(B)", "metrics/mAP50-95(B)"]
            + lossNames.map { "val/\($0)" } + ["lr/pg0", "lr/pg1", "lr/pg2"]).joined(separator: ",")
    }

    /// Appends one row (writing the header first when the file is new).
    func append(_ r: EpochResult) throws {
        let metricKeys = ["metrics/precision(B)", "metrics/recall(B)", "metrics/mAP50(B)", "metrics/mAP50-95(B)"]
        let metrics = metricKeys.map { key in r.metrics.first { $0.key == key }?.value ?? 0 }
        let fields = ["\(r.epoch)", String(format: "%.3f", r.seconds)] + r.trainLoss.map { String(format: "%.5g", $0) }
            + metrics.map { String(format: "%.5g", $0) } + r.valLoss.map { String(format: "%.5g", $0) }
            + r.learningRates.map { String(format: "%.6g", $0) }
        let line = fields.joined(separator: ",") + "\n"
        if !FileManager.default.fileExists(atPath: url.path) {
            try (header + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
    }
}
