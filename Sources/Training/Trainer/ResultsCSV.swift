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
        // Values as the reference writes them (`%.6g`); time in seconds since the start, cumulative.
        let g = { (v: Double) in String(format: "%.6g", v) }
        let fields = ["\(r.epoch)", g(r.seconds)] + r.trainLoss.map { g(Double($0)) } + metrics.map(g)
            + r.valLoss.map { g(Double($0)) } + r.learningRates.map(g)
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
