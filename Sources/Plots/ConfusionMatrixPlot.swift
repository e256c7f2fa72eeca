import Evaluation
import Foundation
import Rendering

/// confusion_matrix.png and confusion_matrix_normalized.png (`ConfusionMatrix.plot` of the reference): a "Blues"
/// image of `[predicted][true]` counts with class names and "background", values written when under 30 rows.
public enum ConfusionMatrixPlot {
    /// Draws `matrix` (`(nc + 1) × (nc + 1)`, `[predicted][true]`) with `names` (nc of them); `normalize` divides
    /// each column by its sum. Cells below 0.005 stay blank, as in the reference.
    public static func render(matrix: [[Double]], names: [String], normalize: Bool, dpi: Double = 250) throws -> Figure {
        let nc = names.count
        precondition(matrix.count == nc + 1 && matrix.allSatisfy { $0.count == nc + 1 },
                     "confusion matrix must be \(nc + 1)x\(nc + 1) for \(nc) classes")
        var array = matrix
        if normalize {
            let sums = (0...nc).map { j in matrix.reduce(0) { $0 + $1[j] } + 1e-9 }
            array = matrix.map { row in row.indices.map { row[$0] / sums[$0] } }
        }
        var labels = names + ["background"]
        var keep = Array(0...nc)
        if nc >= 100 {  // every k-th class plus background, as the reference downsamples
            let k = max(2, nc / 60)
            keep = Array(stride(from: 0, to: nc, by: k)) + [nc]
            labels = keep.map { $0 == nc ? "background" : names[$0] }
        }
        let n = keep.count
        let values = keep.map { i in keep.map { j in array[i][j] < 0.005 ? Double.nan : array[i][j] } }
        let maxValue = values.flatMap { $0 }.filter(\.isFinite).max() ?? 0

        var figure = try Figure(widthInches: 12, heightInches: 9, dpi: dpi)
        let W = figure.canvas.width, H = figure.canvas.height
        let tickPoints = max(6, 15 - 0.1 * Double(n)), labelPoints = max(6, 12 - 0.1 * Double(n))
        let showTicks = n < 99
        let tickRoom = showTicks ? (labels.map { figure.textSize($0, points: tickPoints).width }.max() ?? 0) : figure.ipx(20)
        let bottomFraction = max(0.1, 0.25 - 0.001 * Double(n))
        let areaTop = Int(0.06 * Double(H)) + figure.ipx(12), areaBottom = Int((1 - bottomFraction) * Double(H))
        let areaRight = Int(0.84 * Double(W))
        let side = min(areaBottom - areaTop, areaRight - tickRoom - figure.ipx(40))
        let cell = Double(side) / Double(n)
        let frame = PixelRect(x: (areaRight + tickRoom + figure.ipx(20)) / 2 - side / 2, y: areaTop, width: side, height: side)

        for i in 0..<n {
            for j in 0..<n where values[i][j].isFinite {
                let rect = PixelRect(x: frame.x + Int((Double(j) * cell).rounded()), y: frame.y + Int((Double(i) * cell).rounded()),
                                     width: Int((Double(j + 1) * cell).rounded()) - Int((Double(j) * cell).rounded()),
                                     height: Int((Double(i + 1) * cell).rounded()) - Int((Double(i) * cell).rounded()))
                figure.canvas.fill(rect, color: ColorMap.blues.color(maxValue > 0 ? values[i][j] / maxValue : 0))
            }
        }
        if n < 30 {
            let threshold = 0.45 * (normalize ? 1 : maxValue)
            for i in 0..<n {
                for j in 0..<n where values[i][j].isFinite {
                    let v = values[i][j]
                    figure.text(normalize ? String(format: "%.2f", v) : "\(Int(v))",
                                x: frame.x + Int((Double(j) + 0.5) * cell), y: frame.y + Int((Double(i) + 0.5) * cell),
                                points: 10, color: v > threshold ? .white : .black, anchor: .center)
                }
            }
        }
        // Ticks and labels: names under the columns (rotated) and left of the rows.
        let tick = figure.ipx(3.5), gap = figure.ipx(3.5)
        var lowest = frame.maxY + tick + gap, leftmost = frame.x - tick - gap
        if showTicks {
            for (k, label) in labels.enumerated() {
                let c = frame.x + Int((Double(k) + 0.5) * cell), r = frame.y + Int((Double(k) + 0.5) * cell)
                figure.canvas.fill(PixelRect(x: c, y: frame.maxY, width: 1, height: tick), color: .black)
                figure.canvas.fill(PixelRect(x: frame.x - tick, y: r, width: tick, height: 1), color: .black)
                let below = figure.text(label, x: c, y: frame.maxY + tick + gap, points: tickPoints,
                                        anchor: TextAnchor(.center, .top), rotation: .counterClockwise90)
                let left = figure.text(label, x: frame.x - tick - gap, y: r, points: tickPoints, anchor: .centerRight)
                lowest = max(lowest, below.maxY)
                leftmost = min(leftmost, left.x)
            }
        }
        figure.text("True", x: frame.x + side / 2, y: lowest + figure.ipx(10), points: labelPoints, anchor: .topCenter)
        figure.text("Predicted", x: leftmost - figure.ipx(10), y: frame.y + side / 2, points: labelPoints,
                    anchor: .centerRight, rotation: .counterClockwise90)
        figure.text(normalize ? "Confusion Matrix Normalized" : "Confusion Matrix", x: frame.x + side / 2,
                    y: frame.y - figure.ipx(20), points: labelPoints, anchor: .bottomCenter)
        drawColorBar(&figure, frame: frame, maxValue: normalize ? max(maxValue, 0) : maxValue)
        return figure
    }

    /// The colour bar right of the matrix (fraction 0.046, pad 0.05 of the axes, as `fig.colorbar`).
    static func drawColorBar(_ figure: inout Figure, frame: PixelRect, maxValue: Double) {
        let width = max(Int(0.046 * Double(frame.width)), 4)
        let bar = PixelRect(x: frame.maxX + Int(0.05 * Double(frame.width)), y: frame.y, width: width, height: frame.height)
        for y in 0..<bar.height {
            let t = 1 - Double(y) / Double(max(bar.height - 1, 1))
            figure.canvas.fill(PixelRect(x: bar.x, y: bar.y + y, width: bar.width, height: 1), color: ColorMap.blues.color(t))
        }
        let axis = Axes(frame: bar, xRange: 0...1, yRange: 0...max(maxValue, 1e-9))
        let ticks = Ticks(range: axis.yRange, target: 6)
        for (value, label) in zip(ticks.values, ticks.labels) {
            let y = Int(axis.py(value).rounded())
            figure.canvas.fill(PixelRect(x: bar.maxX, y: y, width: figure.ipx(3.5), height: 1), color: .black)
            figure.text(label, x: bar.maxX + figure.ipx(7), y: y, points: 10, anchor: .centerLeft)
        }
    }

    /// Writes confusion_matrix.png and confusion_matrix_normalized.png into `folder`; returns both files.
    @discardableResult
    public static func write(_ matrix: ConfusionMatrix, names: [String], to folder: URL, dpi: Double = 250) throws -> [URL] {
        try [false, true].map { normalize in
            let url = folder.appendingPathComponent(normalize ? "confusion_matrix_normalized.png" : "confusion_matrix.png")
            try render(matrix: matrix.matrix, names: names, normalize: normalize, dpi: dpi).write(to: url)
            return url
        }
    }
}
