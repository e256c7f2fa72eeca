import Foundation
import Tensors

/// Ultralytics' ModelEMA: an exponential moving average of a model's float state (parameters and BatchNorm running
/// statistics) with decay `d = decay·(1 − exp(−updates/tau))`, updated after each optimizer step as
/// `ema = lerp(ema, model, 1 − d)`. `num_batches_tracked` (an integer in PyTorch) is not averaged: it keeps the
/// value it had when the EMA was made, as in the reference.
public final class ModelEMA {
    public let decay: Double
    public let tau: Double
    /// Number of updates so far (saved in checkpoints as `updates`).
    public var updates: Int
    /// The EMA's tensors with their state-dict names (the target module's own tensors when one was given).
    public let entries: [(name: String, tensor: Tensor)]
    /// Indices of `entries` that are averaged.
    private let averaged: [Int]

    /// Copies `model`'s state; with `target` (a module of the same architecture, e.g. a second DetectionModel used
    /// for validation and checkpoints), copies into its tensors and keeps averaging them in place.
    public init(model: Module, target: Module? = nil, decay: Double = 0.9999, tau: Double = 2000, updates: Int = 0) {
        (self.decay, self.tau, self.updates) = (decay, tau, updates)
        let source = model.stateDict()
        let entries: [(name: String, tensor: Tensor)]
        if let target {
            let own = target.stateDict()
            precondition(own.map(\.name) == source.map(\.name) && zip(own, source).allSatisfy { $0.1.tensor.count == $0.0.tensor.count },
                         "ModelEMA: target module's state dict does not match the model's")
            for (t, s) in zip(own, source) { t.tensor.assign(s.tensor) }
            for (_, p) in target.namedParameters() { p.requiringGrad(false) }
            entries = own
        } else {
            entries = source.map { ($0.name, $0.tensor.copy()) }
        }
        self.entries = entries
        averaged = entries.indices.filter { !ModelEMA.isInteger(entries[$0].name) }
    }

    /// Entries PyTorch stores as integers (never averaged).
    static func isInteger(_ name: String) -> Bool { name.hasSuffix("num_batches_tracked") }

    /// The decay the next update will use.
    public func decay(at updates: Int) -> Double { decay * (1 - exp(-Double(updates) / tau)) }

    /// One EMA step towards `model` (same state-dict names and sizes as at creation).
    public func update(from model: Module) {
        updates += 1
        let d = decay(at: updates)
        let w = Float(1 - d)
        let source = model.stateDict()
        precondition(source.count == entries.count, "ModelEMA: model has \(source.count) state entries, EMA \(entries.count)")
        for i in averaged {
            let (name, e) = entries[i]
            let m = source[i].tensor
            precondition(source[i].name == name && m.count == e.count, "ModelEMA: \(source[i].name) vs \(name)")
            ModelEMA.lerp(e.mutableData, m.data, count: e.count, weight: w)
        }
    }

    /// torch.lerp_(ema, model, w) as ATen's vectorised kernel computes it (fused; the large-weight form near w = 1).
    static func lerp(_ e: UnsafeMutablePointer<Float>, _ m: UnsafePointer<Float>, count: Int, weight w: Float) {
        if abs(w) < 0.5 {
            for i in 0..<count { e[i] = e[i].addingProduct(w, m[i] - e[i]) }
        } else {
            let c = w - 1
            for i in 0..<count { e[i] = m[i].addingProduct(c, m[i] - e[i]) }
        }
    }

    /// The EMA's state dict (parameters and buffers, Ultralytics names).
    public func stateDict() -> [(name: String, tensor: Tensor)] { entries }
}
