/// Box metrics of one validation run, Ultralytics' `Metric`: per-class P, R, F1 and AP for the classes that have
/// targets, their means, and the curves behind them.
public struct Metric: Sendable {
    /// `(nc,)` precision per class with targets.
    public var p: [Double] = []
    /// `(nc,)` recall per class.
    public var r: [Double] = []
    /// `(nc,)` F1 per class.
    public var f1: [Double] = []
    /// `(nc, 10)` AP per class at IoU 0.50:0.05:0.95.
    public var allAP: [[Double]] = []
    /// `(nc,)` class index of each row.
    public var apClassIndex: [Int] = []
    /// Number of classes of the model (`len(names)`), for `maps`.
    public var nc: Int = 0
    /// `(nc, 1000)` P, R, F1 against confidence `px`; precision against recall `px` at IoU 0.5.
    public var pCurve: [[Double]] = []
    public var rCurve: [[Double]] = []
    public var f1Curve: [[Double]] = []
    public var precisionValues: [[Double]] = []
    /// `(1000,)` the curves' x axis.
    public var px: [Double] = []

    public init() {}

    /// A metric filled from an `ap_per_class` result (`Metric.update`).
    public init(_ result: APPerClassResult, classCount: Int) {
        p = result.precision
        r = result.recall
        f1 = result.f1
        allAP = result.ap
        apClassIndex = result.classes
        nc = classCount
        pCurve = result.precisionCurve
        rCurve = result.recallCurve
        f1Curve = result.f1Curve
        precisionValues = result.precisionValues
        px = result.x
    }

    /// `(nc,)` AP at IoU 0.5.
    public var ap50: [Double] { allAP.map { $0[0] } }
    /// `(nc,)` AP averaged over the 10 thresholds.
    public var ap: [Double] { allAP.map(Self.mean) }
    /// Mean precision over classes (0 without classes).
    public var mp: Double { Self.mean(p) }
    /// Mean recall over classes.
    public var mr: Double { Self.mean(r) }
    /// mAP at IoU 0.5.
    public var map50: Double { Self.mean(allAP.map { $0[0] }) }
    /// mAP at IoU 0.75.
    public var map75: Double { Self.mean(allAP.map { $0[5] }) }
    /// mAP over IoU 0.50:0.95 (mean over every class and threshold, as `all_ap.mean()`).
    public var map: Double { allAP.isEmpty ? 0 : Self.mean(allAP.flatMap { $0 }) }
    /// `[mp, mr, map50, map]`.
    public var meanResults: [Double] { [mp, mr, map50, map] }
    /// `(p, r, ap50, ap)` of row `i`.
    public func classResult(_ i: Int) -> (p: Double, r: Double, ap50: Double, ap: Double) {
        (p[i], r[i], allAP[i][0], Self.mean(allAP[i]))
    }
    /// `(nc_model,)` mAP50-95 per model class; classes without targets get the overall `map`.
    public var maps: [Double] {
        var values = [Double](repeating: map, count: nc)
        for (i, c) in apClassIndex.enumerated() where c < nc { values[c] = Self.mean(allAP[i]) }
        return values
    }
    /// Fitness of 8.4.190: weights `[0, 0, 0, 1]` on `[P, R, mAP50, mAP50-95]` — mAP50-95 alone, NaN as 0.
    public var fitness: Double {
        let weights = [0.0, 0.0, 0.0, 1.0]
        return zip(meanResults, weights).reduce(0) { $0 + ($1.0.isNaN ? 0 : $1.0) * $1.1 }
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : NumPy.pairwiseSum(values[...]) / Double(values.count)
    }
}
