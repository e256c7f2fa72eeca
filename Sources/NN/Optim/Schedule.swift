import Foundation

/// The reference's learning-rate factor `lf(epoch)`, stepped once per epoch by `LambdaLR`:
/// linear `max(1 − e/epochs, 0)·(1 − lrf) + lrf`, or with `cos_lr` the `one_cycle(1, lrf, epochs)` cosine.
public struct LRSchedule: Sendable, Equatable {
    public var epochs: Int
    /// Final learning rate as a fraction of lr0 (`lrf`).
    public var lrf: Double
    /// `cos_lr`.
    public var cosine: Bool

    public init(epochs: Int, lrf: Double = 0.01, cosine: Bool = false) {
        (self.epochs, self.lrf, self.cosine) = (epochs, lrf, cosine)
    }

    /// `lf(epoch)`.
    public func factor(epoch: Int) -> Double {
        let x = Double(epoch), n = Double(epochs)
        if cosine { return max((1 - cos(x * Double.pi / n)) / 2, 0) * (lrf - 1) + 1 }
        return max(1 - x / n, 0) * (1 - lrf) + lrf
    }
}

/// Learning rate, momentum and gradient accumulation per iteration, as `BaseTrainer._do_train` sets them: each epoch
/// starts at `initial_lr·lf(epoch)`; during warmup (iterations `ni ≤ nw`) every value is `np.interp(ni, [0, nw], …)`
/// — lr from 0 (bias groups from `warmup_bias_lr`) to `initial_lr·lf(epoch)`, momentum (groups that have one) from
/// `warmup_momentum` to `momentum`, accumulate from 1 to its nominal value, rounded half to even.
public struct TrainingSchedule: Sendable, Equatable {
    public var lr: LRSchedule
    /// `nw`: the number of warmup iterations (0: no warmup).
    public var warmupIterations: Int
    public var warmupBiasLR: Double
    public var warmupMomentum: Double
    /// `momentum` (the warmup target).
    public var momentum: Double
    /// The nominal accumulation (`max(round(nbs/batch), 1)`, capped), reached at the end of warmup.
    public var accumulate: Int

    public init(lr: LRSchedule, batchesPerEpoch: Int, warmupEpochs: Double = 3, warmupBiasLR: Double = 0.1,
                warmupMomentum: Double = 0.8, momentum: Double = 0.937, accumulate: Int) {
        self.lr = lr
        warmupIterations = TrainingSchedule.warmupIterations(warmupEpochs: warmupEpochs, epochs: lr.epochs,
                                                             batchesPerEpoch: batchesPerEpoch)
        (self.warmupBiasLR, self.warmupMomentum, self.momentum) = (warmupBiasLR, warmupMomentum, momentum)
        self.accumulate = accumulate
    }

    /// `_get_warmup_iterations`: `round(min(warmup_epochs, max(epochs − 1, 0))·nb)` (half to even), 0 when that
    /// warmup is not positive — the final epoch always trains without warmup.
    public static func warmupIterations(warmupEpochs: Double, epochs: Int, batchesPerEpoch nb: Int) -> Int {
        let w = min(warmupEpochs, Double(max(epochs - 1, 0)))
        return w > 0 ? Int((w * Double(nb)).rounded(.toNearestOrEven)) : 0
    }

    /// Whether iteration `ni` is inside warmup (the reference's `nw and ni <= nw`).
    public func isWarmingUp(_ ni: Int) -> Bool { warmupIterations > 0 && ni <= warmupIterations }

    /// The learning rate of a group with `initialLR` at iteration `ni` of `epoch`.
    public func learningRate(iteration ni: Int, epoch: Int, initialLR: Double, kind: ParameterGroup.Kind) -> Double {
        let target = initialLR * lr.factor(epoch: epoch)
        guard isWarmingUp(ni) else { return target }
        return interpolate(ni, kind == .bias ? warmupBiasLR : 0, target)
    }

    /// The momentum of a group that has one (`initial`: its value before any warmup, used when `nw` is 0).
    public func momentum(iteration ni: Int, initial: Double) -> Double {
        if isWarmingUp(ni) { return interpolate(ni, warmupMomentum, momentum) }
        return warmupIterations > 0 ? momentum : initial
    }

    /// Batches accumulated per optimizer step at iteration `ni`.
    public func accumulation(iteration ni: Int) -> Int {
        guard isWarmingUp(ni) else { return accumulate }
        return max(1, Int(interpolate(ni, 1, Double(accumulate)).rounded(.toNearestOrEven)))
    }

    /// Sets `lr` and `momentum` of every group for iteration `ni` of `epoch` (momentum stays nil where nil).
    public func apply(to groups: inout [ParameterGroup], iteration ni: Int, epoch: Int, initialMomentum: Double) {
        for i in groups.indices {
            groups[i].lr = learningRate(iteration: ni, epoch: epoch, initialLR: groups[i].initialLR, kind: groups[i].kind)
            if groups[i].momentum != nil { groups[i].momentum = momentum(iteration: ni, initial: initialMomentum) }
        }
    }

    /// `np.interp(x, [0, nw], [y0, y1])`: exact end points, else slope·x + y0.
    func interpolate(_ x: Int, _ y0: Double, _ y1: Double) -> Double {
        if x <= 0 { return y0 }
        if x >= warmupIterations { return y1 }
        let slope = (y1 - y0) / Double(warmupIterations)
        return slope * Double(x) + y0
    }
}
