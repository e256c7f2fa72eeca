import Foundation
import Rendering

/// A matplotlib-like figure: a white canvas sized in inches at a dpi, with sizes given in points (1/72 inch).
public struct Figure {
    public var canvas: Canvas
    /// Pixels per point (dpi / 72).
    public let scale: Double
    let font: Font

    /// A blank `widthInches × heightInches` figure at `dpi`.
    public init(widthInches: Double, heightInches: Double, dpi: Double) throws {
        canvas = Canvas(width: Int((widthInches * dpi).rounded()), height: Int((heightInches * dpi).rounded()),
                        background: .white)
        scale = dpi / 72
        font = try Font.standard()
    }

    /// `points` in pixels.
    public func px(_ points: Double) -> Double { points * scale }

    /// `points` in whole pixels (at least 1).
    public func ipx(_ points: Double) -> Int { max(Int((points * scale).rounded()), 1) }

    /// The size of `text` at `points`.
    public func textSize(_ text: String, points: Double) -> (width: Int, height: Int) {
        let mask = TextMask(text, size: px(points), font: font)
        return (mask.width, mask.height)
    }

    /// Draws `text` at `points` with its anchor at (`x`, `y`); returns its box.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, points: Double, color: RGB = .black,
                              anchor: TextAnchor = .topLeft, rotation: TextRotation = .none) -> PixelRect {
        canvas.draw(TextMask(text, size: px(points), font: font), x: x, y: y, color: color, anchor: anchor,
                    rotation: rotation)
    }

    /// Draws the frame (spines), outward ticks with labels, the axis labels and the title of `axes`.
    public mutating func decorate(_ axes: Axes, title: String? = nil, titlePoints: Double = 12, xLabel: String? = nil,
                                  yLabel: String? = nil, labelPoints: Double = 10, tickPoints: Double = 10,
                                  spines: Bool = true, xTicks: Ticks? = nil, yTicks: Ticks? = nil) {
        let f = axes.frame
        let lw = max(Int((0.8 * scale).rounded()), 1)
        if spines { canvas.strokeRect(x1: f.x, y1: f.y, x2: f.maxX - 1, y2: f.maxY - 1, color: .black, lineWidth: lw) }
        let tickLength = ipx(3.5), gap = ipx(3.5)
        let xt = xTicks ?? Ticks(range: axes.xRange, target: max(min(f.width / ipx(50), 8), 2))
        let yt = yTicks ?? Ticks(range: axes.yRange, target: max(min(f.height / ipx(40), 8), 2))
        var below = f.maxY + tickLength + gap
        var tickLabelBottom = below
        for (value, label) in zip(xt.values, xt.labels) {
            let x = Int(axes.px(value).rounded())
            guard x >= f.x - 1, x <= f.maxX + 1 else { continue }
            canvas.fill(PixelRect(x: x - lw / 2, y: f.maxY, width: lw, height: tickLength), color: .black)
            let box = text(label, x: x, y: below, points: tickPoints, anchor: .topCenter)
            tickLabelBottom = max(tickLabelBottom, box.maxY)
        }
        var left = f.x - tickLength - gap
        var tickLabelLeft = left
        for (value, label) in zip(yt.values, yt.labels) {
            let y = Int(axes.py(value).rounded())
            guard y >= f.y - 1, y <= f.maxY + 1 else { continue }
            canvas.fill(PixelRect(x: f.x - tickLength, y: y - lw / 2, width: tickLength, height: lw), color: .black)
            let box = text(label, x: left, y: y, points: tickPoints, anchor: .centerRight)
            tickLabelLeft = min(tickLabelLeft, box.x)
        }
        below = tickLabelBottom + gap
        left = tickLabelLeft - gap
        if let xLabel { text(xLabel, x: f.x + f.width / 2, y: below, points: labelPoints, anchor: .topCenter) }
        if let yLabel {
            text(yLabel, x: left, y: f.y + f.height / 2, points: labelPoints, anchor: .centerRight,
                 rotation: .counterClockwise90)
        }
        if let title {
            text(title, x: f.x + f.width / 2, y: f.y - ipx(6), points: titlePoints, anchor: .bottomCenter)
        }
    }

    /// Draws a data series as a line (and dots when `markerPoints` is given), clipped to the axes' frame.
    public mutating func plot(_ axes: Axes, x: [Double], y: [Double], color: RGB, widthPoints: Double = 1.5,
                              dash: [Double]? = nil, markerPoints: Double? = nil) {
        let points = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }.map { axes.point($0.0, $0.1) }
        guard !points.isEmpty else { return }
        // Draw on the panel region only: copy it out, draw shifted, copy back (clips to the frame).
        var panel = crop(axes.frame)
        let shifted = points.map { Point($0.x - Double(axes.frame.x), $0.y - Double(axes.frame.y)) }
        panel.polyline(shifted, color: color, width: px(widthPoints), dash: dash?.map { px($0) })
        if let markerPoints {
            for p in shifted { panel.dot(center: p, radius: px(markerPoints) / 2, color: color) }
        }
        canvas.drawImage(panel, x: axes.frame.x, y: axes.frame.y)
    }

    /// A copy of the figure's pixels inside `rect` (clipped).
    func crop(_ rect: PixelRect) -> Canvas {
        let r = rect.clipped(width: canvas.width, height: canvas.height)
        var out = Canvas(width: max(r.width, 1), height: max(r.height, 1))
        for y in 0..<r.height {
            let src = ((r.y + y) * canvas.width + r.x) * 3
            out.pixels.replaceSubrange((y * r.width * 3)..<((y + 1) * r.width * 3),
                                       with: canvas.pixels[src..<(src + r.width * 3)])
        }
        return out
    }

    /// The size a legend of `entries` takes.
    public func legendSize(_ entries: [LegendEntry], points: Double = 10) -> (width: Int, height: Int) {
        let pad = ipx(4), handle = ipx(20), gap = ipx(6)
        let rows = entries.map { textSize($0.label, points: points) }
        let w = (rows.map(\.width).max() ?? 0) + handle + gap + 2 * pad + gap
        let h = rows.map(\.height).reduce(0, +) + 2 * pad
        return (w, h)
    }

    /// Draws a framed legend with its top-left corner at (`x`, `y`); returns its box.
    @discardableResult
    public mutating func legend(_ entries: [LegendEntry], x: Int, y: Int, points: Double = 10) -> PixelRect {
        guard !entries.isEmpty else { return PixelRect(x: x, y: y, width: 0, height: 0) }
        let size = legendSize(entries, points: points)
        let box = PixelRect(x: x, y: y, width: size.width, height: size.height)
        canvas.fill(box, color: .white, opacity: 0.8)
        canvas.strokeRect(x1: box.x, y1: box.y, x2: box.maxX - 1, y2: box.maxY - 1, color: RGB(204, 204, 204),
                          lineWidth: max(ipx(0.8), 1))
        let pad = ipx(4), handle = ipx(20), gap = ipx(6)
        var rowY = y + pad
        for entry in entries {
            let h = textSize(entry.label, points: points).height
            let mid = Double(rowY) + Double(h) / 2
            let x0 = Double(x + pad), x1 = Double(x + pad + handle)
            canvas.polyline([Point(x0, mid), Point(x1, mid)], color: entry.color, width: px(entry.lineWidth),
                            dash: entry.dash?.map { px($0) })
            if entry.marker { canvas.dot(center: Point((x0 + x1) / 2, mid), radius: px(3), color: entry.color) }
            text(entry.label, x: x + pad + handle + gap, y: rowY, points: points)
            rowY += h
        }
        return box
    }

    /// Writes the figure (PNG or JPEG by extension).
    public func write(to url: URL) throws { try canvas.write(to: url) }
}
