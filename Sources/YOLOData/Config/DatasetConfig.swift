import Foundation
import Yams

/// A dataset split named in data.yaml.
public enum DatasetSplit: String, CaseIterable, Sendable, Codable {
    case train, val, test
}

/// A parsed and checked data.yaml: the dataset root, the sources of each split, and the class names.
public struct DatasetConfig: Sendable {
    /// The yaml file this came from.
    public let file: URL
    /// The dataset root (`path:`, relative to the yaml's folder; the yaml's folder when absent).
    public let root: URL
    /// Each split's sources: folders, `.txt` lists of images, or single images (absolute, standardised).
    public let sources: [DatasetSplit: [URL]]
    /// Class names, index = class id.
    public let names: [String]
    /// Notes made while resolving (renamed keys, ignored keys, the resolved paths).
    public let notes: [String]

    /// The number of classes.
    public var classCount: Int { names.count }

    /// Keys a detection data.yaml may hold; anything close to one of these but not equal is a typo.
    public static let knownKeys = [
        "path", "train", "val", "test", "minival", "names", "nc", "download", "channels", "kpt_shape", "flip_idx",
        "yaml_file", "validation",
    ]

    /// Reads and checks a data.yaml; every mistake throws a `DatasetConfigError` naming the file, key or line and the fix.
    public init(contentsOf file: URL) throws {
        let file = file.standardizedFileURL
        let path = file.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw DatasetConfigError(
                .fileNotFound, file: path, problem: "dataset yaml not found",
                fix: "check the data= path (relative paths are resolved against the current folder \(FileManager.default.currentDirectoryPath))")
        }
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw DatasetConfigError(.unreadable, file: path, problem: "cannot read the file as UTF-8 text",
                                     fix: "check its permissions and encoding")
        }
        try self.init(yaml: text, file: file)
    }

    /// Parses data.yaml text as if it were read from `file` (relative paths resolve against its folder).
    public init(yaml text: String, file: URL) throws {
        let path = file.path
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DatasetConfigError(.badYAML, file: path, line: DatasetConfig.line(of: error),
                                     problem: "invalid YAML: \(DatasetConfig.problem(of: error))",
                                     fix: "fix the YAML syntax at that line (indentation, a missing ':' or quote)")
        }
        guard let mapping = node?.mapping else {
            throw DatasetConfigError(.notAMapping, file: path, problem: "the file is not a mapping of keys to values",
                                     fix: "write it as 'path: ...', 'train: ...', 'val: ...', 'names: ...' lines")
        }
        var notes: [String] = []
        var entries: [String: (node: Node, line: Int?)] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            let line = keyNode.mark?.line
            if !DatasetConfig.knownKeys.contains(key) {
                if let guess = DidYouMean.suggestion(for: key, among: DatasetConfig.knownKeys, maxDistance: 2) {
                    throw DatasetConfigError(.unknownKey, file: path, line: line, key: key,
                                             problem: "unknown key — did you mean '\(guess)'?",
                                             fix: "rename it to '\(guess)'")
                }
                notes.append("\(path):\(line ?? 0): key '\(key)' is not used by the loader and was ignored")
                continue
            }
            entries[key] = (value, line)
        }
        if entries["val"] == nil, let validation = entries["validation"] {
            entries["val"] = validation
            notes.append("\(path): key 'validation' read as 'val' (rename it to 'val')")
        }
        for required in ["train", "val"] where entries[required] == nil {
            throw DatasetConfigError(.missingKey, file: path, key: required, problem: "missing",
                                     fix: "add '\(required): images/\(required)' (a folder, a list of folders, or a .txt file of image paths)")
        }

        // Root: `path:` relative to the yaml's folder.
        let yamlFolder = file.deletingLastPathComponent()
        var root = yamlFolder
        if let (node, line) = entries["path"], node != .scalar(.init("")) , node.null == nil {
            guard let raw = node.string else {
                throw DatasetConfigError(.badValue, file: path, line: line, key: "path", problem: "must be a folder path",
                                         fix: "write 'path: .' or the dataset's root folder")
            }
            let expanded = (raw as NSString).expandingTildeInPath
            root = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : yamlFolder.appendingPathComponent(expanded)
            root = root.standardizedFileURL
            guard DatasetConfig.isDirectory(root) else {
                throw DatasetConfigError(.pathNotFound, file: path, line: line, key: "path",
                                         problem: "folder '\(root.path)' not found (resolved from '\(raw)' against the yaml's folder)",
                                         fix: "set 'path:' to the dataset root, relative to \(yamlFolder.path) or absolute")
            }
        }

        var sources: [DatasetSplit: [URL]] = [:]
        for split in DatasetSplit.allCases {
            guard let (node, line) = entries[split.rawValue], node.null == nil else { continue }
            let raws: [String]
            if let s = node.string, !s.isEmpty { raws = [s] }
            else if case .sequence(let seq) = node { raws = seq.compactMap { $0.string } }
            else if node.string == "" { continue }
            else {
                throw DatasetConfigError(.badValue, file: path, line: line, key: split.rawValue,
                                         problem: "must be a folder, a list of folders, or a .txt file",
                                         fix: "write e.g. '\(split.rawValue): images/\(split.rawValue)'")
            }
            var urls: [URL] = []
            for raw in raws {
                let expanded = (raw as NSString).expandingTildeInPath
                var url = (expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : root.appendingPathComponent(expanded))
                    .standardizedFileURL
                if !FileManager.default.fileExists(atPath: url.path), raw.hasPrefix("../") {
                    let alternative = root.appendingPathComponent(String(raw.dropFirst(3))).standardizedFileURL
                    if FileManager.default.fileExists(atPath: alternative.path) {
                        notes.append("\(path):\(line ?? 0): '\(raw)' not found; using '\(alternative.path)' (as Ultralytics does) — drop the '../'")
                        url = alternative
                    }
                }
                guard FileManager.default.fileExists(atPath: url.path) else {
                    let download = entries["download"] != nil
                        ? "; this yaml names a 'download:' source, but nothing is downloaded: fetch the dataset yourself" : ""
                    throw DatasetConfigError(.pathNotFound, file: path, line: line, key: split.rawValue,
                                             problem: "'\(url.path)' not found (resolved from '\(raw)' against path '\(root.path)')",
                                             fix: "check the folder name, or set 'path:' to the dataset root\(download)")
                }
                urls.append(url)
            }
            sources[split] = urls
        }

        let names = try DatasetConfig.names(entries: entries, file: path)
        self.file = file
        self.root = root
        self.sources = sources
        self.names = names
        var resolved = ["\(path): path \(root.path)"]
        for split in DatasetSplit.allCases { if let s = sources[split] { resolved.append("  \(split.rawValue): \(s.map(\.path).joined(separator: ", "))") } }
        resolved.append("  nc: \(names.count)")
        self.notes = notes + resolved
    }

    /// Reads `names` (dict or list) and checks it against `nc`.
    private static func names(entries: [String: (node: Node, line: Int?)], file: String) throws -> [String] {
        var names: [String]?
        if let (node, line) = entries["names"] {
            switch node {
            case .sequence(let seq):
                names = seq.map { $0.string ?? "\($0.any)" }
            case .mapping(let map):
                var byIndex: [Int: String] = [:]
                for (k, v) in map {
                    guard let index = k.int ?? k.string.flatMap(Int.init), index >= 0 else {
                        throw DatasetConfigError(.badValue, file: file, line: k.mark?.line ?? line, key: "names",
                                                 problem: "key '\(k.string ?? "?")' is not a class index",
                                                 fix: "write names as '0: person', '1: car', … or as a list")
                    }
                    byIndex[index] = v.string ?? "\(v.any)"
                }
                let count = byIndex.count
                if let missing = (0..<count).first(where: { byIndex[$0] == nil }) {
                    throw DatasetConfigError(.badValue, file: file, line: line, key: "names",
                                             problem: "class indices must be 0…\(count - 1) without gaps; \(missing) is missing",
                                             fix: "number the names 0, 1, 2, … in order")
                }
                names = (0..<count).map { byIndex[$0]! }
            default:
                throw DatasetConfigError(.badValue, file: file, line: line, key: "names",
                                         problem: "must be a mapping (0: person) or a list ([person, car])",
                                         fix: "write one '<index>: <name>' line per class")
            }
        }
        if let (node, line) = entries["nc"] {
            guard let nc = node.int, nc > 0 else {
                throw DatasetConfigError(.badValue, file: file, line: line, key: "nc", problem: "must be a positive integer",
                                         fix: "write 'nc: <number of classes>' or delete it (it is derived from names)")
            }
            if let names {
                guard names.count == nc else {
                    throw DatasetConfigError(.namesCountMismatch, file: file, line: line, key: "nc",
                                             problem: "nc is \(nc) but names lists \(names.count) classes",
                                             fix: "make nc equal the number of names, or delete nc (it is derived from names)")
                }
            } else {
                names = (0..<nc).map { "class_\($0)" }
            }
        }
        guard let names, !names.isEmpty else {
            throw DatasetConfigError(.missingKey, file: file, key: "names", problem: "missing (and no nc)",
                                     fix: "add 'names:' with one '<index>: <name>' line per class")
        }
        return names
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context.map { "\($0.text)" }, problem].compactMap { $0 }.joined(separator: " ")
        default: return "\(error)"
        }
    }
}
