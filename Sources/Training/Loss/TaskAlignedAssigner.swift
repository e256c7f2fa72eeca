import Dispatch
import Foundation

/// `TaskAlignedAssigner` of `ultralytics/utils/tal.py` (8.4.190) on plain buffers, without gradients.
///
/// Per image and ground-truth box: candidates are anchors whose centre lies inside the box, with sides below
/// `strides[1]` enlarged to it about the centre (small-target-aware selection); the alignment metric is
/// `score^alpha · CIoU^beta` (CIoU clamped at 0); the `topk` best candidates are positives; an anchor claimed by
/// several boxes goes to the one it overlaps most; with `topk2 < topk` each box then keeps only its `topk2` best
/// positives (YOLO26's one-to-one branch). Target scores are the metric normalised per box so the best positive
/// gets that box's best CIoU. Ties among equal metrics are broken as `torch.topk` on the CPU breaks them.
public struct TaskAlignedAssigner: Sendable {
    public var topk: Int
    public var topk2: Int
    public var numClasses: Int
    public var alpha: Float
    public var beta: Float
    /// Level strides; boxes narrower or shorter than `strides[1]` (or the only stride) are enlarged to it.
    public var strides: [Float]
    public var eps: Float

    /// The reference's parameters; `v8DetectionLoss` uses topk 10, alpha 0.5, beta 6.0 (YOLO26 one-to-one: topk 7,
    /// topk2 1).
    public init(topk: Int = 13, numClasses: Int = 80, alpha: Float = 1.0, beta: Float = 6.0,
                strides: [Float] = [8, 16, 32], eps: Float = 1e-9, topk2: Int? = nil) {
        precondition(topk > 0, "topk must be positive, got \(topk)")
        self.topk = topk
        self.topk2 = topk2 ?? topk
        self.numClasses = numClasses
        self.alpha = alpha
        self.beta = beta
        self.strides = strides
        self.eps = eps
    }

    /// The minimum box side for candidate selection (`stride_val`).
    public var minimumSide: Float { strides.count > 1 ? strides[1] : strides[0] }

    /// Assigns targets.
    /// - Parameters:
    ///   - scoreLogits: class logits `[B, nc, A]` (the head's raw `scores`; the sigmoid is applied here).
    ///   - predictedBoxes: predicted corners in pixels `[B, A, 4]`.
    ///   - anchorPoints: anchor centres in pixels `[A, 2]`.
    ///   - groundTruth: the batch's padded boxes in pixels.
    public func callAsFunction(scoreLogits: UnsafePointer<Float>, predictedBoxes: UnsafePointer<Float>,
                               anchorPoints: UnsafePointer<Float>, anchorCount: Int,
                               groundTruth: GroundTruthBoxes) -> TaskAlignedAssignment {
        let batch = groundTruth.batchSize
        var result = TaskAlignedAssignment(batchSize: batch, anchorCount: anchorCount, numClasses: numClasses)
        guard groundTruth.maxBoxes > 0 else { return result }
        let images = UnsafeSendable((scoreLogits, predictedBoxes, anchorPoints))
        let perImage = (0..<batch).map { _ in ImageAssignment() }
        let slots = UnsafeSendable(perImage)
        DispatchQueue.concurrentPerform(iterations: batch) { b in
            let (scores, boxes, anchors) = images.value
            slots.value[b].run(self, image: b, scores: scores + b * numClasses * anchorCount,
                               boxes: boxes + b * anchorCount * 4, anchors: anchors, anchorCount: anchorCount,
                               groundTruth: groundTruth)
        }
        for b in 0..<batch { perImage[b].write(into: &result, image: b, groundTruth: groundTruth) }
        return result
    }
}

/// A value handed to `concurrentPerform` workers that each touch a disjoint part of it (one image each).
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
