/// Something worth telling the user that does not stop the command.
public enum ConfigurationWarning: Hashable, Sendable, CustomStringConvertible {
    /// A key set for a routine that does not read it.
    case ignoredKey(String, routine: Routine)
    /// An old key name, mapped onto its replacement.
    case deprecatedKey(String, replacement: String)
    /// `--key=value`: the dashes are dropped.
    case leadingDashes(String)
    /// `key=value,`: the trailing comma is dropped.
    case trailingComma(String)
    /// No mode given: the default mode runs.
    case missingMode(default: Mode)

    public var description: String {
        switch self {
        case .ignoredKey(let key, let routine):
            return "'\(key)' is not used by 'yolo \(routine.commandName)' and is ignored "
                + "(see 'yolo \(routine.commandName) help' for its keys)."
        case .deprecatedKey(let key, let replacement):
            return "'\(key)' is deprecated and will be removed; use '\(replacement)' instead."
        case .leadingDashes(let argument):
            return "argument '\(argument)' does not need leading dashes '--'; using '\(argument.drop { $0 == "-" })'."
        case .trailingComma(let argument):
            return "argument '\(argument)' does not need a trailing comma ','; using '\(argument.dropLast())'."
        case .missingMode(let mode):
            return "no mode given; running 'yolo \(mode.rawValue)'. Modes: "
                + Mode.allCases.filter(\.isImplemented).map(\.rawValue).joined(separator: ", ") + "."
        }
    }
}
