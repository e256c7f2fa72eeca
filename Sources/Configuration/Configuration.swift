import Foundation

/// Where a key's value came from, lowest precedence first.
public enum ValueOrigin: Hashable, Sendable {
    /// The key table's default.
    case defaultValue
    /// A `cfg=` file (or another YAML such as a checkpoint's `train_args`).
    case file(SourceLocation)
    /// The command line.
    case commandLine
    /// Swift code (`YOLO(...).train(epochs: 3)`).
    case api
}

/// One `key = value` to apply, with the text as typed (numbers given for text keys keep it: `name=001`).
public struct Assignment: Hashable, Sendable {
    public var key: String
    public var value: ConfigValue
    public var text: String?
    public var origin: ValueOrigin

    public init(_ key: String, _ value: ConfigValue, text: String? = nil, origin: ValueOrigin = .api) {
        self.key = key
        self.value = value
        self.text = text
        self.origin = origin
    }

    /// `key=text` from the command line, parsed as the reference parses values.
    public static func commandLine(_ key: String, _ text: String) -> Assignment {
        Assignment(key, ValueParser.parse(text), text: text, origin: .commandLine)
    }
}

/// A resolved configuration: every key of the table with a validated value and where it came from.
public struct Configuration: Hashable, Sendable {
    private var values: [String: ConfigValue]
    private var origins: [String: ValueOrigin] = [:]
    /// The text each set value was typed as, for messages.
    private var texts: [String: String] = [:]
    /// The routine the values were checked for, once known (its defaults and types apply).
    public private(set) var routine: Routine?

    /// Every key at its default (for `routine`, when given).
    public init(routine: Routine? = nil) {
        self.routine = routine
        values = Dictionary(uniqueKeysWithValues: KeyTable.all.map { ($0.name, $0.defaultValue(for: routine)) })
    }

    /// The defaults.
    public static let defaults = Configuration()

    /// The value of `key` (None for a key that is not in the table).
    public subscript(key: String) -> ConfigValue { values[key] ?? .none }

    /// Where the value of `key` came from.
    public func origin(of key: String) -> ValueOrigin { origins[key] ?? .defaultValue }

    /// Keys set by a file, the command line or code, in table order.
    public var explicitKeys: [String] { KeyTable.names.filter { origins[$0] != nil } }

    /// Every key and value in `args.yaml` order.
    public var entries: [ConfigEntry] { KeyTable.all.map { ConfigEntry($0.name, self[$0.name]) } }

    /// Validates and stores one value; returns warnings (e.g. a deprecated key that was mapped).
    @discardableResult
    public mutating func apply(_ assignment: Assignment) throws -> [ConfigurationWarning] {
        var assignment = assignment
        var warnings: [ConfigurationWarning] = []
        if let replacement = KeyTable.deprecated[assignment.key] {
            warnings.append(.deprecatedKey(assignment.key, replacement: replacement))
            guard let mapped = Self.mapDeprecated(assignment) else { return warnings }
            assignment = mapped
        }
        let location: SourceLocation? = if case .file(let place) = assignment.origin { place } else { nil }
        guard let spec = KeyTable.spec(assignment.key) else {
            let suggestions = SimilarNames.closest(to: assignment.key, in: KeyTable.names)
            throw ConfigurationError.unknownKey(assignment.key, suggestions: suggestions, location: location)
        }
        if spec.name == "mode", let word = assignment.value.stringValue ?? assignment.text,
            Mode(rawValue: word.lowercased()) == nil
        {
            let names = Mode.allCases.filter(\.isImplemented).map(\.rawValue)
            throw ConfigurationError.unknownMode(word, suggestions: SimilarNames.closest(to: word, in: names))
        }
        if spec.name == "task", let word = assignment.value.stringValue,
            YOLOTask.referenceOnly.contains(word.lowercased())
        {
            throw ConfigurationError.unsupportedTask(word)
        }
        guard let value = spec.normalized(assignment.value, text: assignment.text, routine: routine) else {
            throw ConfigurationError.invalidValue(
                key: spec.name, text: assignment.text ?? assignment.value.commandLineText,
                accepted: spec.acceptedText(for: routine), example: spec.example(for: routine), location: location)
        }
        values[spec.name] = value
        origins[spec.name] = assignment.origin
        texts[spec.name] = assignment.text
        return warnings
    }

    /// Settles the routine: keys nobody set take its defaults, and set values are checked against its types.
    public mutating func adopt(_ routine: Routine) throws {
        self.routine = routine
        for spec in KeyTable.all {
            guard let origin = origins[spec.name] else {
                values[spec.name] = spec.defaultValue(for: routine)
                continue
            }
            let value = self[spec.name]
            guard spec.normalized(value, routine: routine) == nil else { continue }
            let location: SourceLocation? = if case .file(let place) = origin { place } else { nil }
            throw ConfigurationError.invalidValue(
                key: spec.name, text: texts[spec.name] ?? value.commandLineText,
                accepted: spec.acceptedText(for: routine),
                example: spec.example(for: routine), location: location)
        }
    }

    /// A copy with one more assignment applied.
    public func applying(_ assignments: [Assignment]) throws -> Configuration {
        var copy = self
        for assignment in assignments { try copy.apply(assignment) }
        return copy
    }

    /// Defaults < `cfg` file < assignments (whatever their order), validated; `cfg=` among the assignments
    /// names the file, relative to `currentDirectory`. With a `routine`, its defaults and types apply (else call
    /// `adopt(_:)` once the routine is known). Returns the configuration and its warnings.
    public static func resolve(
        cfgFile: String? = nil, assignments: [Assignment] = [], routine: Routine? = nil,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws -> (configuration: Configuration, warnings: [ConfigurationWarning]) {
        var configuration = Configuration(routine: routine)
        var warnings: [ConfigurationWarning] = []
        let cfgAssignment = assignments.last { $0.key == "cfg" && !$0.value.isNone }
        let path = cfgAssignment.flatMap { $0.value.stringValue ?? $0.text } ?? cfgFile
        if let path {
            for assignment in try ConfigFile.load(path: path, currentDirectory: currentDirectory) {
                warnings += try configuration.apply(assignment)
            }
            try configuration.apply(Assignment("cfg", .string(path), origin: cfgAssignment?.origin ?? .api))
        }
        for assignment in assignments where assignment.key != "cfg" {
            warnings += try configuration.apply(assignment)
        }
        return (configuration, warnings)
    }

    /// The reference's replacements for old keys (`boxes` → `show_boxes`, `half=True` → `quantize=fp16`).
    private static func mapDeprecated(_ assignment: Assignment) -> Assignment? {
        var mapped = assignment
        mapped.key = KeyTable.deprecated[assignment.key] ?? assignment.key
        switch assignment.key {
        case "half", "int8":
            guard assignment.value.boolValue == true else { return nil }
            mapped.value = .string(assignment.key == "half" ? "fp16" : "int8")
            mapped.text = nil
        case "end2end":
            guard let flag = assignment.value.boolValue else { return mapped }
            mapped.value = .bool(!flag)
            mapped.text = nil
        default: break
        }
        return mapped
    }
}
