import Tensors

/// An optimizer over parameter groups with PyTorch's per-parameter state (`momentum_buffer`, `exp_avg`, …).
///
/// How the trainer wires the pieces as `BaseTrainer` does (8.4.190):
///
///     var accumulate = OptimizerChoice.accumulate(nbs: nbs, batch: batch)
///     let decay = OptimizerChoice.scaledWeightDecay(weightDecay, batch: batch, accumulate: accumulate, nbs: nbs)
///     accumulate = min(accumulate, nb * epochs)
///     let choice = try OptimizerChoice(name: optimizer, lr0: lr0, momentum: momentum, nc: nc,
///         iterations: OptimizerChoice.iterations(datasetSize: n, batch: batch, nbs: nbs, epochs: epochs))
///     let opt = choice.makeOptimizer(for: model, weightDecay: decay)
///     let schedule = TrainingSchedule(lr: LRSchedule(epochs: epochs, lrf: lrf, cosine: cosLR), batchesPerEpoch: nb,
///         warmupEpochs: warmupEpochs, warmupBiasLR: choice.isAuto ? 0 : warmupBiasLR,
///         warmupMomentum: warmupMomentum, momentum: momentum, accumulate: accumulate)
///     let ema = ModelEMA(model: model, target: emaModel)
///     // per batch i of epoch e, ni = i + nb·e:
///     schedule.apply(to: &opt.groups, iteration: ni, epoch: e, initialMomentum: choice.momentum)
///     // forward, backward (loss × batch size); then once ni − lastStep ≥ schedule.accumulation(iteration: ni):
///     clipGradNorm(model.namedParameters().map(\.tensor), maxNorm: 10); opt.step(); opt.zeroGrad()
///     ema.update(from: model)
public protocol Optimizer: AnyObject {
    /// The reference's class name (`SGD`, `Adam`, `AdamW`, `MuSGD`).
    var name: String { get }
    /// Groups in the reference's order; the schedule edits `lr` and `momentum` in place.
    var groups: [ParameterGroup] { get set }
    /// Per-parameter state tensors by parameter identity.
    var state: OptimizerState { get }
    /// One update of every parameter that has a gradient.
    func step()
}

extension Optimizer {
    /// Drops every gradient (torch's `zero_grad(set_to_none=True)`).
    public func zeroGrad() {
        for group in groups { for p in group.parameters { p.grad = nil } }
    }

    /// Every parameter in group order (PyTorch's state-dict indices `0…n-1`).
    public var orderedParameters: [Tensor] { groups.flatMap(\.parameters) }
}

/// Per-parameter optimizer state, keyed by the parameter tensor's identity.
public final class OptimizerState {
    private var entries: [ObjectIdentifier: [String: Tensor]] = [:]

    public init() {}

    /// The state tensor `key` of `parameter`, created by `make` on first use.
    public func tensor(_ key: String, of parameter: Tensor, make: () -> Tensor) -> Tensor {
        let id = ObjectIdentifier(parameter)
        if let t = entries[id]?[key] { return t }
        let t = make()
        entries[id, default: [:]][key] = t
        return t
    }

    /// Whether `parameter` has any state yet (torch's `len(state[p]) == 0`).
    public func has(_ parameter: Tensor) -> Bool { entries[ObjectIdentifier(parameter)] != nil }

    /// The state of `parameter` (empty before its first step).
    public subscript(parameter: Tensor) -> [String: Tensor] {
        get { entries[ObjectIdentifier(parameter)] ?? [:] }
        set { entries[ObjectIdentifier(parameter)] = newValue }
    }

    /// State as `optimizer.state_dict()["state"]`: parameter index (group order) → named tensors.
    public func indexed(_ parameters: [Tensor]) -> [(index: Int, state: [String: Tensor])] {
        parameters.enumerated().compactMap { i, p in entries[ObjectIdentifier(p)].map { (i, $0) } }
    }

    /// Restores state saved by `indexed(_:)` for the same parameter order (copies the tensors).
    public func load(_ saved: [(index: Int, state: [String: Tensor])], parameters: [Tensor]) {
        for (i, s) in saved {
            precondition(i < parameters.count, "optimizer state index \(i) beyond \(parameters.count) parameters")
            entries[ObjectIdentifier(parameters[i])] = s.mapValues { $0.copy() }
        }
    }
}
