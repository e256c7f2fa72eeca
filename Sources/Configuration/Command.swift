/// What a `yolo` command line asks for.
public enum Command: Hashable, Sendable {
    /// Run a mode (or a `yolo data` sub-command) with a resolved configuration.
    case run(RunRequest)
    /// Print help: `yolo help`, `yolo MODE help`, `yolo data help`.
    case help(HelpTopic)
    /// `yolo version`.
    case version
    /// `yolo checks`: the machine and library versions.
    case checks
    /// `yolo settings [key=value ... | reset]`.
    case settings(SettingsAction)
    /// `yolo cfg`: print the default configuration (`HelpText.defaults`).
    case printDefaults
    /// `yolo copy-cfg`: write the default configuration to `default_copy.yaml` in the current folder.
    case copyDefaults
}

/// The subject of a help text.
public enum HelpTopic: Hashable, Sendable {
    /// Modes, syntax and examples (`yolo help`).
    case general
    /// The keys of one routine (`yolo train help`, `yolo data split help`).
    case routine(Routine)
    /// The sub-commands of `yolo data` (`yolo data help`).
    case data
}

/// What `yolo settings` does.
public enum SettingsAction: Hashable, Sendable {
    /// Print the settings.
    case show
    /// Persist these values (already checked against the settings table), then print.
    case update([Assignment])
    /// Restore the defaults, then print.
    case reset
}

/// A routine to run and its configuration.
public struct RunRequest: Hashable, Sendable {
    /// What runs (`train`, `data split`, ...).
    public var routine: Routine
    /// The task if the user gave one (word, key or cfg file); nil means infer it from the model.
    public var explicitTask: YOLOTask?
    /// Every key, resolved: defaults < cfg file < command line.
    public var configuration: Configuration
    /// Things to print before running (ignored keys, deprecated names, missing mode).
    public var warnings: [ConfigurationWarning]

    public init(
        routine: Routine, explicitTask: YOLOTask?, configuration: Configuration, warnings: [ConfigurationWarning]
    ) {
        self.routine = routine
        self.explicitTask = explicitTask
        self.configuration = configuration
        self.warnings = warnings
    }
}
