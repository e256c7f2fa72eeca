/// What `TaskAlignedAssigner` gives each anchor: its ground-truth box, class and soft score, or background.
///
/// Scores are kept sparse (one value per anchor, at `targetLabels`); `denseTargetScores()` expands them to the
/// reference's `target_scores [B, A, nc]`.
public struct TaskAlignedAssignment: Sendable {
    public let batchSize: Int
    public let anchorCount: Int
    public let numClasses: Int
    /// Class of the assigned box per anchor `[B · A]` (background anchors carry slot 0's class, as the reference).
    public var targetLabels: [Int32]
    /// Pixel corners of the assigned box per anchor `[B · A · 4]` (background: slot 0's box, zeros without boxes).
    public var targetBoxes: [Float]
    /// Normalised alignment score at `targetLabels` per anchor `[B · A]` (0 for background).
    public var targetScores: [Float]
    /// Foreground flag per anchor `[B · A]`.
    public var foreground: [Bool]
    /// Slot of the assigned box within its image per anchor `[B · A]` (0 for background).
    public var targetIndices: [Int32]

    /// All background: what the reference returns when the batch has no boxes at all.
    init(batchSize: Int, anchorCount: Int, numClasses: Int) {
        self.batchSize = batchSize
        self.anchorCount = anchorCount
        self.numClasses = numClasses
        let n = batchSize * anchorCount
        targetLabels = [Int32](repeating: 0, count: n)
        targetBoxes = [Float](repeating: 0, count: n * 4)
        targetScores = [Float](repeating: 0, count: n)
        foreground = [Bool](repeating: false, count: n)
        targetIndices = [Int32](repeating: 0, count: n)
    }

    /// Number of foreground anchors.
    public var foregroundCount: Int { foreground.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// `target_scores.sum()`, clamped below at 1 as the loss divides by it.
    public var targetScoresSum: Float {
        var s: Double = 0
        for v in targetScores { s += Double(v) }
        return Float(max(s, 1))
    }

    /// The reference's dense `target_scores [B, A, nc]`.
    public func denseTargetScores() -> [Float] {
        var out = [Float](repeating: 0, count: batchSize * anchorCount * numClasses)
        for i in 0..<(batchSize * anchorCount) where foreground[i] {
            out[i * numClasses + Int(targetLabels[i])] = targetScores[i]
        }
        return out
    }
}
