import Foundation

/// The columns of a results.csv: names from the header and one number per row and column.
public struct ResultsTable: Sendable, Equatable {
    public var columns: [String]
    /// Values by column, each with one entry per epoch row.
    public var values: [[Double]]

    public init(columns: [String], values: [[Double]]) {
        precondition(columns.count == values.count, "one value list per column")
        self.columns = columns
        self.values = values
    }

    /// Parses results.csv text (header line, then numeric rows; spaces around fields are ignored).
    public init(csv text: String, path: String = "results.csv") throws {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first else { throw PlotError.empty(path: path) }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var columns = [[Double]](repeating: [], count: names.count)
        for (n, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == names.count else {
                throw PlotError.malformed(path: path, line: n + 2, reason: "\(fields.count) fields for \(names.count) columns")
            }
            for (i, field) in fields.enumerated() {
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                guard let v = Double(trimmed) ?? (trimmed.lowercased() == "nan" ? .nan : nil) else {
                    throw PlotError.malformed(path: path, line: n + 2, reason: "'\(trimmed)' in column \(names[i]) is not a number")
                }
                columns[i].append(v)
            }
        }
        guard !(columns.first ?? []).isEmpty else { throw PlotError.empty(path: path) }
        self.init(columns: names, values: columns)
    }

    /// Reads and parses the results.csv at `url`.
    public init(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PlotError.unreadable(path: url.path, reason: FileManager.default.fileExists(atPath: url.path)
                                        ? "not UTF-8 text" : "no such file")
        }
        try self.init(csv: text, path: url.path)
    }

    /// The values of column `name`, nil when absent.
    public func column(_ name: String) -> [Double]? {
        columns.firstIndex(of: name).map { values[$0] }
    }

    /// The panels of results.png in the reference's order: losses and metrics split in two halves, train losses and
    /// the first metrics on the top row, val losses and the rest below (`plot_results`).
    public var plottedColumns: [String] {
        let losses = columns.filter { $0.contains("loss") }
        let metrics = columns.filter { !$0.contains("loss") && $0.contains("metric") }
        let lossMid = losses.count / 2, metricMid = (metrics.count + 1) / 2
        return Array(losses[..<lossMid]) + metrics[..<metricMid] + losses[lossMid...] + metrics[metricMid...]
    }
}
