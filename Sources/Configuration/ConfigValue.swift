/// A configuration value as the reference holds it: None, bool, int, float, string, list or mapping.
public enum ConfigValue: Hashable, Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([ConfigValue])
    case mapping([ConfigEntry])

    /// Whether this is `None`.
    public var isNone: Bool { self == .none }

    /// The value as an integer (also an integral float), or nil.
    public var intValue: Int? {
        switch self {
        case .int(let value): return value
        case .float(let value) where value.rounded() == value && abs(value) < 1e15: return Int(value)
        default: return nil
        }
    }

    /// The value as a number (int or float), or nil.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .float(let value): return value
        default: return nil
        }
    }

    /// The value as a bool, or nil.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The value as a string, or nil.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements of a list, or nil.
    public var listValue: [ConfigValue]? {
        if case .list(let value) = self { return value }
        return nil
    }

    /// The name of the value's type as the reference's messages say it (`int`, `float`, `str`, ...).
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .list: return "list"
        case .mapping: return "dict"
        }
    }

    /// The value written as a command-line argument would write it (`True`, `None`, `0.01`, `[640, 480]`).
    public var commandLineText: String {
        switch self {
        case .none: return "None"
        case .bool(let value): return value ? "True" : "False"
        case .int(let value): return String(value)
        case .float(let value): return PythonFloat.repr(value)
        case .string(let value): return value
        case .list(let values): return "[" + values.map(\.nestedText).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { "'\($0.key)': \($0.value.nestedText)" }.joined(separator: ", ") + "}"
        }
    }

    /// Inside lists and mappings strings are quoted, as Python prints them.
    private var nestedText: String {
        if case .string(let value) = self { return "'\(value)'" }
        return commandLineText
    }
}

/// One key and value of an ordered mapping.
public struct ConfigEntry: Hashable, Sendable {
    /// The key.
    public var key: String
    /// The value.
    public var value: ConfigValue

    /// Creates an entry.
    public init(_ key: String, _ value: ConfigValue) {
        self.key = key
        self.value = value
    }
}

extension ConfigValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral
{
    public init(nilLiteral: ()) { self = .none }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: ConfigValue...) { self = .list(elements) }
}

extension ConfigValue: CustomStringConvertible {
    public var description: String { commandLineText }
}

/// Python's `repr` of a float, which both the reference's messages and its YAML files use.
enum PythonFloat {
    /// `repr(x)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16.
    static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let magnitude = abs(value)
        let swiftText = "\(value)"  // shortest round-trip digits
        if magnitude >= 1e-4 && magnitude < 1e16 {
            if swiftText.contains("e") { return expandExponent(swiftText) }
            return swiftText.contains(".") ? swiftText : swiftText + ".0"
        }
        return exponentForm(swiftText)
    }

    /// Turns Swift's `1.5e-05` or `1e+16` into Python's `1.5e-05` / `1e+16` (two-digit exponent, explicit sign).
    private static func exponentForm(_ text: String) -> String {
        let (mantissa, exponent) = split(text)
        var digits = mantissa
        if digits.hasSuffix(".0") { digits.removeLast(2) }
        let sign = exponent < 0 ? "-" : "+"
        let magnitude = abs(exponent)
        return "\(digits)e\(sign)\(magnitude < 10 ? "0" : "")\(magnitude)"
    }

    /// Writes a number Swift printed with an exponent in plain positional form.
    private static func expandExponent(_ text: String) -> String {
        let (mantissa, exponent) = split(text)
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? String(mantissa.dropFirst()) : mantissa
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var point = parts[0].count + exponent
        while point <= 0 { digits = "0" + digits; point += 1 }
        while digits.count < point { digits += "0" }
        var integer = String(digits.prefix(point))
        var fraction = String(digits.dropFirst(point))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if fraction.isEmpty { fraction = "0" }
        while integer.count > 1 && integer.hasPrefix("0") { integer.removeFirst() }
        return (negative ? "-" : "") + integer + "." + fraction
    }

    private static func split(_ text: String) -> (String, Int) {
        guard let index = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return (text, 0) }
        return (String(text[..<index]), Int(text[text.index(after: index)...]) ?? 0)
    }
}
