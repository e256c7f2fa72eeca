import Foundation
import Rendering
import YOLOData

/// labels.jpg (`plot_labels`): instances per class, the first 500 box shapes centred, and 2-D histograms of box
/// centres (x, y) and sizes (width, height), from a split's labels.
public enum LabelsPlot {
    /// Draws the labels of `split` (classes `names`) on an 8 × 8 inch figure.
    public static func render(_ split: LabeledSplit, names: [String], dpi: Double = 200) throws -> Figure {
        var classes: [Int] = [], boxes: [[Double]] = []
        for image in split.images {
            for k in 0..<image.labels.count {
                classes.append(Int(image.labels.classes[k]))
                boxes.append((0..<4).map { Double(image.labels.boxes[k * 4 + $0]) })
            }
        }
        return try render(classes: classes, boxes: Array(boxes.prefix(1_000_000)), names: names, dpi: dpi)
    }

    /// Draws class ids and normalised `cx cy w h` boxes.
    public static func render(classes: [Int], boxes: [[Double]], names: [String], dpi: Double = 200) throws -> Figure {
        var figure = try Figure(widthInches: 8, heightInches: 8, dpi: dpi)
        let half = figure.canvas.width / 2
        let showNames = !names.isEmpty && names.count < 30
        // Bins up to the largest class present, as the reference (`cls.max() + 1`); all names when they are shown.
        let nc = max((classes.max() ?? -1) + 1, showNames ? names.count : 0, 1)
        let nameRoom = showNames ? (names.map { figure.textSize($0, points: 10).width }.max() ?? 0) : 0
        let left = figure.ipx(48), right = figure.ipx(12), top = figure.ipx(12), bottom = figure.ipx(40)

        // 1. Instances per class, each bar in its class colour, counts on top.
        var counts = [Int](repeating: 0, count: nc)
        for c in classes where c >= 0 && c < nc { counts[c] += 1 }
        let histFrame = PixelRect(x: left, y: top + figure.ipx(12), width: half - left - right,
                                  height: half - top - figure.ipx(12) - bottom - nameRoom)
        let maxCount = Double(counts.max() ?? 0)
        let histAxes = Axes(frame: histFrame, xRange: -0.5...(Double(nc) - 0.5), yRange: 0...max(maxCount * 1.05, 1))
        for (c, count) in counts.enumerated() where count > 0 {
            let x0 = histAxes.px(Double(c) - 0.4), x1 = histAxes.px(Double(c) + 0.4)
            let y0 = histAxes.py(Double(count))
            figure.canvas.fill(PixelRect(x: Int(x0), y: Int(y0), width: max(Int(x1 - x0), 1), height: histFrame.maxY - Int(y0)),
                               color: Colors.colors(c))
            if showNames {
                figure.text("\(count)", x: Int((x0 + x1) / 2), y: Int(y0) - 2, points: 8, anchor: .bottomCenter)
            }
        }
        figure.decorate(histAxes, xLabel: showNames ? nil : "classes", yLabel: "instances", spines: false,
                        xTicks: showNames ? Ticks.none : nil)
        if showNames {
            for (c, name) in names.enumerated() {
                figure.text(name, x: Int(histAxes.px(Double(c))), y: histFrame.maxY + figure.ipx(4), points: 10,
                            anchor: .topCenter, rotation: .counterClockwise90)
            }
        }

        // 2. Box shapes, centred, on a white square (first 500).
        let side = min(half - 2 * right, half - 2 * top)
        let shapeFrame = PixelRect(x: half + (half - side) / 2, y: (half - side) / 2, width: side, height: side)
        var shapes = Canvas(width: 1000, height: 1000, background: .white)
        for (c, box) in zip(classes, boxes).prefix(500) {
            shapes.strokeRect(x1: Int((0.5 - box[2] / 2) * 1000), y1: Int((0.5 - box[3] / 2) * 1000),
                              x2: Int((0.5 + box[2] / 2) * 1000), y2: Int((0.5 + box[3] / 2) * 1000),
                              color: Colors.colors(c), lineWidth: 1)
        }
        figure.canvas.drawImage(shapes.resized(width: side, height: side), x: shapeFrame.x, y: shapeFrame.y)

        // 3 and 4. 2-D histograms of centres and sizes.
        for (panel, (xi, yi, xl, yl)) in [(0, 1, "x", "y"), (2, 3, "width", "height")].enumerated() {
            let frame = PixelRect(x: panel * half + left, y: half + top, width: half - left - right,
                                  height: half - top - bottom)
            let xs = boxes.map { $0[xi] }, ys = boxes.map { $0[yi] }
            let axes = Axes(frame: frame, xRange: range(xs), yRange: range(ys))
            drawHistogram2D(&figure, axes: axes, xs: xs, ys: ys, bins: 50)
            figure.decorate(axes, xLabel: xl, yLabel: yl, spines: false)
        }
        return figure
    }

    /// The data range numpy's histogram2d uses (min…max; a flat one widened by 0.5).
    static func range(_ values: [Double]) -> ClosedRange<Double> {
        guard let lo = values.min(), let hi = values.max() else { return 0...1 }
        return hi > lo ? lo...hi : (lo - 0.5)...(hi + 0.5)
    }

    /// Fills `bins × bins` cells of `axes` white→blue by count (`hist2d`).
    static func drawHistogram2D(_ figure: inout Figure, axes: Axes, xs: [Double], ys: [Double], bins: Int) {
        var grid = [Int](repeating: 0, count: bins * bins)
        let xr = axes.xRange, yr = axes.yRange
        for (x, y) in zip(xs, ys) {
            let i = min(Int((x - xr.lowerBound) / (xr.upperBound - xr.lowerBound) * Double(bins)), bins - 1)
            let j = min(Int((y - yr.lowerBound) / (yr.upperBound - yr.lowerBound) * Double(bins)), bins - 1)
            if i >= 0, j >= 0 { grid[j * bins + i] += 1 }
        }
        let top = Double(grid.max() ?? 0)
        let f = axes.frame
        for j in 0..<bins {
            for i in 0..<bins {
                let x0 = f.x + f.width * i / bins, x1 = f.x + f.width * (i + 1) / bins
                let y1 = f.maxY - f.height * j / bins, y0 = f.maxY - f.height * (j + 1) / bins
                let t = top > 0 ? Double(grid[j * bins + i]) / top : 0
                figure.canvas.fill(PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0), color: ColorMap.whiteBlue.color(t))
            }
        }
    }

    /// Writes labels.jpg into `folder`.
    @discardableResult
    public static func write(_ split: LabeledSplit, names: [String], to folder: URL, dpi: Double = 200) throws -> URL {
        let url = folder.appendingPathComponent("labels.jpg")
        try render(split, names: names, dpi: dpi).write(to: url)
        return url
    }
}
