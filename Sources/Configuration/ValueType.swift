/// The numbers a numeric key accepts: an interval, plus single extra values such as AutoBatch's `-1`.
public struct NumberRange: Hashable, Sendable {
    public var lower: Double?
    public var upper: Double?
    public var lowerInclusive: Bool
    public var upperInclusive: Bool
    /// Values accepted outside the interval (e.g. `-1` for `batch`).
    public var extras: [Double]

    public init(
        lower: Double? = nil, upper: Double? = nil, lowerInclusive: Bool = true, upperInclusive: Bool = true,
        extras: [Double] = []
    ) {
        self.lower = lower
        self.upper = upper
        self.lowerInclusive = lowerInclusive
        self.upperInclusive = upperInclusive
        self.extras = extras
    }

    /// Any number.
    public static let any = NumberRange()
    /// `x ≥ value`.
    public static func atLeast(_ value: Double) -> NumberRange { NumberRange(lower: value) }
    /// `x > value`.
    public static func above(_ value: Double) -> NumberRange { NumberRange(lower: value, lowerInclusive: false) }
    /// `low ≤ x ≤ high`.
    public static func between(_ low: Double, _ high: Double) -> NumberRange { NumberRange(lower: low, upper: high) }
    /// Only these values.
    public static func only(_ values: [Double]) -> NumberRange { NumberRange(lower: .infinity, extras: values) }
    /// `0 ≤ x ≤ 1`, the reference's fraction keys.
    public static let fraction = NumberRange(lower: 0, upper: 1)

    /// Whether the value is accepted.
    public func contains(_ value: Double) -> Bool {
        if extras.contains(value) { return true }
        if let lower, lowerInclusive ? value < lower : value <= lower { return false }
        if let upper, upperInclusive ? value > upper : value >= upper { return false }
        return !value.isNaN
    }

    /// The range in words: `at least 1`, `from 0.0 to 1.0`, `greater than 0.0`.
    func text(integer: Bool) -> String {
        func number(_ value: Double) -> String { integer ? String(Int(value)) : PythonFloat.repr(value) }
        if lower == .infinity { return extras.map(number).joined(separator: ", ") }
        var text: String
        switch (lower, upper) {
        case let (low?, high?) where lowerInclusive && upperInclusive: text = "from \(number(low)) to \(number(high))"
        case let (low?, high?):
            text =
                "\(lowerInclusive ? "at least" : "greater than") \(number(low)) and "
                + "\(upperInclusive ? "at most" : "less than") \(number(high))"
        case let (low?, nil): text = "\(lowerInclusive ? "at least" : "greater than") \(number(low))"
        case let (nil, high?): text = "\(upperInclusive ? "at most" : "less than") \(number(high))"
        case (nil, nil): text = ""
        }
        for extra in extras { text += text.isEmpty ? number(extra) : " or \(number(extra))" }
        return text
    }
}

/// The type of a key's value; validation turns an accepted value into its canonical form.
public indirect enum ValueType: Hashable, Sendable {
    case bool
    case int(NumberRange)
    case float(NumberRange)
    /// Free text (numbers given for it keep the text as typed: `name=001`).
    case string
    /// A file or folder path.
    case path
    /// One of these words, matched case-insensitively and stored as spelled here.
    case choice([String])
    /// A list whose length lies in `count` (when given).
    case list(ValueType, count: ClosedRange<Int>?)
    /// The first of these types that accepts the value.
    case oneOf([ValueType])
    /// Any value, stored as given (lists of mappings such as `augmentations`).
    case any

    /// The canonical form of `value` (with `text`, the value as the user typed it), or nil if not accepted.
    public func normalized(_ value: ConfigValue, text: String? = nil) -> ConfigValue? {
        switch self {
        case .bool:
            return value.boolValue.map(ConfigValue.bool)
        case .int(let range):
            if case .bool = value { return nil }
            guard let number = value.intValue, range.contains(Double(number)) else { return nil }
            return .int(number)
        case .float(let range):
            guard let number = value.doubleValue, range.contains(number) else { return nil }
            return .float(number)
        case .string, .path:
            switch value {
            case .string: return value
            case .int, .float, .bool: return .string(text ?? value.commandLineText)
            default: return nil
            }
        case .choice(let choices):
            let word = value.stringValue ?? text ?? value.commandLineText
            return choices.first { $0.lowercased() == word.lowercased() }.map(ConfigValue.string)
        case .list(let element, let count):
            guard case .list(let elements) = value else { return nil }
            if let count, !count.contains(elements.count) { return nil }
            var result: [ConfigValue] = []
            for item in elements {
                guard let normalized = element.normalized(item) else { return nil }
                result.append(normalized)
            }
            return .list(result)
        case .oneOf(let types):
            for type in types {
                if let normalized = type.normalized(value, text: text) { return normalized }
            }
            return nil
        case .any:
            return value
        }
    }

    /// What the type accepts, in words: `an integer at least 1`, `True or False`, `one of ram, disk`.
    public var acceptedText: String {
        switch self {
        case .bool: return "True or False"
        case .int(let range):
            let bounds = range.text(integer: true)
            return bounds.isEmpty ? "an integer" : "an integer \(bounds)"
        case .float(let range):
            let bounds = range.text(integer: false)
            return bounds.isEmpty ? "a number" : "a number \(bounds)"
        case .string: return "a text"
        case .path: return "a file path"
        case .choice(let choices): return "one of " + choices.joined(separator: ", ")
        case .list(let element, let count):
            var text = "a list"
            if let count {
                text +=
                    count.lowerBound == count.upperBound
                    ? " of \(count.lowerBound)" : " of \(count.lowerBound) to \(count.upperBound)"
            }
            return text + " (each \(element.acceptedText))"
        case .oneOf(let types): return types.map(\.acceptedText).joined(separator: ", or ")
        case .any: return "any value"
        }
    }

    /// A short name for help tables: `int`, `float`, `bool`, `str`, `int | list`.
    public var shortName: String {
        switch self {
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .path: return "path"
        case .choice: return "str"
        case .list: return "list"
        case .oneOf(let types):
            var names: [String] = []
            for name in types.map(\.shortName) where !names.contains(name) { names.append(name) }
            return names.joined(separator: " | ")
        case .any: return "any"
        }
    }
}
