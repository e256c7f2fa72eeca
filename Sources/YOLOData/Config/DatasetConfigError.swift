/// A mistake in a dataset yaml: names the file, the key or line, and what to do about it.
public struct DatasetConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, for tests and callers that branch on it.
    public enum Kind: String, Sendable {
        case fileNotFound, unreadable, badYAML, notAMapping, missingKey, unknownKey, badValue
        case pathNotFound, namesCountMismatch, noImages
    }

    public let kind: Kind
    /// The yaml file.
    public let file: String
    /// The 1-based line, when known.
    public let line: Int?
    /// The key concerned, when there is one.
    public let key: String?
    /// What is wrong.
    public let problem: String
    /// What to do about it.
    public let fix: String

    public init(_ kind: Kind, file: String, line: Int? = nil, key: String? = nil, problem: String, fix: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        let keyPart = key.map { " key '\($0)':" } ?? ""
        return "\(location):\(keyPart) \(problem) — \(fix)"
    }
}
