import Foundation

/// results.csv with the reference's columns: epoch, time, train/<losses>, metrics, val/<losses>, lr/pg0..2.
struct ResultsCSV {
    let url: URL
    let lossNames: [String]
    static let metricKeys = ["metrics/precision(B)", "metrics/recall(B)", "metrics/mAP50(B)", "metrics/mAP50-95(B)"]

    var header: String {
        (["epoch", "time"] + lossNames.map { "train/\($0)" } + Self.metricKeys
            + lossNames.map { "val/\($0)" } + ["lr/pg0", "lr/pg1", "lr/pg2"]).joined(separator: ",")
    }

    /// One row as the reference writes it (`%.6g`); time in seconds since the start, cumulative.
    func line(_ r: EpochResult) -> String {
        let metrics = Self.metricKeys.map { key in r.metrics.first { $0.key == key }?.value ?? 0 }
        let g = { (v: Double) in String(format: "%.6g", v) }
        let fields = ["\(r.epoch)", g(r.seconds)] + r.trainLoss.map { g(Double($0)) } + metrics.map(g)
            + r.valLoss.map { g(Double($0)) } + r.learningRates.map(g)
        return fields.joined(separator: ",")
    }

    /// Appends one row (writing the header first when the file is new).
    func append(_ r: EpochResult) throws {
        if !FileManager.default.fileExists(atPath: url.path) {
            try (header + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line(r) + "\n").utf8))
    }

    /// Writes the header and `rows` anew (atomically), e.g. the rows a resumed run keeps.
    func rewrite(_ rows: [EpochResult]) throws {
        try ([header] + rows.map(line)).map { $0 + "\n" }.joined().write(to: url, atomically: true, encoding: .utf8)
    }

    /// The rows of an existing file with this header (values as written, `%.6g`).
    func read() throws -> [EpochResult] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        guard let first = lines.first, first == header else { return [] }
        let n = lossNames.count
        return lines.dropFirst().compactMap { line in
            let v = line.split(separator: ",").compactMap { Double($0) }
            guard v.count == 2 + n + 4 + n + 3 else { return nil }
            return EpochResult(epoch: Int(v[0]), seconds: v[1], trainLoss: v[2..<(2 + n)].map { Float($0) },
                               metrics: zip(Self.metricKeys, v[(2 + n)..<(6 + n)]).map { ($0, $1) },
                               valLoss: v[(6 + n)..<(6 + 2 * n)].map { Float($0) }, learningRates: Array(v[(6 + 2 * n)...]))
        }
    }
}
