/// Configurations recorded elsewhere (a checkpoint's `train_args`, an old run's `args.yaml`) and comparisons,
/// for resuming a run.
extension Configuration {
    /// The configuration `entries` describe, leniently: entries that are unknown (keys of other Ultralytics
    /// versions) or invalid are skipped and returned as problems instead of failing, since a recorded run must
    /// stay readable. `source` names where the entries came from (e.g. `last.pt`).
    public static func recorded(_ entries: [ConfigEntry], source: String) -> (
        configuration: Configuration, skipped: [String]
    ) {
        var configuration = Configuration()
        var skipped: [String] = []
        for entry in entries where !KeyTable.ignoredFileKeys.contains(entry.key) {
            do {
                try configuration.apply(Assignment(entry.key, entry.value, origin: .file(SourceLocation(file: source))))
            } catch {
                skipped.append("\(entry.key)=\(entry.value.commandLineText) skipped: \(error)")
            }
        }
        return (configuration, skipped)
    }

    /// The keys whose values differ from `other`'s, in table order (e.g. what a resume command line changes).
    public func changedKeys(comparedTo other: Configuration) -> [String] {
        KeyTable.names.filter { self[$0] != other[$0] }
    }
}
