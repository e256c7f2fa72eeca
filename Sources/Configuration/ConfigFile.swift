import Foundation
import Yams

/// Reads `cfg=` files: one YAML mapping of keys, each value resolved as PyYAML's `safe_load` would.
public enum ConfigFile {
    /// The assignments of the file at `path` (relative to `currentDirectory`), each with its file and line.
    public static func load(path: String, currentDirectory: URL) throws -> [Assignment] {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appendingPathComponent(path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ConfigurationError.configFileNotFound(path: path)
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigurationError.configFileInvalid(path: path, line: nil, reason: "cannot be read as UTF-8 text.")
        }
        return try assignments(yaml: text, file: path)
    }

    /// The assignments of YAML text; `file` names it in errors.
    public static func assignments(yaml: String, file: String) throws -> [Assignment] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigurationError.configFileInvalid(
                path: file, line: line(of: error),
                reason: "is not valid YAML (\(problem(of: error))); fix the syntax near that line.")
        } catch {
            throw ConfigurationError.configFileInvalid(path: file, line: nil, reason: "is not valid YAML.")
        }
        guard let root else { return [] }
        guard case .mapping(let mapping) = root else {
            throw ConfigurationError.configFileInvalid(
                path: file, line: root.mark?.line,
                reason: "must be a mapping of keys to values, e.g. 'epochs: 100' on its own line.")
        }
        var result: [Assignment] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigurationError.configFileInvalid(
                    path: file, line: keyNode.mark?.line, reason: "keys must be plain names such as 'epochs'.")
            }
            let key = keyScalar.string
            if key == "cfg" || KeyTable.ignoredFileKeys.contains(key) { continue }
            let location = SourceLocation(file: file, line: keyNode.mark?.line)
            let text = valueNode.scalar?.string
            result.append(Assignment(key, value(of: valueNode), text: text, origin: .file(location)))
        }
        return result
    }

    /// A YAML node as a configuration value.
    static func value(of node: Node) -> ConfigValue {
        switch node {
        case .scalar(let scalar):
            return scalar.style == .plain || scalar.style == .any ? resolvePlain(scalar.string) : .string(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.map(value(of:)))
        case .mapping(let mapping):
            return .mapping(mapping.map { ConfigEntry($0.key.scalar?.string ?? "\($0.key)", value(of: $0.value)) })
        case .alias:
            return .none
        }
    }

    /// YAML 1.1 resolution of a plain scalar (PyYAML's): null, bool (yes/no/on/off too), int, float, or text.
    /// Unlike PyYAML, `1e-5` (no dot) is a float, as users mean it.
    static func resolvePlain(_ text: String) -> ConfigValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .none
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: return LiteralScanner.number(text) ?? .string(text)
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default: return "\(error)"
        }
    }
}
