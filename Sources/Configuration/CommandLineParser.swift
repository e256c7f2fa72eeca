import Foundation

/// Turns `yolo [TASK] MODE key=value ...` into a `Command`, the way the reference's `entrypoint` reads it.
public enum CommandLineParser {
    /// Words that run something other than a mode; matched case-insensitively, with or without dashes.
    static let specialWords: [String: String] = [
        "help": "help", "-h": "help", "--help": "help",
        "version": "version", "-v": "version", "--version": "version",
        "checks": "checks", "check": "checks", "settings": "settings", "setting": "settings",
        "cfg": "cfg", "copy-cfg": "copy-cfg",
    ]

    /// The command for these arguments (without the program name). Throws `ConfigurationError` for mistakes;
    /// `cfg=` files are read relative to `currentDirectory`.
    public static func parse(
        _ arguments: [String],
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws -> Command {
        let merged = mergeEqualsArguments(arguments)
        guard !merged.isEmpty else { return .help(.general) }
        var words = WordState()
        var assignments: [Assignment] = []
        var warnings: [ConfigurationWarning] = []
        var wantsHelp = false
        for (index, original) in merged.enumerated() {
            var argument = original
            if argument.hasPrefix("--"), specialWords[argument.lowercased()] == nil {
                warnings.append(.leadingDashes(argument))
                argument = String(argument.dropFirst(2))
            }
            if argument.hasSuffix(","), argument.count > 1 {
                warnings.append(.trailingComma(argument))
                argument.removeLast()
            }
            if let equals = argument.firstIndex(of: "=") {
                assignments.append(
                    try assignment(
                        key: argument[..<equals], text: argument[argument.index(after: equals)...], argument: argument))
                continue
            }
            if words.mode == .data, words.dataCommand == nil, try words.accept(argument) { continue }
            switch specialWords[argument.lowercased()] {
            case "help":
                wantsHelp = true
                continue
            case "settings":
                return .settings(try settingsAction(Array(merged[(index + 1)...])))
            case "version": return .version
            case "checks": return .checks
            case "cfg": return .printDefaults
            case "copy-cfg": return .copyDefaults
            default: break
            }
            if try words.accept(argument) { continue }
            if let spec = KeyTable.spec(argument) {
                guard spec.isSwitch else {
                    throw ConfigurationError.missingEquals(key: argument, example: spec.example)
                }
                assignments.append(Assignment(argument, .bool(true), text: "True", origin: .commandLine))
                continue
            }
            throw unknownWord(argument, modeGiven: words.mode != nil)
        }
        if wantsHelp { return .help(words.helpTopic) }
        return .run(
            try request(words: words, assignments: assignments, warnings: warnings, currentDirectory: currentDirectory))
    }

    /// Joins `key = value`, `key= value`, `key =value` and bracketed lists split by the shell (`imgsz=[640,`
    /// `480]`) into single arguments, as the reference's `merge_equals_args`.
    public static func mergeEqualsArguments(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "=" && index > 0 && index < arguments.count - 1 && !result.isEmpty {
                result[result.count - 1] += "=" + arguments[index + 1]
                index += 2
                continue
            }
            if argument.hasSuffix("=") && index < arguments.count - 1 && !arguments[index + 1].contains("=") {
                result.append(argument + arguments[index + 1])
                index += 2
                continue
            }
            if argument.hasPrefix("=") && index > 0 && !result.isEmpty {
                result[result.count - 1] += argument
                index += 1
                continue
            }
            depth += argument.filter { $0 == "[" }.count - argument.filter { $0 == "]" }.count
            current += argument
            if depth == 0 {
                result.append(current)
                current = ""
            }
            index += 1
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// `key=text` checked for an empty key or value; unknown keys are reported with suggestions.
    private static func assignment(key rawKey: Substring, text rawText: Substring, argument: String) throws
        -> Assignment
    {
        let key = rawKey.trimmingCharacters(in: .whitespaces)
        let text = rawText.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw ConfigurationError.missingKey(argument: argument) }
        let spec = KeyTable.spec(KeyTable.deprecated[key] ?? key)
        if spec == nil {
            throw ConfigurationError.unknownKey(
                key, suggestions: SimilarNames.closest(to: key, in: KeyTable.names), location: nil)
        }
        guard !text.isEmpty else {
            throw ConfigurationError.missingValue(key: key, example: spec?.example ?? "\(key)=...")
        }
        return Assignment.commandLine(key, text)
    }

    /// The error for a word that is neither task, mode, special command nor key.
    private static func unknownWord(_ word: String, modeGiven: Bool) -> ConfigurationError {
        let commands =
            Mode.allCases.filter(\.isImplemented).map(\.rawValue) + ["help", "version", "checks", "settings"]
        let close = SimilarNames.closest(to: word.lowercased(), in: commands)
        if !close.isEmpty || !modeGiven { return .unknownMode(word, suggestions: close) }
        return .unknownArgument(word, suggestions: SimilarNames.closest(to: word, in: KeyTable.names))
    }

    /// The action of `yolo settings ...`; values are checked against the settings table now.
    private static func settingsAction(_ rest: [String]) throws -> SettingsAction {
        if rest.isEmpty { return .show }
        if rest.count == 1 && rest[0].lowercased() == "reset" { return .reset }
        var scratch = Settings()
        var assignments: [Assignment] = []
        for argument in rest {
            guard let equals = argument.firstIndex(of: "=") else {
                let close = SimilarNames.closest(to: argument, in: SettingsTable.all.map(\.name) + ["reset"])
                throw ConfigurationError.unknownSetting(argument, suggestions: close)
            }
            let key = argument[..<equals].trimmingCharacters(in: .whitespaces)
            let text = argument[argument.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { throw ConfigurationError.missingValue(key: key, example: "\(key)=...") }
            let assignment = Assignment.commandLine(key, text)
            try scratch.set(key, assignment.value, text: text)
            assignments.append(assignment)
        }
        return .update(assignments)
    }
}
