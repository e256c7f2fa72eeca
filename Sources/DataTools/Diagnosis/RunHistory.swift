import Foundation

/// A run's results.csv: one row per epoch, columns by the reference's names (`train/box_loss`, `metrics/mAP50(B)`, …).
public struct RunHistory: Sendable {
    public var columns: [String]
    /// `rows[epoch][column]`.
    public var rows: [[Double]]

    /// Parses results.csv text (headers may be padded with spaces, as older reference versions write them).
    public init(csv text: String, file: String = "results.csv") throws {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !lines.isEmpty else {
            throw DiagnosisError("\(file): empty; a run writes one row per finished epoch — train at least one epoch first")
        }
        let columns = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        self.columns = columns
        guard columns.contains("epoch") else {
            throw DiagnosisError("\(file): no 'epoch' column in the header; give the results.csv of a yolo train run")
        }
        rows = try lines.enumerated().map { k, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == columns.count else {
                throw DiagnosisError("\(file):\(k + 2): \(fields.count) values for \(columns.count) columns; the file is cut or edited — rerun or fix that line")
            }
            return try fields.map { field in
                guard let v = Double(field) else {
                    throw DiagnosisError("\(file):\(k + 2): '\(field)' is not a number")
                }
                return v
            }
        }
        guard !rows.isEmpty else {
            throw DiagnosisError("\(file): no epochs yet; train at least one epoch first")
        }
    }

    /// Reads `<run>/results.csv`.
    public init(contentsOf url: URL) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw DiagnosisError("\(url.path): not found or unreadable; run= must be a training run folder holding results.csv")
        }
        try self.init(csv: text, file: url.path)
    }

    public var count: Int { rows.count }

    /// The column's values, or nil when the run has no such column.
    public func series(_ name: String) -> [Double]? {
        columns.firstIndex(of: name).map { c in rows.map { $0[c] } }
    }

    /// The epoch numbers as written (1-based in the reference).
    public var epochs: [Int] { (series("epoch") ?? rows.indices.map(Double.init)).map { Int($0) } }

    /// The sum of the columns starting with `prefix` (`train/` or `val/`): the total loss per epoch, nil without any.
    public func totalLoss(_ prefix: String) -> [Double]? {
        let indices = columns.indices.filter { columns[$0].hasPrefix(prefix) && columns[$0].hasSuffix("_loss") }
        guard !indices.isEmpty else { return nil }
        return rows.map { row in indices.reduce(0) { $0 + row[$1] } }
    }

    public var trainLoss: [Double]? { totalLoss("train/") }
    /// The validation loss, nil when the run did not validate (no columns, or all zero as with val=False).
    public var valLoss: [Double]? { totalLoss("val/").flatMap { $0.contains { $0 > 0 } ? $0 : nil } }
    public var mAP50: [Double]? { series("metrics/mAP50(B)") }
    public var mAP50to95: [Double]? { series("metrics/mAP50-95(B)") }
    public var precision: [Double]? { series("metrics/precision(B)") }
    public var recall: [Double]? { series("metrics/recall(B)") }
}

/// A run folder that cannot be diagnosed: says which file and what to do.
public struct DiagnosisError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Array where Element == Double {
    /// Centred moving average over `window` values (shorter at the ends), to read trends through epoch noise.
    func smoothed(_ window: Int = 3) -> [Double] {
        let half = window / 2
        return indices.map { i in
            let r = Swift.max(0, i - half)...Swift.min(count - 1, i + half)
            return self[r].reduce(0, +) / Double(r.count)
        }
    }
}
