import Foundation

extension PickleValue {
    /// The value as one line of YAML flow text (`{nc: 80, scales: {n: [0.5, 0.25, 1024]}, backbone: [[-1, 1, Conv, ...`
    /// with strings double-quoted), so that a checkpoint's `yaml` dict can be fed to the same parser as a model file.
    ///
    /// JSON is produced whenever all dict keys are strings. Throws for values YAML cannot hold (tensors, objects).
    public func yamlFlowText() throws -> String {
        var text = ""
        try appendFlowText(to: &text, depth: 0)
        return text
    }

    private func appendFlowText(to text: inout String, depth: Int) throws {
        guard depth < PickleFreezer.maximumDepth else {
            throw TorchFormatError(.unsupportedValue("values nested deeper than \(PickleFreezer.maximumDepth) levels"))
        }
        switch self {
        case .none: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .int(let number): text += String(number)
        case .float(let number): text += Self.flowFloat(number)
        case .string(let string): text += Self.quoted(string)
        case .tuple(let elements), .list(let elements), .set(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += ", " }
                try element.appendFlowText(to: &text, depth: depth + 1)
            }
            text += "]"
        case .dict(let items):
            text += "{"
            for (index, item) in items.enumerated() {
                if index > 0 { text += ", " }
                switch item.key {
                case .string, .int, .bool, .float, .none: try item.key.appendFlowText(to: &text, depth: depth + 1)
                default: throw TorchFormatError(.unsupportedValue("a YAML mapping key of type \(item.key.kindDescription)"))
                }
                text += ": "
                try item.value.appendFlowText(to: &text, depth: depth + 1)
            }
            text += "}"
        case .bigInt, .bytes, .global, .object, .tensor, .storage:
            throw TorchFormatError(.unsupportedValue("a \(kindDescription) as YAML text"))
        }
    }

    /// A float as YAML 1.1 and 1.2 both read it (always with a decimal point; `.inf`, `.nan`).
    private static func flowFloat(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        var text = "\(number)"
        if !text.contains(".") {
            if let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                text.insert(contentsOf: ".0", at: exponent)
            } else {
                text += ".0"
            }
        }
        return text
    }

    /// A double-quoted scalar with JSON escapes (valid in YAML too).
    private static func quoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            default:
                if scalar.value < 0x20 {
                    text += String(format: "\\u%04x", scalar.value)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }
}

extension TorchCheckpoint {
    /// The model architecture dict (`nc`, `scales`, `backbone`, `head` ...): the top-level `yaml` entry of our
    /// checkpoints, else the `yaml` attribute of the pickled `ema` or `model` module of Ultralytics checkpoints.
    public var modelYAML: PickleValue? {
        if let yaml = self["yaml"], yaml.dictItems != nil { return yaml }
        for key in ["ema", "model"] {
            if let yaml = self[key]?["yaml"], yaml.dictItems != nil { return yaml }
        }
        return nil
    }
}
