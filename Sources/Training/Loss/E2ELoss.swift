import Models
import Tensors

/// `E2ELoss` (`ultralytics/utils/loss.py`), YOLO26's end-to-end loss: the one-to-many head's `v8DetectionLoss`
/// (assigner topk 10) weighted `o2m` plus the one-to-one head's (topk 7, topk2 1) weighted `o2o`. The weights move
/// per epoch from 0.8 / 0.2 to 0.1 / 0.9 over `epochs − 1` epochs; the logged items are the one-to-one branch's.
public struct E2ELoss: Sendable {
    public var oneToMany: DetectionLoss
    public var oneToOne: DetectionLoss
    /// Total epochs of the run (the reference's `hyp.epochs`), which sets the decay.
    public var epochs: Int
    /// Number of `update()` calls so far: the trainer calls it at the end of every epoch.
    public private(set) var updates = 0
    /// Current weights of the two branches.
    public private(set) var o2m: Double = 0.8
    public private(set) var o2o: Double = 0.2

    static let initialO2M = 0.8, finalO2M = 0.1

    public init(nc: Int, regMax: Int, strides: [Float], epochs: Int, gains: LossGains = LossGains()) {
        oneToMany = DetectionLoss(nc: nc, regMax: regMax, strides: strides, gains: gains, topk: 10)
        oneToOne = DetectionLoss(nc: nc, regMax: regMax, strides: strides, gains: gains, topk: 7, topk2: 1)
        self.epochs = epochs
        o2o = 1 - o2m
    }

    /// The loss of an end-to-end `detect` head (YOLO26).
    public init(detect: Detect, epochs: Int, gains: LossGains = LossGains()) {
        precondition(detect.oneToOneCv2 != nil, "E2ELoss needs a Detect head with one2one branches (YOLO26); use DetectionLoss")
        self.init(nc: detect.nc, regMax: detect.regMax, strides: detect.stride, epochs: epochs, gains: gains)
    }

    /// The weights after `epoch` epochs have finished (the state a run resumed at `epoch` restores).
    public init(nc: Int, regMax: Int, strides: [Float], epochs: Int, startingAtEpoch epoch: Int,
                gains: LossGains = LossGains()) {
        self.init(nc: nc, regMax: regMax, strides: strides, epochs: epochs, gains: gains)
        if epoch > 0 {
            updates = epoch - 1
            update()
        }
    }

    /// The one-to-many weight after `updates` epochs: linear from 0.8 to 0.1 over `epochs − 1` epochs.
    public func decay(_ updates: Int) -> Double {
        max(1 - Double(updates) / Double(max(epochs - 1, 1)), 0) * (Self.initialO2M - Self.finalO2M) + Self.finalO2M
    }

    /// Advances the weights by one epoch (call at the end of each training epoch).
    public mutating func update() {
        updates += 1
        o2m = decay(updates)
        o2o = max(1 - o2m, 0)
    }

    /// `box_loss`, `cls_loss`, `l1_loss` (or `dfl_loss` for a reg_max > 1 end-to-end head).
    public var lossNames: [String] { oneToOne.lossNames }

    /// The weighted loss of both heads for YOLO targets `[batchIndex, cls, cx, cy, w, h]` (rows of 6, normalised).
    public func callAsFunction(_ output: DetectOutput, targets: [Float]) -> DetectionLossOutput {
        guard let o2oHead = output.oneToOne else {
            preconditionFailure("E2ELoss needs the one-to-one head output: run the model in training mode with an end2end Detect")
        }
        return self(oneToMany: (output.oneToMany.boxes, output.oneToMany.scores), oneToOne: (o2oHead.boxes, o2oHead.scores),
                    grids: output.oneToMany.grids, targets: targets)
    }

    /// The weighted loss of raw head tensors (`boxes [B, 4·reg_max, A]`, `scores [B, nc, A]` per branch) over
    /// feature levels of `grids` cells (P3 first).
    public func callAsFunction(oneToMany: (boxes: Tensor, scores: Tensor), oneToOne: (boxes: Tensor, scores: Tensor),
                               grids: [(height: Int, width: Int)], targets: [Float]) -> DetectionLossOutput {
        let batch = Float(oneToMany.scores.shape[0])
        let many = self.oneToMany.evaluate(boxes: oneToMany.boxes, scores: oneToMany.scores, grids: grids,
                                           targets: targets, scale: batch * Float(o2m))
        let one = self.oneToOne.evaluate(boxes: oneToOne.boxes, scores: oneToOne.scores, grids: grids,
                                         targets: targets, scale: batch * Float(o2o))
        let components = zip(many.components, one.components).map { $0 + $1 }
        let loss = Tensor.attachingGradients(value: components.reduce(0, +), many.gradients + one.gradients)
        return DetectionLossOutput(loss: loss, components: components, items: one.items, names: lossNames,
                                   assignments: [many.assignment, one.assignment])
    }
}
