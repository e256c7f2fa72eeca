/// Ground-truth boxes of a batch padded per image (`v8DetectionLoss.preprocess`): `[B, maxBoxes]` slots of class and
/// pixel corners, filled in the order the targets arrive.
public struct GroundTruthBoxes: Sendable {
    public let batchSize: Int
    /// Slots per image: the largest number of boxes any image has (0 when the batch has none).
    public let maxBoxes: Int
    /// Class per slot `[B · maxBoxes]` (0 in empty slots).
    public var labels: [Int32]
    /// Pixel corners x1, y1, x2, y2 per slot `[B · maxBoxes · 4]` (0 in empty slots).
    public var boxes: [Float]
    /// Boxes actually present per image.
    public var counts: [Int]

    /// From YOLO batch rows `[batchIndex, cls, cx, cy, w, h]` (6 floats each, coordinates normalised) for an image of
    /// `imageHeight` × `imageWidth` pixels. Rows must be grouped by image in ascending order, as the loader makes them.
    public init(targets: [Float], batchSize: Int, imageHeight: Float, imageWidth: Float) {
        precondition(targets.count % 6 == 0, "targets hold \(targets.count) floats; expected rows of 6 [batchIndex, cls, cx, cy, w, h]")
        let rows = targets.count / 6
        var counts = [Int](repeating: 0, count: batchSize)
        var previous = 0
        for r in 0..<rows {
            let b = Int(targets[r * 6])
            precondition(b >= 0 && b < batchSize, "target row \(r) has batch index \(b) outside 0..<\(batchSize)")
            precondition(b >= previous, "target rows must be sorted by batch index (row \(r) has \(b) after \(previous))")
            previous = b
            counts[b] += 1
        }
        let maxBoxes = counts.max() ?? 0
        self.batchSize = batchSize
        self.maxBoxes = maxBoxes
        self.counts = counts
        labels = [Int32](repeating: 0, count: batchSize * maxBoxes)
        boxes = [Float](repeating: 0, count: batchSize * maxBoxes * 4)
        var filled = [Int](repeating: 0, count: batchSize)
        for r in 0..<rows {
            let t = r * 6, b = Int(targets[t])
            let slot = b * maxBoxes + filled[b]
            filled[b] += 1
            labels[slot] = Int32(targets[t + 1])
            // out[..., 1:5] = xywh2xyxy(xywh * [w, h, w, h]) in float32, the reference's operation order.
            let cx = targets[t + 2] * imageWidth, cy = targets[t + 3] * imageHeight
            let hw = targets[t + 4] * imageWidth / 2, hh = targets[t + 5] * imageHeight / 2
            boxes[slot * 4] = cx - hw
            boxes[slot * 4 + 1] = cy - hh
            boxes[slot * 4 + 2] = cx + hw
            boxes[slot * 4 + 3] = cy + hh
        }
    }

    /// Whether slot `slot` (flat `b · maxBoxes + j`) holds a box: the reference's `mask_gt = sum(xyxy) > 0`.
    @inline(__always)
    public func isValid(_ slot: Int) -> Bool {
        boxes[slot * 4] + boxes[slot * 4 + 1] + boxes[slot * 4 + 2] + boxes[slot * 4 + 3] > 0
    }
}
