/// Where a key belongs in help texts (the reference's default.yaml sections, plus the project's own).
public enum KeySection: String, CaseIterable, Sendable {
    case general = "General"
    case train = "Train settings"
    case segmentation = "Segmentation"
    case classification = "Classification"
    case validation = "Val/Test settings"
    case predict = "Predict settings"
    case visualize = "Visualize settings"
    case export = "Export settings"
    case hyperparameters = "Hyperparameters"
    case augmentation = "Augmentation"
    case customConfig = "Custom config.yaml"
    case tracker = "Tracker settings"
    case project = "Project keys (not in the reference)"
}

/// One configuration key: its type, default, accepted values, help and the routines that use it.
public struct KeySpec: Sendable {
    /// The key as users type it, with the reference's spelling (`lr0`, `save_period`).
    public let name: String
    /// The type its values must have.
    public let type: ValueType
    /// The value when nobody sets it.
    public let defaultValue: ConfigValue
    /// Whether `None` is accepted (the reference's `(…, optional)` keys).
    public let isOptional: Bool
    /// The help section.
    public let section: KeySection
    /// One line of help.
    public let help: String
    /// The routines that read the key; setting it for another routine warns that it is ignored.
    public let routines: Set<Routine>
    /// A value to show in messages when the default (None) makes a poor example.
    public let exampleValue: String?
    /// What the key accepts in words, where the type's own words would be clumsy (`batch`).
    private let acceptsText: String?
    /// Routines that use the key with another type or default (`yolo learn` wants `lr0=2.0`).
    public private(set) var variants: [Routine: Variant] = [:]

    /// A routine's own type and default for the key.
    public struct Variant: Sendable {
        public var type: ValueType?
        public var defaultValue: ConfigValue?
    }

    public init(
        _ name: String, _ type: ValueType, _ defaultValue: ConfigValue, section: KeySection,
        routines: Set<Routine>, help: String, optional: Bool = false, example: String? = nil,
        accepts: String? = nil
    ) {
        self.acceptsText = accepts
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.isOptional = optional || defaultValue.isNone
        self.section = section
        self.help = help
        self.routines = routines
        self.exampleValue = example
    }

    /// The key with another type and/or default for one routine.
    public func varying(for routine: Routine, type: ValueType? = nil, default value: ConfigValue? = nil) -> KeySpec {
        var copy = self
        copy.variants[routine] = Variant(type: type, defaultValue: value)
        return copy
    }

    /// The default for a routine (the table's default when the routine has none of its own, or is unknown).
    public func defaultValue(for routine: Routine?) -> ConfigValue {
        routine.flatMap { variants[$0]?.defaultValue } ?? defaultValue
    }

    /// The type for a routine.
    public func type(for routine: Routine?) -> ValueType {
        routine.flatMap { variants[$0]?.type } ?? type
    }

    /// Whether the key belongs to the reference's default.yaml.
    public var isReferenceKey: Bool { section != .project }

    /// An example argument: `epochs=100`.
    public var example: String { example(for: nil) }

    /// An example argument for a routine: `lr0=2.0` for `yolo learn`.
    public func example(for routine: Routine?) -> String {
        "\(name)=\(exampleValue ?? defaultValue(for: routine).commandLineText)"
    }

    /// What the key accepts, in words: `an integer at least 1`.
    public var acceptedText: String { acceptedText(for: nil) }

    /// What the key accepts for a routine, in words.
    public func acceptedText(for routine: Routine?) -> String {
        let own = routine.flatMap { variants[$0]?.type }?.acceptedText
        return (own ?? acceptsText ?? type.acceptedText) + (isOptional ? ", or None" : "")
    }

    /// The canonical form of a value for this key, or nil when it is not accepted. With no routine (not known
    /// yet), a value that some routine accepts is accepted; `Configuration.adopt(_:)` checks it again.
    public func normalized(_ value: ConfigValue, text: String? = nil, routine: Routine? = nil) -> ConfigValue? {
        if value.isNone { return isOptional ? ConfigValue.none : nil }
        if let routine { return type(for: routine).normalized(value, text: text) }
        if let normalized = type.normalized(value, text: text) { return normalized }
        for variant in variants.values {
            if let normalized = variant.type?.normalized(value, text: text) { return normalized }
        }
        return nil
    }

    /// Whether the key is a bool switch, which a bare word (`resume`) turns on.
    public var isSwitch: Bool {
        switch type {
        case .bool: return true
        case .oneOf(let types): return types.first == .bool
        default: return false
        }
    }
}

/// Groups of routines that keys share.
extension Set where Element == Routine {
    /// Every routine.
    static let everything = Set(Routine.allCases)
    /// Routines that load a model.
    static let modelRoutines: Set<Routine> = [.train, .val, .predict, .export, .track, .benchmark, .info]
    /// Routines that write a run folder.
    static let runFolders: Set<Routine> = [.train, .val, .predict, .track]
    /// Routines that draw predictions.
    static let drawing: Set<Routine> = [.predict, .track]
    /// Routines that augment training images.
    static let augmenting: Set<Routine> = [.train, .dataPreview]
}
