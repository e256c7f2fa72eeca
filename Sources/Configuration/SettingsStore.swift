import Foundation
import Yams

/// The settings file (`settings.json` in the user's config folder) and what `yolo settings` does with it.
public struct SettingsStore: Sendable {
    /// The settings file.
    public let fileURL: URL

    /// A store for the file at `fileURL`.
    public init(fileURL: URL) {
        self.fileURL = fileURL
    }

    /// The store in the user's config folder: `$YOLO_CONFIG_DIR/YOLOSwift`, else `$XDG_CONFIG_HOME/YOLOSwift`,
    /// else `~/.config/YOLOSwift` (a folder of its own, so a Python Ultralytics' `settings.json` is left alone).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(fileURL: Self.configFolder(environment: environment).appendingPathComponent("settings.json"))
    }

    /// The folder for settings (and other per-user files such as fonts).
    public static func configFolder(environment: [String: String]) -> URL {
        let base: URL
        if let folder = environment["YOLO_CONFIG_DIR"], !folder.isEmpty {
            base = URL(fileURLWithPath: (folder as NSString).expandingTildeInPath)
        } else if let folder = environment["XDG_CONFIG_HOME"], !folder.isEmpty {
            base = URL(fileURLWithPath: folder)
        } else {
            let home =
                environment["HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            base = home.appendingPathComponent(".config")
        }
        return base.appendingPathComponent("YOLOSwift")
    }

    /// The settings and what was noticed reading them (a damaged file, a key reset), never an error:
    /// a missing file is created with the defaults, a damaged one is kept as `settings.json.damaged` and replaced.
    public func load() -> (settings: Settings, notes: [String]) {
        guard let data = FileManager.default.contents(atPath: fileURL.path) else {
            var notes: [String] = []
            if let problem = write(Settings()) { notes.append(problem) }
            return (Settings(), notes)
        }
        let (settings, problems, damaged) = Self.parse(data)
        guard !problems.isEmpty else { return (settings, []) }
        var notes: [String]
        if damaged {
            let backup = fileURL.appendingPathExtension("damaged")
            try? FileManager.default.removeItem(at: backup)
            try? FileManager.default.copyItem(at: fileURL, to: backup)
            notes = [
                "settings file \(fileURL.path) is damaged (\(problems.joined(separator: "; "))): "
                    + "replaced by the defaults; the old file is kept as \(backup.lastPathComponent)."
            ]
        } else {
            notes = problems.map { "settings file \(fileURL.path): \($0)" }
        }
        if let problem = write(settings) { notes.append(problem) }
        return (settings, notes)
    }

    /// Applies `key=value` assignments (validated) and persists them.
    @discardableResult
    public func update(_ assignments: [Assignment]) throws -> (settings: Settings, notes: [String]) {
        var (settings, notes) = load()
        for assignment in assignments { try settings.set(assignment.key, assignment.value, text: assignment.text) }
        try save(settings)
        return (settings, notes)
    }

    /// Restores and persists the defaults (`yolo settings reset`).
    @discardableResult
    public func reset() throws -> Settings {
        try save(Settings())
        return Settings()
    }

    /// Writes the settings, creating the folder.
    public func save(_ settings: Settings) throws {
        if let problem = write(settings) {
            throw ConfigurationError.settingsNotWritable(path: fileURL.path, reason: problem)
        }
    }

    /// What `yolo settings` prints: the file's path and its JSON, then how to change it.
    public func report(_ settings: Settings) -> String {
        "Printing '\(fileURL.path)'\n\n" + settings.json
            + "\nChange a setting with 'yolo settings key=value' (e.g. yolo settings tensorboard=True); "
            + "restore the defaults with 'yolo settings reset'.\n"
    }

    /// Writes atomically; returns the problem instead of throwing.
    private func write(_ settings: Settings) -> String? {
        do {
            try FileManager.default.createDirectory(
                at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(settings.json.utf8).write(to: fileURL, options: .atomic)
            return nil
        } catch {
            return "could not write \(fileURL.path): \(error.localizedDescription)"
        }
    }

    /// Settings from the file's bytes, the problems found, and whether the whole file had to be discarded.
    static func parse(_ data: Data) -> (Settings, [String], Bool) {
        guard let text = String(data: data, encoding: .utf8) else { return (Settings(), ["not UTF-8 text"], true) }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { return (Settings(), ["not valid JSON"], true) }
        guard case .mapping(let mapping)? = root else { return (Settings(), ["not a JSON object"], true) }
        var settings = Settings()
        var problems: [String] = []
        var seen: Set<String> = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else { continue }
            seen.insert(key)
            if key == "settings_version" { continue }
            let value = ConfigFile.value(of: valueNode)
            do {
                try settings.set(key, value, text: valueNode.scalar?.string)
            } catch ConfigurationError.unknownSetting {
                problems.append("unknown key '\(key)' removed")
            } catch {
                problems.append("'\(key)' had an invalid value \(value.commandLineText); reset to its default")
            }
        }
        for spec in SettingsTable.all where !seen.contains(spec.name) {
            problems.append("missing '\(spec.name)' added with its default")
        }
        return (settings, problems, false)
    }
}
