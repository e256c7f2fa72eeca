import Foundation
import Rendering

/// results.png: one panel per loss and metric column of results.csv against epoch, with the reference's dotted
/// Gaussian-smoothed line (`ultralytics.utils.plotting.plot_results`).
public enum ResultsPlot {
    /// Draws the table's loss and metric columns in two rows (figure `(n + 2) × 6` inches at `dpi`).
    public static func render(_ table: ResultsTable, dpi: Double = 200) throws -> Figure {
        let columns = table.plottedColumns
        let x = table.values.first ?? []
        let panelCount = max(columns.count, 1)
        let perRow = (panelCount + 1) / 2
        var figure = try Figure(widthInches: Double(panelCount + 2), heightInches: 6, dpi: dpi)
        let cellW = Double(figure.canvas.width) / Double(perRow), cellH = Double(figure.canvas.height) / 2
        let left = figure.ipx(34), right = figure.ipx(6), top = figure.ipx(24), bottom = figure.ipx(22)
        let dotted: [Double] = [2, 3.3]
        for (i, name) in columns.enumerated() {
            let row = i / perRow, col = i % perRow
            let frame = PixelRect(x: Int(Double(col) * cellW) + left, y: Int(Double(row) * cellH) + top,
                                  width: Int(cellW) - left - right, height: Int(cellH) - top - bottom)
            let y = table.column(name) ?? []
            let smooth = gaussianFilter1D(y, sigma: 3)
            let axes = Axes(frame: frame, xRange: autoscaledRange(x), yRange: autoscaledRange(y + smooth))
            figure.plot(axes, x: x, y: y, color: Tab10.color(0), widthPoints: 2, markerPoints: 4)
            figure.plot(axes, x: x, y: smooth, color: Tab10.color(1), widthPoints: 2, dash: dotted)
            figure.decorate(axes, title: name, titlePoints: 12, tickPoints: 8,
                            xTicks: Ticks(range: axes.xRange, target: 4), yTicks: Ticks(range: axes.yRange, target: 5))
            if i == 1 {
                let entries = [LegendEntry(label: "results", color: Tab10.color(0), lineWidth: 2, marker: true),
                               LegendEntry(label: "smooth", color: Tab10.color(1), lineWidth: 2, dash: dotted)]
                let size = figure.legendSize(entries, points: 8)
                let corner = bestLegendCorner(axes, x: x, y: y, size: size, inset: figure.ipx(4))
                figure.legend(entries, x: corner.x, y: corner.y, points: 8)
            }
        }
        return figure
    }

    /// Reads `csv` and writes results.png beside it (or to `output`); returns the written file.
    @discardableResult
    public static func write(csv: URL, to output: URL? = nil, dpi: Double = 200) throws -> URL {
        let table = try ResultsTable(contentsOf: csv)
        let url = output ?? csv.deletingLastPathComponent().appendingPathComponent("results.png")
        try render(table, dpi: dpi).write(to: url)
        return url
    }

    /// The inside corner of `axes` whose legend box would cover the fewest data points (matplotlib's "best").
    static func bestLegendCorner(_ axes: Axes, x: [Double], y: [Double], size: (width: Int, height: Int),
                                 inset: Int) -> (x: Int, y: Int) {
        let f = axes.frame
        let corners = [(f.maxX - inset - size.width, f.y + inset), (f.x + inset, f.y + inset),
                       (f.x + inset, f.maxY - inset - size.height), (f.maxX - inset - size.width, f.maxY - inset - size.height)]
        let points = zip(x, y).map { axes.point($0.0, $0.1) }
        let covered = corners.map { c in
            points.filter { $0.x >= Double(c.0) && $0.x <= Double(c.0 + size.width)
                && $0.y >= Double(c.1) && $0.y <= Double(c.1 + size.height) }.count
        }
        let best = covered.indices.min { covered[$0] < covered[$1] } ?? 0
        return (corners[best].0, corners[best].1)
    }
}

/// The reference's `plot_results(file)`: reads a results.csv and writes results.png beside it.
@discardableResult
public func plotResults(csv: URL) throws -> URL { try ResultsPlot.write(csv: csv) }
