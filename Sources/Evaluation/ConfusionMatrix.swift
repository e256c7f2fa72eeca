/// The detection confusion matrix, Ultralytics' `ConfusionMatrix` for `task="detect"`: `(nc + 1, nc + 1)` counts
/// indexed `[predicted][true]`, the last row and column standing for background.
public struct ConfusionMatrix: Hashable, Sendable {
    /// Number of classes.
    public let nc: Int
    /// `(nc + 1, nc + 1)` counts `[predicted][true]`; row `nc` = missed targets (FN), column `nc` = background FPs.
    public private(set) var matrix: [[Double]]

    public init(classCount: Int) {
        nc = classCount
        matrix = [[Double]](repeating: [Double](repeating: 0, count: classCount + 1), count: classCount + 1)
    }

    /// Adds one image (`process_batch`). Detections with confidence `<= confidenceThreshold` are dropped first (the
    /// function's default is 0.25; `DetectionValidator` passes its cfg `conf`, 0.001 in val). Then, in descending
    /// confidence (stable), each detection whose best IoU with a target is `> iouThreshold` claims the
    /// still-unclaimed target of highest IoU, class-agnostically: a claimed target counts at
    /// `[detected class][true class]`, an unclaimed one as background-row FN, an unmatched detection as
    /// background-column FP.
    public mutating func processBatch(
        detections: [Detection], groundTruth: [GroundTruth], confidenceThreshold: Float = 0.25,
        iouThreshold: Float = 0.45
    ) {
        if groundTruth.isEmpty {
            for d in detections where d.confidence > confidenceThreshold { matrix[d.classIndex][nc] += 1 }
            return
        }
        if detections.isEmpty {
            for g in groundTruth { matrix[nc][g.classIndex] += 1 }
            return
        }
        let kept = detections.filter { $0.confidence > confidenceThreshold }
        var iou = boxIoU(groundTruth.map(\.box), kept.map(\.box))  // (M, N)
        var gtMatch = [Int](repeating: -1, count: groundTruth.count)
        let candidates = kept.indices.filter { j in iou.contains { $0[j] > iouThreshold } }
        let order = stableDescendingOrder(candidates.map { kept[$0].confidence }).map { candidates[$0] }
        for j in order {
            var gtIndex = 0
            for i in iou.indices where iou[i][j] > iou[gtIndex][j] { gtIndex = i }  // first maximum
            if iou[gtIndex][j] > iouThreshold {
                gtMatch[gtIndex] = j
                iou[gtIndex] = [Float](repeating: 0, count: kept.count)
            }
        }
        let matched = Set(gtMatch.filter { $0 >= 0 })
        for (i, g) in groundTruth.enumerated() {
            if gtMatch[i] >= 0 {
                matrix[kept[gtMatch[i]].classIndex][g.classIndex] += 1
            } else {
                matrix[nc][g.classIndex] += 1
            }
        }
        for (j, d) in kept.enumerated() where !matched.contains(j) { matrix[d.classIndex][nc] += 1 }
    }

    /// `(nc,)` true positives (the diagonal without background) and false positives (row sums minus the diagonal).
    public var truePositivesAndFalsePositives: (tp: [Double], fp: [Double]) {
        let tp = (0..<nc).map { matrix[$0][$0] }
        let fp = (0..<nc).map { matrix[$0].reduce(0, +) - matrix[$0][$0] }
        return (tp, fp)
    }

    /// The matrix with each column divided by its sum (+1e-9), as the normalised plot shows it.
    public var normalizedByTrueClass: [[Double]] {
        let sums = (0...nc).map { j in matrix.reduce(0) { $0 + $1[j] } + 1e-9 }
        return matrix.map { row in row.indices.map { row[$0] / sums[$0] } }
    }
}
