import Configuration
import TorchFormat

/// Configuration values in a checkpoint's `train_args` dict and back (resume reads the run's settings from there).
extension ConfigValue {
    /// The value as a pickle value (None, bool, int, float, str, list, dict).
    public var pickleValue: PickleValue {
        switch self {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .list(let items): return .list(items.map(\.pickleValue))
        case .mapping(let entries): return .dict(entries.map { PickleDictItem(.string($0.key), $0.value.pickleValue) })
        }
    }

    /// A pickle value read back as a configuration value (tuples as lists; other objects as their text).
    public init(pickle: PickleValue) {
        switch pickle {
        case .none: self = .none
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(Int(i))
        case .float(let d): self = .float(d)
        case .string(let s): self = .string(s)
        case .list(let items), .tuple(let items): self = .list(items.map(ConfigValue.init(pickle:)))
        case .dict(let items):
            self = .mapping(items.compactMap { item in
                guard case .string(let key) = item.key else { return nil }
                return ConfigEntry(key, ConfigValue(pickle: item.value))
            })
        default: self = .string("\(pickle)")
        }
    }
}

extension Configuration {
    /// `train_args` of a checkpoint: every key with its value.
    public var trainArgs: [(String, PickleValue)] { entries.map { ($0.key, $0.value.pickleValue) } }

    /// The key/value texts args.yaml shows (for trackers' parameters).
    public var argumentTexts: [(key: String, value: String)] { entries.map { ($0.key, $0.value.commandLineText) } }
}
