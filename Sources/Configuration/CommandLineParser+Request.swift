import Foundation

/// The positional words of a command line: task, mode and `yolo data`'s sub-command.
struct WordState {
    var task: YOLOTask?
    var mode: Mode?
    var dataCommand: DataCommand?

    /// Takes a task, mode or data sub-command word; false when the word is none of these.
    mutating func accept(_ word: String) throws -> Bool {
        let lower = word.lowercased()
        if mode == .data && dataCommand == nil {
            guard let command = DataCommand(rawValue: lower) else {
                if CommandLineParser.specialWords[lower] != nil { return false }
                let close = SimilarNames.closest(to: lower, in: DataCommand.allCases.map(\.rawValue))
                if close.isEmpty && (KeyTable.spec(word) != nil || Mode(rawValue: lower) != nil) { return false }
                throw ConfigurationError.unknownDataCommand(word, suggestions: close)
            }
            dataCommand = command
            return true
        }
        if let newTask = YOLOTask(rawValue: lower) {
            if let task, task != newTask {
                throw ConfigurationError.conflictingWords(kind: "task", first: task.rawValue, second: lower)
            }
            task = newTask
            return true
        }
        if YOLOTask.referenceOnly.contains(lower) { throw ConfigurationError.unsupportedTask(word) }
        if let newMode = Mode(rawValue: lower) {
            if let mode, mode != newMode {
                throw ConfigurationError.conflictingWords(kind: "mode", first: mode.rawValue, second: lower)
            }
            mode = newMode
            return true
        }
        return false
    }

    /// What `help` among these words asks for.
    var helpTopic: HelpTopic {
        guard let mode else { return .general }
        if mode == .data && dataCommand == nil { return .data }
        return .routine(Routine(mode: mode, dataCommand: dataCommand))
    }
}

extension CommandLineParser {
    /// Resolves the configuration and the routine: the mode word, else `mode=` (command line or cfg file),
    /// else `train` with a warning.
    static func request(
        words: WordState, assignments: [Assignment], warnings: [ConfigurationWarning], currentDirectory: URL
    ) throws -> RunRequest {
        var assignments = assignments
        if let mode = words.mode {
            assignments.append(Assignment("mode", .string(mode.rawValue), origin: .commandLine))
        }
        if let task = words.task {
            assignments.append(Assignment("task", .string(task.rawValue), origin: .commandLine))
        }
        var (configuration, resolveWarnings) = try Configuration.resolve(
            assignments: assignments, currentDirectory: currentDirectory)
        var allWarnings = warnings + resolveWarnings
        if configuration.origin(of: "mode") == .defaultValue {
            allWarnings.append(.missingMode(default: configuration.mode))
        }
        let mode = configuration.mode
        guard mode.isImplemented else { throw ConfigurationError.unsupportedMode(mode) }
        if mode == .data && words.dataCommand == nil { throw ConfigurationError.missingDataCommand }
        let routine = Routine(mode: mode, dataCommand: words.dataCommand)
        try configuration.adopt(routine)
        for key in configuration.explicitKeys where configuration.origin(of: key) == .commandLine {
            guard let spec = KeyTable.spec(key), !spec.routines.contains(routine) else { continue }
            allWarnings.append(.ignoredKey(key, routine: routine))
        }
        let explicitTask = configuration.origin(of: "task") == .defaultValue ? nil : configuration.task
        return RunRequest(
            routine: routine, explicitTask: explicitTask, configuration: configuration, warnings: allWarnings)
    }
}
