import Foundation
import Models
import TorchFormat

/// Our `.pt` checkpoint: a plain dict that `torch.load(path, weights_only=True)` opens and `CheckpointLoader` reads
/// back — `model` and `ema` state dicts (reference key names, float32, `num_batches_tracked` int64), `optimizer`,
/// `epoch`, `best_fitness`, `train_args`, `train_metrics`, `yaml` (the architecture dict), `date`, `version`.
///
///     try TrainingCheckpoint(model: model, ema: ema, epoch: 3, bestFitness: 0.41).write(to: weights/last.pt)
public struct TrainingCheckpoint {
    /// The Ultralytics release whose checkpoint layout and semantics this follows (the `version` entry).
    public static let formatVersion = "8.4.190"

    /// The raw trained weights.
    public var model: TorchStateDict
    /// The EMA weights (what the reference validates, saves and resumes from), if kept.
    public var ema: TorchStateDict?
    /// `optimizer.state_dict()` as a pickle value (`{'state': ..., 'param_groups': [...]}`), or None.
    public var optimizer: PickleValue = .none
    /// The 0-based epoch just finished; -1 for a final (stripped) checkpoint.
    public var epoch: Int
    /// The best fitness (mAP50-95) so far, if any.
    public var bestFitness: Double?
    /// The resolved configuration, key → value, in table order.
    public var trainArgs: [(String, PickleValue)] = []
    /// Validation results of the epoch, e.g. `metrics/mAP50-95(B)` → 0.41, in column order.
    public var trainMetrics: [(String, Double)] = []
    /// Class names by index (kept so predictions can be labelled); written as `names` when not empty.
    public var names: [Int: String] = [:]
    /// The architecture dict (`ModelDefinition.pickleDict()`).
    public var yaml: PickleValue
    /// ISO-8601 time of writing.
    public var date: String
    /// The `version` entry.
    public var version = TrainingCheckpoint.formatVersion
    /// Resume state (`updates` + `train_state`), in a `last.pt` written during training.
    public var resume: ResumeState?
    /// Accumulated gradients not yet applied (`grads`), so a resumed run steps exactly as an uninterrupted one.
    public var gradients: TorchStateDict?

    /// A checkpoint of `model` (and its EMA copy) at `epoch`.
    public init(
        model: DetectionModel, ema: DetectionModel? = nil, epoch: Int, bestFitness: Double? = nil,
        date: Date = Date()
    ) throws {
        self.model = model.torchStateDict()
        self.ema = ema?.torchStateDict()
        self.epoch = epoch
        self.bestFitness = bestFitness
        yaml = try (ema ?? model).definition.pickleDict()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        self.date = formatter.string(from: date)
    }

    /// The checkpoint as the top-level pickle dict, keys in the reference's order.
    public var pickleValue: PickleValue {
        var items: [PickleDictItem] = [
            PickleDictItem(.string("date"), .string(date)),
            PickleDictItem(.string("version"), .string(version)),
            PickleDictItem(.string("epoch"), .int(Int64(epoch))),
            PickleDictItem(.string("best_fitness"), bestFitness.map(PickleValue.float) ?? .none),
            PickleDictItem(.string("model"), model.pickleValue),
            PickleDictItem(.string("ema"), ema?.pickleValue ?? .none),
            PickleDictItem(.string("updates"), resume.map { .int(Int64($0.emaUpdates)) } ?? .none),
            PickleDictItem(.string("optimizer"), optimizer),
            PickleDictItem(.string("train_args"), .dict(trainArgs.map { PickleDictItem(.string($0.0), $0.1) })),
            PickleDictItem(
                .string("train_metrics"),
                .dict(trainMetrics.map { PickleDictItem(.string($0.0), .float($0.1)) })),
            PickleDictItem(.string("yaml"), yaml),
        ]
        if let resume { items.append(PickleDictItem(.string("train_state"), resume.pickleValue)) }
        if let gradients { items.append(PickleDictItem(.string("grads"), gradients.pickleValue)) }
        if !names.isEmpty {
            items.append(
                PickleDictItem(
                    .string("names"),
                    .dict(
                        names.sorted { $0.key < $1.key }.map {
                            PickleDictItem(.int(Int64($0.key)), .string($0.value))
                        })))
        }
        return .dict(items)
    }

    /// Writes the file atomically (temporary file + rename); errors name `url`.
    public func write(to url: URL) throws {
        let archive = url.deletingPathExtension().lastPathComponent
        try TorchCheckpointWriter.write(pickleValue, to: url, archiveName: archive.isEmpty ? "archive" : archive)
    }
}
