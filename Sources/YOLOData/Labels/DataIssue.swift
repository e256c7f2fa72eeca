/// One problem found in a dataset, printed as `file:line: problem — fix`.
public struct DataIssue: Sendable, Codable, Equatable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Codable {
        /// Something was changed or assumed (clipped, duplicate removed, labels found beside images).
        case note
        /// The image (or label row) could not be used and was skipped.
        case error
    }

    public var severity: Severity
    public var file: String
    /// The 1-based line in `file`, when the problem is on one line.
    public var line: Int?
    public var problem: String
    public var fix: String

    public init(_ severity: Severity, file: String, line: Int? = nil, problem: String, fix: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return fix.isEmpty ? "\(location): \(problem)" : "\(location): \(problem) — \(fix)"
    }
}

/// A dataset that cannot be used at all (no images, no labels): says what to check.
public struct DatasetError: Error, CustomStringConvertible, Sendable {
    public let problem: String
    public let fix: String

    public init(problem: String, fix: String) {
        self.problem = problem
        self.fix = fix
    }

    public var description: String { "\(problem) — \(fix)" }
}
