import Foundation
import Models
import NN
import Tensors
import TorchFormat

/// What a `last.pt` carries beyond the weights so that a run continues exactly where it stopped: position, EMA
/// update count, best fitness and its epoch, elapsed time, pending (accumulated, not yet applied) gradients and the
/// running loss sums of an interrupted epoch. Stored under the reference's `updates` key plus a `train_state` dict.
public struct ResumeState: Equatable, Sendable {
    /// The last completed epoch (0-based); -1 when none.
    public var epoch: Int
    /// Batches of the next epoch already trained (an interrupted epoch); 0 at an epoch boundary.
    public var batchesDone = 0
    /// The iteration of the last optimizer step (for gradient accumulation).
    public var lastOptimizerStep = -1
    /// `ModelEMA.updates`.
    public var emaUpdates = 0
    public var bestFitness: Double?
    /// The epoch (0-based) of the best fitness (early stopping counts from it).
    public var bestEpoch = 0
    /// Seconds trained so far (results.csv's cumulative `time`).
    public var seconds = 0.0
    /// Loss item sums and batch count of the interrupted epoch.
    public var lossSums: [Double] = []
    public var lossBatches = 0
    /// The `epochs` the run was started with (time budgets may have changed it).
    public var epochs: Int

    public init(epoch: Int, epochs: Int) {
        self.epoch = epoch
        self.epochs = epochs
    }

    /// The `train_state` dict.
    var pickleValue: PickleValue {
        .dict([
            PickleDictItem(.string("batches_done"), .int(Int64(batchesDone))),
            PickleDictItem(.string("last_opt_step"), .int(Int64(lastOptimizerStep))),
            PickleDictItem(.string("best_epoch"), .int(Int64(bestEpoch))),
            PickleDictItem(.string("train_time"), .float(seconds)),
            PickleDictItem(.string("loss_sums"), .list(lossSums.map { .float($0) })),
            PickleDictItem(.string("loss_batches"), .int(Int64(lossBatches))),
            PickleDictItem(.string("epochs"), .int(Int64(epochs))),
        ])
    }

    /// Reads the state of a checkpoint (our `train_state`, or just `epoch`/`best_fitness`/`updates` of a reference one).
    public init(checkpoint: TorchCheckpoint) throws {
        guard let epoch = checkpoint["epoch"]?.intValue else {
            throw CheckpointError(file: checkpoint.name, problem: "it has no 'epoch' entry, so it is not a training checkpoint to resume")
        }
        self.epoch = epoch
        if case .float(let f)? = checkpoint["best_fitness"] { bestFitness = f }
        emaUpdates = checkpoint["updates"]?.intValue ?? 0
        let s = checkpoint["train_state"]
        epochs = s?["epochs"]?.intValue ?? 0
        batchesDone = s?["batches_done"]?.intValue ?? 0
        lastOptimizerStep = s?["last_opt_step"]?.intValue ?? -1
        bestEpoch = s?["best_epoch"]?.intValue ?? max(epoch, 0)
        if case .float(let t)? = s?["train_time"] { seconds = t }
        if case .list(let items)? = s?["loss_sums"] {
            lossSums = items.compactMap { if case .float(let v) = $0 { return v } else { return nil } }
        }
        lossBatches = s?["loss_batches"]?.intValue ?? 0
    }
}

extension TrainingCheckpoint {
    /// Pending gradients by parameter name (`grads`), written when some are accumulated but not yet applied.
    static func gradients(of model: DetectionModel) -> TorchStateDict? {
        let pending = model.namedParameters().compactMap { p -> (String, TorchTensor)? in
            p.tensor.grad.map { (p.name, TorchTensor(floats: $0.scalars, shape: $0.shape)) }
        }
        return pending.isEmpty ? nil : TorchStateDict(pending)
    }

    /// Restores pending gradients saved by `gradients(of:)`.
    static func restoreGradients(_ value: PickleValue?, into model: DetectionModel, file: String) throws {
        guard let value, value != .none else { return }
        let saved = try TorchStateDict(of: value)
        for (name, tensor) in model.namedParameters() {
            guard let g = saved[name] else { continue }
            guard g.shape == tensor.shape else {
                throw CheckpointError(file: file, problem: "pending gradient '\(name)' has shape \(g.shape), the model \(tensor.shape)")
            }
            tensor.grad = Tensor(g.floats(), shape: g.shape)
        }
    }
}
