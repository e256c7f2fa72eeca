/// The one table of configuration keys: the reference's default.yaml in its order, then the project's keys.
///
/// Parsing, validation, help texts, `args.yaml` and the typed accessors of `Configuration` all read it.
public enum KeyTable {
    /// Every key in `args.yaml` order.
    public static let all: [KeySpec] =
        generalKeys + trainKeys + validationKeys + predictKeys + exportKeys + hyperparameterKeys
        + augmentationKeys + trailingKeys + projectKeys

    /// The keys by name.
    public static let byName: [String: KeySpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Every key name in `args.yaml` order.
    public static let names: [String] = all.map(\.name)

    /// The key called `name`, if any.
    public static func spec(_ name: String) -> KeySpec? { byName[name] }

    /// The keys a routine reads, in table order.
    public static func keys(for routine: Routine) -> [KeySpec] { all.filter { $0.routines.contains(routine) } }

    /// Old names the reference still accepts, with the key that replaced them.
    public static let deprecated: [String: String] = [
        "boxes": "show_boxes", "line_thickness": "line_width", "half": "quantize", "int8": "quantize",
        "end2end": "nms",
    ]

    /// Keys that configuration files may carry and that are ignored (a run's `args.yaml` has `save_dir`).
    public static let ignoredFileKeys: Set<String> = ["save_dir"]

    // Shorthands for the tables.
    static let fraction = ValueType.float(.fraction)
    static let nonNegative = ValueType.float(.atLeast(0))
    static let count = ValueType.int(.atLeast(0))
    static let positive = ValueType.int(.atLeast(1))

    static let generalKeys: [KeySpec] = [
        KeySpec(
            "task", .choice(YOLOTask.allCases.map(\.rawValue)), "detect", section: .general,
            routines: .modelRoutines,
            help: "YOLO task: detect, segment or classify (inferred from the model if omitted)"),
        KeySpec(
            "mode", .choice(Mode.allCases.map(\.rawValue)), "train", section: .general, routines: .everything,
            help: "what to run: train, val, predict, info, learn, data, diagnose"),
    ]

    static let trailingKeys: [KeySpec] = [
        KeySpec(
            "cfg", .path, nil, section: .customConfig, routines: .everything,
            help: "path to a config.yaml whose keys override the defaults (the command line overrides it)",
            example: "experiment.yaml"),
        KeySpec(
            "tracker", .string, "tracktrack.yaml", section: .tracker, routines: [.track],
            help:
                "tracker config: botsort.yaml, bytetrack.yaml, ocsort.yaml, deepocsort.yaml, fasttrack.yaml, tracktrack.yaml"
        ),
    ]
}
