import Yams

/// Parses command-line values the way the reference's `smart_value` does.
///
/// `none`, `true` and `false` in any case become None and booleans; anything Python's `ast.literal_eval`
/// accepts (ints, floats, quoted strings, `[lists]`, `(tuples)`, bare `0,1` sequences) becomes that value;
/// YAML flow collections (`[{Blur: {p: 0.5}}]`) are read as YAML;
/// everything else stays the text it was.
public enum ValueParser {
    /// The value of one `key=value` argument's text.
    public static func parse(_ text: String) -> ConfigValue {
        switch text.lowercased() {
        case "none": return .none
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: break
        }
        var scanner = LiteralScanner(Array(text))
        if let value = scanner.parseTopLevel() { return value }
        if let first = text.first, first == "[" || first == "{", let node = try? Yams.compose(yaml: text) {
            return ConfigFile.value(of: node)  // YAML flow style: [{HorizontalFlip: {p: 0.5}}]
        }
        return .string(text)
    }
}

/// A tiny reader for the subset of Python literals that configuration values use.
struct LiteralScanner {
    private let characters: [Character]
    private var position = 0

    init(_ characters: [Character]) {
        self.characters = characters
    }

    /// The whole text as one literal, or nil when it is not a literal (then the caller keeps the text).
    mutating func parseTopLevel() -> ConfigValue? {
        skipSpaces()
        guard let first = parseElement() else { return nil }
        skipSpaces()
        if atEnd { return first }
        // A bare tuple such as `0,1` or `640, 480`.
        var elements = [first]
        while consume(",") {
            skipSpaces()
            if atEnd { break }
            guard let next = parseElement() else { return nil }
            elements.append(next)
            skipSpaces()
        }
        return atEnd ? .list(elements) : nil
    }

    private var atEnd: Bool { position >= characters.count }
    private var current: Character? { atEnd ? nil : characters[position] }

    private mutating func skipSpaces() {
        while let character = current, character == " " || character == "\t" { position += 1 }
    }

    private mutating func consume(_ character: Character) -> Bool {
        guard current == character else { return false }
        position += 1
        return true
    }

    private mutating func parseElement() -> ConfigValue? {
        skipSpaces()
        guard let character = current else { return nil }
        switch character {
        case "[": return parseSequence(closing: "]")
        case "(": return parseSequence(closing: ")")
        case "{": return parseMapping()
        case "'", "\"": return parseQuoted(character).map(ConfigValue.string)
        default: return parseWordOrNumber()
        }
    }

    private mutating func parseSequence(closing: Character) -> ConfigValue? {
        position += 1
        var elements: [ConfigValue] = []
        skipSpaces()
        if consume(closing) { return .list([]) }
        while true {
            guard let element = parseElement() else { return nil }
            elements.append(element)
            skipSpaces()
            if consume(closing) { return .list(elements) }
            guard consume(",") else { return nil }
            skipSpaces()
            if consume(closing) { return .list(elements) }
        }
    }

    private mutating func parseMapping() -> ConfigValue? {
        position += 1
        var entries: [ConfigEntry] = []
        skipSpaces()
        if consume("}") { return .mapping([]) }
        while true {
            guard case .string(let key)? = parseElement() else { return nil }
            skipSpaces()
            guard consume(":"), let value = parseElement() else { return nil }
            entries.append(ConfigEntry(key, value))
            skipSpaces()
            if consume("}") { return .mapping(entries) }
            guard consume(",") else { return nil }
            skipSpaces()
            if consume("}") { return .mapping(entries) }
        }
    }

    private mutating func parseQuoted(_ quote: Character) -> String? {
        position += 1
        var text = ""
        while let character = current {
            position += 1
            if character == quote { return text }
            if character == "\\", let next = current {
                position += 1
                switch next {
                case "n": text.append("\n")
                case "t": text.append("\t")
                default: text.append(next)
                }
            } else {
                text.append(character)
            }
        }
        return nil
    }

    /// `True`/`False`/`None` (case-sensitive inside literals, as Python) or a number.
    private mutating func parseWordOrNumber() -> ConfigValue? {
        let start = position
        while let character = current, !",)]}: \t".contains(character) { position += 1 }
        let word = String(characters[start..<position])
        switch word {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return ConfigValue.none
        default: return Self.number(word)
        }
    }

    /// A Python int or float literal (`-3`, `1_000`, `0x10`, `.5`, `3.`, `1e-5`), or nil.
    static func number(_ word: String) -> ConfigValue? {
        var text = word
        var negative = false
        if text.hasPrefix("-") || text.hasPrefix("+") {
            negative = text.hasPrefix("-")
            text.removeFirst()
        }
        guard let first = text.first, first.isNumber || first == "." else { return nil }
        if text.contains("__") || text.hasSuffix("_") || text.hasPrefix("_") { return nil }
        text = text.filter { $0 != "_" }
        let lower = text.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            guard let value = Int(lower.dropFirst(2), radix: radix) else { return nil }
            return .int(negative ? -value : value)
        }
        if lower.allSatisfy(\.isNumber) {
            // Python rejects leading zeros in non-zero integers (`007`): such text stays a string.
            if lower.count > 1 && lower.hasPrefix("0") && lower.contains(where: { $0 != "0" }) { return nil }
            guard let value = Int(lower) else { return nil }
            return .int(negative ? -value : value)
        }
        let allowed = Set("0123456789.e+-")
        guard lower.allSatisfy({ allowed.contains($0) }), lower.contains(where: \.isNumber),
            let value = Double(lower)
        else { return nil }
        return .float(negative ? -value : value)
    }
}
