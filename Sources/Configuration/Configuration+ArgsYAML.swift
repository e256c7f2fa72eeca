import Foundation

/// `args.yaml`: every key in the reference's order, formatted as the reference's YAML.
extension Configuration {
    /// The text of `args.yaml`; `extra` entries (e.g. `save_dir`) follow the keys, as the reference appends them.
    public func argsYAML(appending extra: [ConfigEntry] = []) -> String {
        YAMLWriter.document(entries + extra)
    }

    /// Writes `args.yaml` (atomically) at `url`.
    public func writeArgsYAML(to url: URL, appending extra: [ConfigEntry] = []) throws {
        try Data(argsYAML(appending: extra).utf8).write(to: url, options: .atomic)
    }

    /// The configuration a YAML file such as a run's `args.yaml` (or a checkpoint's `train_args`) describes,
    /// validated like a `cfg=` file.
    public static func load(argsYAML text: String, file: String) throws -> Configuration {
        var configuration = Configuration()
        for assignment in try ConfigFile.assignments(yaml: text, file: file) { try configuration.apply(assignment) }
        return configuration
    }
}
