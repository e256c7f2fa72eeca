/// Everything `metrics.ap_per_class` returns, for the `nc` classes that have targets (ascending class index).
public struct APPerClassResult: Sendable {
    /// `(nc,)` true positives at the max-F1 confidence (`round(r · n_targets)`).
    public var truePositives: [Double]
    /// `(nc,)` false positives at the max-F1 confidence.
    public var falsePositives: [Double]
    /// `(nc,)` precision at the confidence that maximises the smoothed mean F1.
    public var precision: [Double]
    /// `(nc,)` recall at that confidence.
    public var recall: [Double]
    /// `(nc,)` F1 at that confidence.
    public var f1: [Double]
    /// `(nc, T)` AP per class and IoU threshold.
    public var ap: [[Double]]
    /// `(nc,)` the class index of each row (classes present in the targets).
    public var classes: [Int]
    /// `(nc, 1000)` precision against confidence `x`.
    public var precisionCurve: [[Double]]
    /// `(nc, 1000)` recall against confidence `x`.
    public var recallCurve: [[Double]]
    /// `(nc, 1000)` F1 against confidence `x`.
    public var f1Curve: [[Double]]
    /// `(1000,)` the curves' x axis, `linspace(0, 1, 1000)`.
    public var x: [Double]
    /// `(nc, 1000)` precision envelope against recall `x` at IoU 0.5 (`(1, 1000)` zeros when there are no classes).
    public var precisionValues: [[Double]]
}

/// `metrics.ap_per_class`: per-class AP at each IoU threshold plus P, R, F1 at the max of the smoothed mean F1.
///
/// - Parameters:
///   - tp: `(N, T)` correct flags per prediction and IoU threshold (all images concatenated).
///   - confidence: `(N,)` confidences (float32, as the reference keeps them).
///   - predictedClasses: `(N,)`.
///   - targetClasses: `(M,)` classes of all targets.
/// - Note: the reference sorts with numpy's unstable argsort; equal confidences of one class with different
///   outcomes make its result depend on numpy's internal order. This uses a stable order.
public func apPerClass(
    tp: [[Bool]], confidence: [Float], predictedClasses: [Int], targetClasses: [Int], eps: Double = 1e-16
) -> APPerClassResult {
    let thresholds = tp.first?.count ?? cocoIoUThresholds.count
    precondition(tp.allSatisfy { $0.count == thresholds }, "ap_per_class: tp rows must all have \(thresholds) values")
    return apPerClass(tp: tp.flatMap { $0 }, thresholdCount: thresholds, confidence: confidence,
                      predictedClasses: predictedClasses, targetClasses: targetClasses, eps: eps)
}

/// `apPerClass` on a flat row-major `(N, T)` `tp` (what `DetMetrics` accumulates).
public func apPerClass(
    tp flatTP: [Bool], thresholdCount thresholds: Int, confidence: [Float], predictedClasses: [Int],
    targetClasses: [Int], eps: Double = 1e-16
) -> APPerClassResult {
    precondition(flatTP.count == confidence.count * thresholds && confidence.count == predictedClasses.count,
                 "ap_per_class: tp \(flatTP.count) ≠ conf \(confidence.count) × \(thresholds) or pred_cls "
                     + "\(predictedClasses.count) differs")
    let order = stableDescendingOrder(confidence)
    let conf = order.map { Double(confidence[$0]) }
    func isCorrect(_ rank: Int, _ t: Int) -> Bool { flatTP[order[rank] * thresholds + t] }
    var rowsByClass: [Int: [Int]] = [:]  // ranks (descending confidence) of each class's predictions
    for (rank, index) in order.enumerated() { rowsByClass[predictedClasses[index], default: []].append(rank) }

    var counts: [Int: Int] = [:]
    for c in targetClasses { counts[c, default: 0] += 1 }
    let classes = counts.keys.sorted()
    let nc = classes.count
    let x = NumPy.linspace(0, 1, 1000)
    let negativeX = x.map { -$0 }
    var ap = [[Double]](repeating: [Double](repeating: 0, count: thresholds), count: nc)
    var pCurve = [[Double]](repeating: [Double](repeating: 0, count: 1000), count: nc)
    var rCurve = pCurve
    var precisionValues: [[Double]] = []

    for (ci, c) in classes.enumerated() {
        let rows = rowsByClass[c] ?? []
        let labels = Double(counts[c]!)
        if rows.isEmpty || labels == 0 {
            precisionValues.append([Double](repeating: 0, count: x.count))
            continue
        }
        let negativeConf = rows.map { -conf[$0] }
        var recall = [[Double]](repeating: [], count: thresholds)  // per threshold, (n_p,)
        var precision = recall
        for t in 0..<thresholds {
            recall[t].reserveCapacity(rows.count)
            precision[t].reserveCapacity(rows.count)
            var tpc = 0.0
            var fpc = 0.0
            for r in rows {
                if isCorrect(r, t) { tpc += 1 } else { fpc += 1 }
                recall[t].append(tpc / (labels + eps))
                precision[t].append(tpc / (tpc + fpc))
            }
        }
        rCurve[ci] = NumPy.interp(negativeX, negativeConf, recall[0], left: 0)
        pCurve[ci] = NumPy.interp(negativeX, negativeConf, precision[0], left: 1)
        for t in 0..<thresholds {
            let (value, mpre, mrec) = computeAP(recall: recall[t], precision: precision[t])
            ap[ci][t] = value
            if t == 0 { precisionValues.append(NumPy.interp(x, mrec, mpre)) }
        }
    }
    if precisionValues.isEmpty { precisionValues = [[Double](repeating: 0, count: 1000)] }

    let f1Curve = zip(pCurve, rCurve).map { p, r in (0..<1000).map { 2 * p[$0] * r[$0] / (p[$0] + r[$0] + eps) } }
    var best = 0
    if nc > 0 {
        let meanF1 = (0..<1000).map { i in f1Curve.reduce(0.0) { $0 + $1[i] } / Double(nc) }
        let smoothed = smooth(meanF1, fraction: 0.1)
        for i in smoothed.indices where smoothed[i] > smoothed[best] { best = i }  // first maximum
    }
    let p = pCurve.map { $0[best] }
    let r = rCurve.map { $0[best] }
    let f1 = f1Curve.map { $0[best] }
    let truePositives = classes.indices.map { (r[$0] * Double(counts[classes[$0]]!)).rounded(.toNearestOrEven) }
    let falsePositives = classes.indices.map {
        (truePositives[$0] / (p[$0] + eps) - truePositives[$0]).rounded(.toNearestOrEven)
    }
    return APPerClassResult(
        truePositives: truePositives, falsePositives: falsePositives, precision: p, recall: r, f1: f1, ap: ap,
        classes: classes, precisionCurve: pCurve, recallCurve: rCurve, f1Curve: f1Curve, x: x,
        precisionValues: precisionValues)
}
