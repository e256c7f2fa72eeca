import Foundation

/// Writes values as PyYAML's `safe_dump(..., sort_keys=False)` writes them, which is how the reference
/// writes `args.yaml`: `null`, `true`, floats by Python's repr, block lists, strings quoted only when needed.
public enum YAMLWriter {
    /// A YAML document of one mapping, keys in the given order.
    public static func document(_ entries: [ConfigEntry]) -> String {
        var lines: [String] = []
        appendMapping(entries, indent: "", into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One scalar as it appears after `key: ` (lists and mappings written inline in flow style).
    public static func inline(_ value: ConfigValue) -> String {
        switch value {
        case .list(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { "\(string($0.key)): \(inline($0.value))" }.joined(separator: ", ") + "}"
        default: return scalar(value)
        }
    }

    private static func appendMapping(_ entries: [ConfigEntry], indent: String, into lines: inout [String]) {
        for entry in entries {
            let key = indent + string(entry.key) + ":"
            switch entry.value {
            case .list(let items) where !items.isEmpty:
                lines.append(key)
                appendSequence(items, indent: indent, into: &lines)
            case .mapping(let nested) where !nested.isEmpty:
                lines.append(key)
                appendMapping(nested, indent: indent + "  ", into: &lines)
            default:
                lines.append(key + " " + inline(entry.value))
            }
        }
    }

    /// PyYAML puts a mapping's sequence items at the key's column: `key:\n- a`.
    private static func appendSequence(_ items: [ConfigValue], indent: String, into lines: inout [String]) {
        for item in items {
            switch item {
            case .list(let nested) where !nested.isEmpty:
                var inner: [String] = []
                appendSequence(nested, indent: indent + "  ", into: &inner)
                lines.append(indent + "- " + inner[0].dropFirst(indent.count + 2))
                lines += inner.dropFirst()
            case .mapping(let nested) where !nested.isEmpty:
                var inner: [String] = []
                appendMapping(nested, indent: indent + "  ", into: &inner)
                lines.append(indent + "- " + inner[0].dropFirst(indent.count + 2))
                lines += inner.dropFirst()
            default:
                lines.append(indent + "- " + inline(item))
            }
        }
    }

    /// A scalar: `null`, `true`, `640`, `0.01`, `1.0e-05`, `data.yaml`, `'640'`.
    static func scalar(_ value: ConfigValue) -> String {
        switch value {
        case .none: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .float(let number): return float(number)
        case .string(let text): return string(text)
        case .list, .mapping: return inline(value)
        }
    }

    /// PyYAML's float: `repr`, with `.0` added to a bare exponent mantissa; `.inf`, `.nan`.
    static func float(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        let text = PythonFloat.repr(number)
        if !text.contains("."), text.contains("e") { return text.replacingFirst("e", with: ".0e") }
        return text
    }

    /// A string plain when PyYAML would leave it plain, else single-quoted (double-quoted with escapes when it
    /// holds control characters).
    static func string(_ text: String) -> String {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            var escaped = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\n": escaped += "\\n"
                case "\t": escaped += "\\t"
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F {
                        escaped +=
                            "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
                    } else {
                        escaped.unicodeScalars.append(scalar)
                    }
                }
            }
            return escaped + "\""
        }
        if needsQuotes(text) {
            return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        }
        return text
    }

    /// Whether a plain scalar would be read back as something else or is not allowed in block context.
    private static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        if text.hasPrefix("---") || text.hasPrefix("...") { return true }
        if first == " " || last == " " { return true }
        if "#,[]{}&*!|>'\"%@`".contains(first) { return true }
        let characters = Array(text)
        func followedBySpace(_ index: Int) -> Bool { index + 1 >= characters.count || characters[index + 1] == " " }
        if "?:-".contains(first) && followedBySpace(0) { return true }
        for index in characters.indices.dropFirst() {
            if characters[index] == ":" && followedBySpace(index) { return true }
            if characters[index] == "#" && characters[index - 1] == " " { return true }
        }
        return resolvesToNonString(text)
    }

    /// PyYAML's implicit resolvers (YAML 1.1): null, bool (yes/no/on/off too), int (octal `001` too), float
    /// (with a dot), timestamp, merge and value.
    private static func resolvesToNonString(_ text: String) -> Bool {
        if text == "<<" || text == "=" { return true }
        // Also anything this package's reader would not read back as text (`1e5`), so files round-trip.
        guard case .string = ConfigFile.resolvePlain(text) else { return true }
        let range = NSRange(text.startIndex..., in: text)
        return implicitPatterns.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    /// The int, float and timestamp patterns of PyYAML's resolver.
    private static let implicitPatterns: [NSRegularExpression] = [
        "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$",
        "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$",
        "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?)$",
    ].map { try! NSRegularExpression(pattern: $0) }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
