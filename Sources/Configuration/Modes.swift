/// A task the models solve (the reference's `task` key).
public enum YOLOTask: String, CaseIterable, Sendable {
    case detect, segment, classify

    /// Tasks the reference knows but this project does not implement.
    public static let referenceOnly = ["pose", "obb", "semantic", "depth"]
}

/// The word after `yolo` (and an optional task): what the command does (the reference's `mode` key).
public enum Mode: String, CaseIterable, Sendable {
    case train, val, predict, export, track, benchmark, info, learn, data, diagnose

    /// Whether this project implements the mode (the reference's `export`, `track`, `benchmark` are not yet).
    public var isImplemented: Bool {
        switch self {
        case .export, .track, .benchmark: return false
        default: return true
        }
    }

    /// One line for `yolo help`.
    public var summary: String {
        switch self {
        case .train: return "train a model on a dataset (data=data.yaml; none: the built-in synthetic set)"
        case .val: return "validate a model on a dataset split and print P, R, mAP50, mAP50-95"
        case .predict: return "run a model on images and save annotated pictures and labels"
        case .export: return "export a model to another format (not available yet)"
        case .track: return "track objects in videos (not available yet)"
        case .benchmark: return "benchmark export formats (not available yet)"
        case .info: return "print a model's layers, parameters and GFLOPs"
        case .learn: return "the tutorial's learning loop: a red-car classifier trained by gradient descent"
        case .data: return "dataset tools: split, check (leakage), stats (class balance), preview"
        case .diagnose: return "place a finished run on the over/underfitting spectrum and suggest fixes"
        }
    }
}

/// The sub-command of `yolo data`.
public enum DataCommand: String, CaseIterable, Sendable {
    case split, check, stats, preview

    /// One line for `yolo data help`.
    public var summary: String {
        switch self {
        case .split: return "split an images folder into train/val/test lists (autosplit)"
        case .check: return "check labels and look for the same image in several splits (leakage)"
        case .stats: return "per-class instance and image counts, imbalance and box sizes"
        case .preview: return "write a grid of augmented training samples with their boxes"
        }
    }
}

/// What one invocation runs: a mode, or one of `yolo data`'s sub-commands. Keys declare the routines using them.
public enum Routine: Hashable, Sendable, CaseIterable {
    case train, val, predict, export, track, benchmark, info, learn, dataSplit, dataCheck, dataStats, dataPreview
    case diagnose

    /// The routine of a mode (and, for `data`, its sub-command).
    public init(mode: Mode, dataCommand: DataCommand? = nil) {
        switch mode {
        case .train: self = .train
        case .val: self = .val
        case .predict: self = .predict
        case .export: self = .export
        case .track: self = .track
        case .benchmark: self = .benchmark
        case .info: self = .info
        case .learn: self = .learn
        case .diagnose: self = .diagnose
        case .data:
            switch dataCommand ?? .check {
            case .split: self = .dataSplit
            case .check: self = .dataCheck
            case .stats: self = .dataStats
            case .preview: self = .dataPreview
            }
        }
    }

    /// The mode this routine belongs to.
    public var mode: Mode {
        switch self {
        case .train: return .train
        case .val: return .val
        case .predict: return .predict
        case .export: return .export
        case .track: return .track
        case .benchmark: return .benchmark
        case .info: return .info
        case .learn: return .learn
        case .dataSplit, .dataCheck, .dataStats, .dataPreview: return .data
        case .diagnose: return .diagnose
        }
    }

    /// The sub-command of `yolo data`, if this is one.
    public var dataCommand: DataCommand? {
        switch self {
        case .dataSplit: return .split
        case .dataCheck: return .check
        case .dataStats: return .stats
        case .dataPreview: return .preview
        default: return nil
        }
    }

    /// The words a user types for it: `train`, `data split`.
    public var commandName: String {
        dataCommand.map { "data \($0.rawValue)" } ?? mode.rawValue
    }
}
