import Foundation

/// The flat `key: value` lines of a run's args.yaml (the reference's keys), read as text.
public struct RunArgs: Sendable {
    public var values: [String: String]

    public init(values: [String: String] = [:]) { self.values = values }

    /// Parses args.yaml text: one `key: value` per line; quotes are removed, nested or list values kept as text.
    public init(yaml text: String) {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix(" ") && !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, q == "'" || q == "\"", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        self.values = values
    }

    /// Reads `<run>/args.yaml`; nil when the run has none.
    public init?(contentsOf url: URL) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        self.init(yaml: text)
    }

    public subscript(key: String) -> String? {
        guard let v = values[key], !v.isEmpty, v != "null", v != "None" else { return nil }
        return v
    }

    /// A number, or `fallback` (the reference's default) when absent.
    public func number(_ key: String, default fallback: Double) -> Double { self[key].flatMap(Double.init) ?? fallback }

    /// `value` written the way the user types it in a key (`0.0005`, `2`, `0.01`).
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        return String(format: "%g", value)
    }
}

/// The per-class rows of a final validation (`per_class.csv`: the reference's `metrics.to_csv()` columns
/// Class, Images, Instances, Box-P, Box-R, Box-F1, mAP50, mAP50-95; missing columns are allowed).
public struct PerClassMetrics: Sendable {
    public struct Row: Sendable {
        public var name: String
        public var instances: Int
        public var mAP50: Double
        public var mAP50to95: Double
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// Parses the CSV; rows named `all` (the summary) are skipped.
    public init(csv text: String, file: String = "per_class.csv") throws {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw DiagnosisError("\(file): empty") }
        let header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ names: String...) -> Int? { header.firstIndex { names.contains($0) } }
        guard let name = column("class", "name"), let map50 = column("map50", "metrics/map50(b)"),
              let map = column("map50-95", "metrics/map50-95(b)") else {
            throw DiagnosisError("\(file): needs the columns Class, mAP50 and mAP50-95 (as metrics.to_csv() writes them)")
        }
        let instances = column("instances")
        rows = lines.compactMap { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count == header.count, f[name].lowercased() != "all" else { return nil }
            return Row(name: f[name], instances: instances.flatMap { Int(f[$0]) } ?? 0,
                       mAP50: Double(f[map50]) ?? 0, mAP50to95: Double(f[map]) ?? 0)
        }
    }
}
