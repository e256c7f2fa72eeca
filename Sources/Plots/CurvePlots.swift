import Evaluation
import Foundation
import Rendering

/// BoxPR_curve.png, BoxF1_curve.png, BoxP_curve.png and BoxR_curve.png (`plot_pr_curve` / `plot_mc_curve`): thin
/// per-class curves (named in the legend under 21 classes, grey otherwise) and a thick blue mean over all classes.
public enum CurvePlots {
    static let meanBlue = RGB(0, 0, 255)

    /// The precision-recall curve: `precision[c]` against recall `x`, legend "name AP50" and
    /// "all classes 0.512 mAP@0.5" (`ap50[c]` per class row).
    public static func precisionRecall(x: [Double], precision: [[Double]], ap50: [Double], names: [String],
                                       dpi: Double = 250) throws -> Figure {
        let showClasses = !names.isEmpty && names.count < 21
        let classLabels = showClasses ? names.indices.map { "\(names[$0]) \(String(format: "%.3f", ap50[$0]))" } : []
        let mean = columnMean(precision, count: x.count)
        let meanAP = ap50.isEmpty ? 0 : ap50.reduce(0, +) / Double(ap50.count)
        return try render(x: x, curves: precision, classLabels: classLabels, mean: mean,
                          meanLabel: "all classes \(String(format: "%.3f", meanAP)) mAP@0.5",
                          xLabel: "Recall", yLabel: "Precision", title: "Precision-Recall Curve", dpi: dpi)
    }

    /// A metric-confidence curve (F1, Precision or Recall against confidence `x`); the mean is box-smoothed
    /// (`smooth(…, 0.1)`) and its legend gives the best value and where: "all classes 0.62 at 0.312".
    public static func metricConfidence(x: [Double], curves: [[Double]], names: [String], metric: String,
                                        dpi: Double = 250) throws -> Figure {
        let showClasses = !names.isEmpty && names.count < 21
        let mean = smooth(columnMean(curves, count: x.count), fraction: 0.1)
        let best = mean.indices.max { mean[$0] < mean[$1] } ?? 0
        let label = "all classes \(String(format: "%.2f", mean.isEmpty ? 0 : mean[best])) at "
            + String(format: "%.3f", x.isEmpty ? 0 : x[best])
        return try render(x: x, curves: curves, classLabels: showClasses ? names : [], mean: mean, meanLabel: label,
                          xLabel: "Confidence", yLabel: metric, title: "\(metric)-Confidence Curve", dpi: dpi)
    }

    /// Writes the four curve files (prefix "Box") into `folder` from the metrics of a finished evaluation;
    /// nothing when no class had targets. Returns the written files.
    @discardableResult
    public static func write(_ metrics: DetMetrics, to folder: URL, dpi: Double = 250) throws -> [URL] {
        let box = metrics.box
        guard !box.apClassIndex.isEmpty, !box.px.isEmpty else { return [] }
        let names = box.apClassIndex.map { $0 < metrics.names.count ? metrics.names[$0] : "\($0)" }
        var written: [URL] = []
        func save(_ figure: Figure, _ file: String) throws {
            let url = folder.appendingPathComponent(file)
            try figure.write(to: url)
            written.append(url)
        }
        try save(precisionRecall(x: box.px, precision: box.precisionValues, ap50: box.ap50, names: names, dpi: dpi),
                 "BoxPR_curve.png")
        try save(metricConfidence(x: box.px, curves: box.f1Curve, names: names, metric: "F1", dpi: dpi), "BoxF1_curve.png")
        try save(metricConfidence(x: box.px, curves: box.pCurve, names: names, metric: "Precision", dpi: dpi),
                 "BoxP_curve.png")
        try save(metricConfidence(x: box.px, curves: box.rCurve, names: names, metric: "Recall", dpi: dpi),
                 "BoxR_curve.png")
        return written
    }

    static func columnMean(_ rows: [[Double]], count: Int) -> [Double] {
        guard !rows.isEmpty else { return [Double](repeating: 0, count: count) }
        return (0..<count).map { i in rows.reduce(0) { $0 + ($1.count > i ? $1[i] : 0) } / Double(rows.count) }
    }

    /// A 9 × 6 inch figure, axes 0…1 both ways, legend outside the top right corner.
    static func render(x: [Double], curves: [[Double]], classLabels: [String], mean: [Double], meanLabel: String,
                       xLabel: String, yLabel: String, title: String, dpi: Double) throws -> Figure {
        var figure = try Figure(widthInches: 9, heightInches: 6, dpi: dpi)
        var entries = classLabels.enumerated().map { LegendEntry(label: $0.element, color: Tab10.color($0.offset), lineWidth: 1) }
        entries.append(LegendEntry(label: meanLabel, color: meanBlue, lineWidth: 3))
        let legend = figure.legendSize(entries)
        let left = figure.ipx(52), top = figure.ipx(26), bottom = figure.ipx(40)
        let right = legend.width + figure.ipx(0.04 * 9 * 72 * 0.6) + figure.ipx(10)
        let frame = PixelRect(x: left, y: top, width: figure.canvas.width - left - right,
                              height: figure.canvas.height - top - bottom)
        let axes = Axes(frame: frame, xRange: 0...1, yRange: 0...1)
        for (i, curve) in curves.enumerated() {
            figure.plot(axes, x: x, y: curve, color: classLabels.isEmpty ? .gray : Tab10.color(i), widthPoints: 1)
        }
        figure.plot(axes, x: x, y: mean, color: meanBlue, widthPoints: 3)
        figure.decorate(axes, title: title, xLabel: xLabel, yLabel: yLabel,
                        xTicks: Ticks(range: 0...1, target: 5), yTicks: Ticks(range: 0...1, target: 5))
        figure.legend(entries, x: frame.maxX + Int(0.04 * Double(frame.width)), y: frame.y)
        return figure
    }
}
