/// Where a value was written: a configuration file and line, or the command line.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `experiment.yaml:3`.
    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// A mistake in a command line, a configuration file or the settings; the text says what to do.
public enum ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A key that is not in the table.
    case unknownKey(String, suggestions: [String], location: SourceLocation?)
    /// A value of the wrong type or out of range.
    case invalidValue(key: String, text: String, accepted: String, example: String, location: SourceLocation?)
    /// `key=` with nothing after the sign.
    case missingValue(key: String, example: String)
    /// A key typed without `=value` (only bool keys may be bare).
    case missingEquals(key: String, example: String)
    /// `=value` with no key.
    case missingKey(argument: String)
    /// A word that is not a mode, task, special command or key.
    case unknownArgument(String, suggestions: [String])
    /// A mode word (or `mode=` value) that does not exist.
    case unknownMode(String, suggestions: [String])
    /// A mode of the reference that this project does not implement yet.
    case unsupportedMode(Mode)
    /// A task of the reference that this project does not implement.
    case unsupportedTask(String)
    /// Two modes or two tasks on one command line.
    case conflictingWords(kind: String, first: String, second: String)
    /// `yolo data` without split, check, stats or preview.
    case missingDataCommand
    /// `yolo data <word>` with an unknown word.
    case unknownDataCommand(String, suggestions: [String])
    /// `cfg=` names a file that does not exist.
    case configFileNotFound(path: String)
    /// The configuration file cannot be read or is not YAML with one mapping of keys.
    case configFileInvalid(path: String, line: Int?, reason: String)
    /// `yolo settings key=value` with an unknown key.
    case unknownSetting(String, suggestions: [String])
    /// `yolo settings key=value` with a wrong value.
    case invalidSetting(key: String, text: String, accepted: String)
    /// The settings file cannot be written.
    case settingsNotWritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownKey(let key, let suggestions, let location):
            let prefix = location.map { "\($0): " } ?? ""
            return prefix + "'\(key)' is not a valid YOLO key." + Self.didYouMean(suggestions)
                + " Run 'yolo help' for the modes and 'yolo MODE help' for the keys of a mode."
        case .invalidValue(let key, let text, let accepted, let example, let location):
            let written = location == nil ? "'\(key)=\(text)'" : "'\(key): \(text)'"
            let prefix = location.map { "\($0): " } ?? ""
            return prefix + "\(written) is not valid: '\(key)' must be \(accepted), e.g. \(example)."
        case .missingValue(let key, let example):
            return "'\(key)=' is missing its value: put the value right after '=', e.g. \(example)."
        case .missingEquals(let key, let example):
            return "'\(key)' is a valid key but is missing '=' and a value: try \(example)."
        case .missingKey(let argument):
            return "'\(argument)' has no key before '=': write key=value, e.g. epochs=100."
        case .unknownArgument(let word, let suggestions):
            return "'\(word)' is not a valid mode, task or key=value argument." + Self.didYouMean(suggestions)
                + " Run 'yolo help' for the syntax: yolo [TASK] MODE key=value ..."
        case .unknownMode(let word, let suggestions):
            return "'\(word)' is not a valid mode." + Self.didYouMean(suggestions) + " Modes: "
                + Self.modeList + ". Run 'yolo help' for examples."
        case .unsupportedMode(let mode):
            return "'yolo \(mode.rawValue)' is not available in this version. Modes: \(Self.modeList)."
        case .unsupportedTask(let task):
            return "task '\(task)' is not supported: use "
                + YOLOTask.allCases.map(\.rawValue).joined(separator: ", ")
                + " (or leave it out to infer it from the model)."
        case .conflictingWords(let kind, let first, let second):
            return "two \(kind)s given ('\(first)' and '\(second)'): give one, e.g. yolo detect train ..."
        case .missingDataCommand:
            return "'yolo data' needs a sub-command: " + DataCommand.allCases.map(\.rawValue).joined(separator: ", ")
                + ", e.g. yolo data check data=data.yaml. Run 'yolo data help' for details."
        case .unknownDataCommand(let word, let suggestions):
            return "'\(word)' is not a 'yolo data' sub-command." + Self.didYouMean(suggestions) + " Sub-commands: "
                + DataCommand.allCases.map(\.rawValue).joined(separator: ", ") + "."
        case .configFileNotFound(let path):
            return "configuration file '\(path)' not found: check the path given to cfg= (relative paths start "
                + "in the current folder)."
        case .configFileInvalid(let path, let line, let reason):
            let place = line.map { "\(path):\($0)" } ?? path
            return "\(place): \(reason)"
        case .unknownSetting(let key, let suggestions):
            return "'\(key)' is not a valid setting." + Self.didYouMean(suggestions) + " Settings: "
                + SettingsTable.all.map(\.name).joined(separator: ", ") + "."
        case .invalidSetting(let key, let text, let accepted):
            return "'\(key)=\(text)' is not valid: setting '\(key)' must be \(accepted)."
        case .settingsNotWritable(let path, let reason):
            return "cannot write the settings file '\(path)' (\(reason)): check its folder's permissions or set "
                + "YOLO_CONFIG_DIR to a writable folder."
        }
    }

    /// The implemented modes, for messages.
    static var modeList: String { Mode.allCases.filter(\.isImplemented).map(\.rawValue).joined(separator: ", ") }

    /// ` Did you mean 'a' or 'b'?`, or nothing.
    static func didYouMean(_ suggestions: [String]) -> String {
        guard !suggestions.isEmpty else { return "" }
        let quoted = suggestions.map { "'\($0)'" }
        let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
        return " Did you mean \(list)?"
    }
}
