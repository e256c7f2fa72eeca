/// The ten COCO IoU thresholds 0.50:0.05:0.95 as float32 (`torch.linspace(0.5, 0.95, 10)`, bit-identical).
public let cocoIoUThresholds: [Float] = (0..<10).map { Float(0.5 + 0.05 * Double($0)) }

/// Which predictions are true positives at each IoU threshold, as `BaseValidator.match_predictions` (greedy, not
/// scipy): predictions are visited in their given order (descending confidence, as NMS returns them); each claims,
/// per threshold, the unclaimed same-class target of highest IoU (the first on ties) if that IoU `>=` the threshold.
///
/// - Parameters:
///   - predictedClasses: `(N,)` class per prediction.
///   - trueClasses: `(M,)` class per target.
///   - iou: `(M, N)` IoU of targets (rows) and predictions (columns), e.g. `boxIoU(targets, predictions)`.
///   - thresholds: `(T,)` IoU thresholds.
/// - Returns: `(N, T)` correct flags.
public func matchPredictions(
    predictedClasses: [Int], trueClasses: [Int], iou: [[Float]], thresholds: [Float] = cocoIoUThresholds
) -> [[Bool]] {
    let n = predictedClasses.count
    let m = trueClasses.count
    let t = thresholds.count
    var correct = [[Bool]](repeating: [Bool](repeating: false, count: t), count: n)
    guard n > 0, m > 0 else { return correct }
    precondition(iou.count == m && iou.allSatisfy { $0.count == n }, "iou must be (M=\(m), N=\(n))")
    let lowest = thresholds.min() ?? 0
    var matched = [[Bool]](repeating: [Bool](repeating: false, count: t), count: m)  // target claimed per threshold
    for j in 0..<n {
        // IoU zeroed where the classes differ.
        let column = (0..<m).map { trueClasses[$0] == predictedClasses[j] ? iou[$0][j] : 0 }
        guard column.contains(where: { $0 >= lowest }) else { continue }
        for ti in 0..<t {
            var best: Float = -.infinity
            var bestTarget = 0
            for i in 0..<m {
                let available: Float = matched[i][ti] ? 0 : column[i]
                if available > best {
                    best = available
                    bestTarget = i
                }
            }
            if best >= thresholds[ti] {
                correct[j][ti] = true
                matched[bestTarget][ti] = true
            }
        }
    }
    return correct
}
