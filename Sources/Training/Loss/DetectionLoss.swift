import Models
import Tensors

/// The loss gains read from the configuration (`box`, `cls`, `dfl` keys of default.yaml).
public struct LossGains: Sendable, Equatable {
    public var box: Float
    public var cls: Float
    public var dfl: Float

    public init(box: Float = 7.5, cls: Float = 0.5, dfl: Float = 1.5) {
        self.box = box
        self.cls = cls
        self.dfl = dfl
    }
}

/// What a detection loss returns for one batch.
public struct DetectionLossOutput {
    /// Scalar to back-propagate: the sum of `components` (the reference's `loss.sum()` in the trainer), recorded on
    /// the head outputs' graph.
    public var loss: Tensor
    /// The reference's returned loss vector (box, cls, dfl|l1), gains applied, times the batch size (and, for
    /// `E2ELoss`, the branch weights).
    public var components: [Float]
    /// The detached items the reference logs, named by `names` (`box_loss`, `cls_loss`, `dfl_loss` or `l1_loss`).
    public var items: [Float]
    public var names: [String]
    /// Per-branch assignments (one-to-many first).
    public var assignments: [TaskAlignedAssignment]

    /// `items` keyed by name.
    public var namedItems: [(name: String, value: Float)] { zip(names, items).map { (name: $0, value: $1) } }
}

/// `v8DetectionLoss` (`ultralytics/utils/loss.py`): TaskAlignedAssigner targets, CIoU box loss and BCE class loss
/// divided by the target-score sum, plus DFL for `reg_max > 1` or the image-size-normalised L1 distance term for
/// `reg_max = 1` (YOLO26), each times its gain; the returned loss is multiplied by the batch size.
///
/// The loss and its gradient are computed together on plain buffers (fused, like llm.c's `*_forward/_backward`)
/// and attached to the head outputs' autograd graph, so `output.loss.backward()` reaches the model.
public struct DetectionLoss: Sendable {
    public let nc: Int
    public let regMax: Int
    public let strides: [Float]
    public var gains: LossGains
    public var assigner: TaskAlignedAssigner

    /// - Parameters: `topk`/`topk2` of the assigner (10/nil one-to-many; YOLO26 one-to-one 7/1).
    public init(nc: Int, regMax: Int, strides: [Float], gains: LossGains = LossGains(), topk: Int = 10,
                topk2: Int? = nil) {
        precondition(regMax >= 1, "reg_max must be at least 1, got \(regMax)")
        self.nc = nc
        self.regMax = regMax
        self.strides = strides
        self.gains = gains
        assigner = TaskAlignedAssigner(topk: topk, numClasses: nc, alpha: 0.5, beta: 6.0, strides: strides, topk2: topk2)
    }

    /// The loss of `detect`'s one-to-many head (YOLOv8/YOLO11 models).
    public init(detect: Detect, gains: LossGains = LossGains()) {
        self.init(nc: detect.nc, regMax: detect.regMax, strides: detect.stride, gains: gains)
    }

    /// `box_loss`, `cls_loss`, then `dfl_loss` (reg_max > 1) or `l1_loss`.
    public var lossNames: [String] { ["box_loss", "cls_loss", regMax > 1 ? "dfl_loss" : "l1_loss"] }

    /// The loss of one head for a batch of YOLO targets `[batchIndex, cls, cx, cy, w, h]` (rows of 6, normalised).
    public func callAsFunction(_ head: HeadOutput, targets: [Float]) -> DetectionLossOutput {
        self(boxes: head.boxes, scores: head.scores, grids: head.grids, targets: targets)
    }

    /// The loss of raw head tensors `boxes [B, 4·reg_max, A]` and `scores [B, nc, A]` whose anchors come from
    /// feature levels of `grids` cells (one per stride, P3 first).
    public func callAsFunction(boxes: Tensor, scores: Tensor, grids: [(height: Int, width: Int)],
                               targets: [Float]) -> DetectionLossOutput {
        let branch = evaluate(boxes: boxes, scores: scores, grids: grids, targets: targets, scale: Float(scores.shape[0]))
        let loss = Tensor.attachingGradients(value: branch.components.reduce(0, +), branch.gradients)
        return DetectionLossOutput(loss: loss, components: branch.components, items: branch.items, names: lossNames,
                                   assignments: [branch.assignment])
    }

    /// Items, loss vector (items × `scale`) and the gradient of the loss vector's sum w.r.t. `boxes` and `scores`.
    func evaluate(_ head: HeadOutput, targets: [Float], scale: Float) -> BranchLoss {
        evaluate(boxes: head.boxes, scores: head.scores, grids: head.grids, targets: targets, scale: scale)
    }

    /// As `evaluate(_:targets:scale:)` for raw head tensors `boxes [B, 4·reg_max, A]`, `scores [B, nc, A]` over
    /// levels of `grids` cells (one per stride).
    func evaluate(boxes: Tensor, scores: Tensor, grids: [(height: Int, width: Int)], targets: [Float],
                  scale: Float) -> BranchLoss {
        let (b, a) = (scores.shape[0], scores.shape[2])
        precondition(scores.shape == [b, nc, a], "scores \(scores.shape): expected [B, nc=\(nc), A]")
        precondition(boxes.shape == [b, 4 * regMax, a], "boxes \(boxes.shape): expected [B, 4·reg_max=\(4 * regMax), \(a)]")
        precondition(grids.count == strides.count, "\(grids.count) feature levels for \(strides.count) strides")
        let anchors = AnchorGrid(grids: grids, strides: strides)
        precondition(anchors.count == a, "the levels \(grids) hold \(anchors.count) anchors, the head gives \(a)")
        var kernel = DetectionLossKernel(loss: self, batch: b, anchors: anchors, boxes: boxes.data, scores: scores.data)
        let groundTruth = GroundTruthBoxes(targets: targets, batchSize: b, imageHeight: anchors.imageHeight,
                                           imageWidth: anchors.imageWidth)
        let assignment = kernel.assign(groundTruth)
        let items = kernel.accumulate(assignment, scale: scale)
        return BranchLoss(items: items, components: items.map { $0 * scale }, assignment: assignment,
                          gradients: [(boxes, kernel.boxGradient), (scores, kernel.scoreGradient)])
    }
}

extension HeadOutput {
    /// Cells per feature level (height, width), P3 first.
    var grids: [(height: Int, width: Int)] { feats.map { (height: $0.shape[$0.rank - 2], width: $0.shape[$0.rank - 1]) } }
}

/// One branch's results: detached items, the scaled loss vector, the assignment and (input, gradient) pairs.
struct BranchLoss {
    var items: [Float]
    var components: [Float]
    var assignment: TaskAlignedAssignment
    var gradients: [(Tensor, Tensor)]
}

/// Anchor centres per level (`make_anchors` with offset 0.5): grid units and strides, level by level, rows y-major.
struct AnchorGrid {
    var points: [Float] = []   // [A, 2] grid units
    var strides: [Float] = []  // [A]
    let imageHeight: Float, imageWidth: Float

    init(grids: [(height: Int, width: Int)], strides levelStrides: [Float]) {
        for ((h, w), s) in zip(grids, levelStrides) {
            for y in 0..<h {
                for x in 0..<w {
                    points.append(Float(x) + 0.5)
                    points.append(Float(y) + 0.5)
                    strides.append(s)
                }
            }
        }
        // imgsz = feats[0].shape[2:] * stride[0]
        imageHeight = Float(grids[0].height) * levelStrides[0]
        imageWidth = Float(grids[0].width) * levelStrides[0]
    }

    var count: Int { strides.count }
}
