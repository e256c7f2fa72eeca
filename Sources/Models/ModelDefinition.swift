import Foundation
import Yams

/// An Ultralytics model yaml: `nc`, `scales`, `backbone` + `head` rows `[from, repeats, module, args]`,
/// `end2end`, `reg_max`, and the scale picked from the file name (`yolo26n.yaml` → `n`).
public struct ModelDefinition: Sendable {
    /// One argument of a layer row.
    public enum Argument: Sendable, Hashable, CustomStringConvertible {
        case int(Int), double(Double), bool(Bool), string(String), none, list([Argument])
        public var description: String {
            switch self {
            case .int(let v): return "\(v)"
            case .double(let v): return "\(v)"
            case .bool(let v): return v ? "True" : "False"
            case .string(let v): return "'\(v)'"
            case .none: return "None"
            case .list(let v): return "[" + v.map(\.description).joined(separator: ", ") + "]"
            }
        }
        var int: Int? { if case .int(let v) = self { return v }; return nil }
        var bool: Bool? { if case .bool(let v) = self { return v }; return nil }
        var double: Double? {
            switch self { case .double(let v): return v; case .int(let v): return Double(v); default: return nil }
        }
    }

    /// A layer row.
    public struct Row: Sendable, Hashable {
        public var from: [Int]
        public var fromIsList: Bool
        public var repeats: Int
        public var module: String
        public var args: [Argument]
    }

    public var name: String
    public var nc: Int
    public var scale: String
    public var depth: Double
    public var width: Double
    public var maxChannels: Int
    public var endToEnd: Bool
    public var regMax: Int
    public var rows: [Row]
    /// The yaml text it came from (saved in checkpoints as the reference saves `model.yaml`).
    public var yamlText: String

    /// Errors naming the file and what to fix.
    public struct DefinitionError: Error, CustomStringConvertible {
        public let file: String
        public let problem: String
        public var description: String { "\(file): \(problem)" }
    }

    /// The scale letter in a model file name (`yolo26n.yaml` → "n", `yolov8s` → "s"), or nil.
    public static func scale(inFileName name: String) -> String? {
        let stem = (name as NSString).lastPathComponent.components(separatedBy: ".").first ?? name
        guard let r = stem.range(of: #"yolo(e-)?v?\d+([nslmx])"#, options: .regularExpression) else { return nil }
        return String(stem[r].last!)
    }

    /// The unified file name without the scale (`yolo26n.yaml` → `yolo26.yaml`).
    public static func unifiedName(_ name: String) -> String {
        name.replacingOccurrences(of: #"(\d+)([nslmx])(\.yaml)$"#, with: "$1$3", options: .regularExpression)
    }

    /// Parses yaml `text` (named `file` in errors) at `scale` (nil: the name's scale, else the first listed).
    public init(yaml text: String, file: String, scale requested: String? = nil) throws {
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw DefinitionError(file: file, problem: "not valid YAML (\(error)); fix the syntax")
        }
        guard let d = node as? [String: Any] else { throw DefinitionError(file: file, problem: "expected a mapping with backbone and head") }
        name = file
        yamlText = text
        nc = (d["nc"] as? Int) ?? 80
        endToEnd = (d["end2end"] as? Bool) ?? false
        regMax = (d["reg_max"] as? Int) ?? 16
        depth = Self.number(d["depth_multiple"]) ?? 1
        width = Self.number(d["width_multiple"]) ?? 1
        maxChannels = Int.max
        scale = requested ?? Self.scale(inFileName: file) ?? ""
        if let scales = d["scales"] as? [String: Any], !scales.isEmpty {
            if scale.isEmpty { scale = (["n", "s", "m", "l", "x"].first { scales[$0] != nil }) ?? scales.keys.sorted()[0] }
            guard let s = scales[scale] as? [Any], s.count == 3, let dm = Self.number(s[0]), let wm = Self.number(s[1]),
                  let mc = Self.number(s[2]) else {
                throw DefinitionError(file: file, problem: "scale '\(scale)' not in scales \(scales.keys.sorted()); use one of them")
            }
            (depth, width, maxChannels) = (dm, wm, Int(mc))
        }
        guard let backbone = d["backbone"] as? [Any], let head = d["head"] as? [Any] else {
            throw DefinitionError(file: file, problem: "missing 'backbone' or 'head' list")
        }
        rows = try (backbone + head).enumerated().map { i, raw in try Self.row(raw, index: i, file: file) }
    }

    static func number(_ v: Any?) -> Double? {
        if let i = v as? Int { return Double(i) }
        return v as? Double
    }

    static func row(_ raw: Any, index: Int, file: String) throws -> Row {
        guard let r = raw as? [Any], r.count == 4, let repeats = r[1] as? Int, let module = r[2] as? String,
              let args = r[3] as? [Any] else {
            throw DefinitionError(file: file, problem: "layer \(index) must be [from, repeats, module, args], got \(raw)")
        }
        let from: [Int], isList: Bool
        if let f = r[0] as? Int { (from, isList) = ([f], false) } else if let f = r[0] as? [Int] { (from, isList) = (f, true) } else {
            throw DefinitionError(file: file, problem: "layer \(index): 'from' must be an index or a list of indices")
        }
        return Row(from: from, fromIsList: isList, repeats: repeats, module: module, args: args.map(argument))
    }

    static func argument(_ v: Any) -> Argument {
        switch v {
        case let b as Bool: return .bool(b)
        case let i as Int: return .int(i)
        case let d as Double: return .double(d)
        case let s as String: return s == "None" ? .none : .string(s)
        case let l as [Any]: return .list(l.map(argument))
        default: return .none
        }
    }
}
