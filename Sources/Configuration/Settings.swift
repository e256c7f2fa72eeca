/// One persisted setting: its type, default and help.
public struct SettingSpec: Sendable {
    public let name: String
    public let type: ValueType
    public let defaultValue: ConfigValue
    public let help: String
}

/// The persisted settings' keys (the reference's `settings.json` keys that this project uses).
public enum SettingsTable {
    /// The version written into new settings files.
    public static let version = "1"

    /// Every setting in file order.
    public static let all: [SettingSpec] = [
        SettingSpec(
            name: "datasets_dir", type: .path, defaultValue: "datasets",
            help: "folder where dataset names such as data=coco8.yaml are looked up (relative: the current folder)"),
        SettingSpec(
            name: "weights_dir", type: .path, defaultValue: "weights",
            help: "folder where model names such as model=yolo26n.pt are looked up"),
        SettingSpec(
            name: "runs_dir", type: .path, defaultValue: "runs",
            help: "folder that holds the run folders (runs/detect/train, ...)"),
        SettingSpec(
            name: "tensorboard", type: .bool, defaultValue: false,
            help: "write TensorBoard event files into every training run"),
        SettingSpec(
            name: "mlflow", type: .bool, defaultValue: false,
            help: "log every training run to MLflow at MLFLOW_TRACKING_URI"),
    ]

    /// The setting called `name`, if any.
    public static func spec(_ name: String) -> SettingSpec? { all.first { $0.name == name } }
}

/// The persisted settings: folders and the loggers every run uses unless the run's keys say otherwise.
public struct Settings: Hashable, Sendable {
    private var values: [String: ConfigValue]

    /// The defaults.
    public init() {
        values = Dictionary(uniqueKeysWithValues: SettingsTable.all.map { ($0.name, $0.defaultValue) })
    }

    /// The value of a setting (None for an unknown name).
    public subscript(name: String) -> ConfigValue { values[name] ?? .none }

    /// Validates and stores one setting.
    public mutating func set(_ name: String, _ value: ConfigValue, text: String? = nil) throws {
        guard let spec = SettingsTable.spec(name) else {
            let suggestions = SimilarNames.closest(to: name, in: SettingsTable.all.map(\.name))
            throw ConfigurationError.unknownSetting(name, suggestions: suggestions)
        }
        guard let normalized = spec.type.normalized(value, text: text) else {
            throw ConfigurationError.invalidSetting(
                key: name, text: text ?? value.commandLineText, accepted: spec.type.acceptedText)
        }
        values[name] = normalized
    }

    /// Folder for dataset names.
    public var datasetsDir: String { values["datasets_dir"]?.stringValue ?? "datasets" }
    /// Folder for model names.
    public var weightsDir: String { values["weights_dir"]?.stringValue ?? "weights" }
    /// Folder for run folders.
    public var runsDir: String { values["runs_dir"]?.stringValue ?? "runs" }
    /// Whether training writes TensorBoard event files.
    public var tensorboard: Bool { values["tensorboard"]?.boolValue ?? false }
    /// Whether training logs to MLflow.
    public var mlflow: Bool { values["mlflow"]?.boolValue ?? false }

    /// The settings as the JSON the settings file holds (`settings_version` first, then table order).
    public var json: String {
        var lines = ["  \"settings_version\": \(Self.jsonString(SettingsTable.version))"]
        for spec in SettingsTable.all {
            let value = self[spec.name]
            let text: String
            switch value {
            case .bool(let flag): text = flag ? "true" : "false"
            case .string(let string): text = Self.jsonString(string)
            case .none: text = "null"
            default: text = Self.jsonString(value.commandLineText)
            }
            lines.append("  \(Self.jsonString(spec.name)): \(text)")
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    private static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
