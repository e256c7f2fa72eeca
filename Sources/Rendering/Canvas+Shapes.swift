/// A point in canvas pixel coordinates (pixel centres sit at integer + 0.5).
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

extension Canvas {
    /// Outlines the rectangle with corners (`x1`, `y1`) and (`x2`, `y2`) (inclusive) with a `lineWidth`-pixel border
    /// centred on its edges, like `cv2.rectangle`.
    public mutating func strokeRect(x1: Int, y1: Int, x2: Int, y2: Int, color: RGB, lineWidth: Int = 1) {
        let lw = max(lineWidth, 1)
        let outer = (lw - 1) / 2  // pixels outside the edge
        let left = min(x1, x2) - outer, top = min(y1, y2) - outer
        let right = max(x1, x2) + (lw - 1 - outer), bottom = max(y1, y2) + (lw - 1 - outer)
        let w = right - left + 1, h = bottom - top + 1
        fill(PixelRect(x: left, y: top, width: w, height: lw), color: color)
        fill(PixelRect(x: left, y: bottom - lw + 1, width: w, height: lw), color: color)
        fill(PixelRect(x: left, y: top, width: lw, height: h), color: color)
        fill(PixelRect(x: right - lw + 1, y: top, width: lw, height: h), color: color)
    }

    /// An anti-aliased straight line `width` pixels wide with round ends.
    public mutating func line(from start: Point, to end: Point, color: RGB, width: Double = 1) {
        polyline([start, end], color: color, width: width)
    }

    /// An anti-aliased open path `width` pixels wide with round joins; `dash` (on, off, on, off… lengths in pixels)
    /// makes it dashed or dotted. Overlapping segments are covered once, so joins do not darken.
    public mutating func polyline(_ points: [Point], color: RGB, width: Double = 1, dash: [Double]? = nil,
                                  opacity: Double = 1) {
        guard !points.isEmpty else { return }
        let segments = dash.map { dashed(points, pattern: $0) } ?? zip(points, points.dropFirst()).map { ($0, $1) }
        let pathSegments = points.count == 1 ? [(points[0], points[0])] : segments
        var mask = CoverageMask(canvasWidth: self.width, canvasHeight: height, around: points, margin: width / 2 + 2)
        for (a, b) in pathSegments { mask.addCapsule(a, b, radius: width / 2) }
        mask.blend(into: &self, color: color, opacity: opacity)
    }

    /// A filled anti-aliased disc of `radius` pixels centred on `center`.
    public mutating func dot(center: Point, radius: Double, color: RGB, opacity: Double = 1) {
        var mask = CoverageMask(canvasWidth: width, canvasHeight: height, around: [center], margin: radius + 2)
        mask.addCapsule(center, center, radius: radius)
        mask.blend(into: &self, color: color, opacity: opacity)
    }

    /// An anti-aliased circle outline of `radius` pixels, `lineWidth` wide, centred on `center`.
    public mutating func circle(center: Point, radius: Double, color: RGB, lineWidth: Double = 1) {
        var mask = CoverageMask(canvasWidth: width, canvasHeight: height, around: [center], margin: radius + lineWidth + 2)
        mask.addRing(center, radius: radius, halfWidth: lineWidth / 2)
        mask.blend(into: &self, color: color, opacity: 1)
    }

    /// Splits a path into its "on" pieces under a dash pattern measured along the path.
    private func dashed(_ points: [Point], pattern: [Double]) -> [(Point, Point)] {
        let lengths = pattern.map { max($0, 0.01) }
        guard !lengths.isEmpty else { return zip(points, points.dropFirst()).map { ($0, $1) } }
        var out: [(Point, Point)] = []
        var index = 0, left = lengths[0]  // current pattern entry and what is left of it
        for (a, b) in zip(points, points.dropFirst()) {
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            var t = 0.0
            while t < length {
                let step = min(left, length - t)
                if index % 2 == 0 {
                    let p = Point(a.x + dx * t / length, a.y + dy * t / length)
                    let q = Point(a.x + dx * (t + step) / length, a.y + dy * (t + step) / length)
                    out.append((p, q))
                }
                t += step
                left -= step
                if left <= 1e-9 {
                    index = (index + 1) % lengths.count
                    left = lengths[index]
                }
            }
        }
        return out
    }
}

/// Per-pixel coverage 0…1 over a bounding box of the canvas; shapes add by maximum, then blend once.
struct CoverageMask {
    let x0: Int, y0: Int, width: Int, height: Int
    var alpha: [Float]

    init(canvasWidth: Int, canvasHeight: Int, around points: [Point], margin: Double) {
        let xs = points.map(\.x), ys = points.map(\.y)
        let left = max(Int((xs.min()! - margin).rounded(.down)), 0)
        let top = max(Int((ys.min()! - margin).rounded(.down)), 0)
        let right = min(Int((xs.max()! + margin).rounded(.up)), canvasWidth)
        let bottom = min(Int((ys.max()! + margin).rounded(.up)), canvasHeight)
        x0 = left
        y0 = top
        width = max(right - left, 0)
        height = max(bottom - top, 0)
        alpha = [Float](repeating: 0, count: width * height)
    }

    /// Adds the capsule of points within `radius` of segment a–b, with a one-pixel anti-aliased edge.
    mutating func addCapsule(_ a: Point, _ b: Point, radius: Double) {
        guard width > 0, height > 0 else { return }
        let r = max(radius, 0.5)
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        let reach = r + 1
        let rowStart = max(Int((min(a.y, b.y) - reach).rounded(.down)), y0)
        let rowEnd = min(Int((max(a.y, b.y) + reach).rounded(.up)), y0 + height - 1)
        guard rowStart <= rowEnd else { return }
        for py in rowStart...rowEnd {
            let cy = Double(py) + 0.5
            // The x extent of the segment part within reach of this row, widened by the reach.
            var lo = min(a.x, b.x), hi = max(a.x, b.x)
            if abs(dy) > 1e-9 {
                let t0 = (cy - reach - a.y) / dy, t1 = (cy + reach - a.y) / dy
                let ta = max(min(t0, t1), 0), tb = min(max(t0, t1), 1)
                if ta > tb { continue }
                lo = min(a.x + dx * ta, a.x + dx * tb)
                hi = max(a.x + dx * ta, a.x + dx * tb)
            }
            let colStart = max(Int((lo - reach).rounded(.down)), x0)
            let colEnd = min(Int((hi + reach).rounded(.up)), x0 + width - 1)
            guard colStart <= colEnd else { continue }
            for px in colStart...colEnd {
                let cx = Double(px) + 0.5
                var t = lengthSquared > 0 ? ((cx - a.x) * dx + (cy - a.y) * dy) / lengthSquared : 0
                t = min(max(t, 0), 1)
                let ex = cx - (a.x + dx * t), ey = cy - (a.y + dy * t)
                let coverage = Float(min(max(r + 0.5 - (ex * ex + ey * ey).squareRoot(), 0), 1))
                let i = (py - y0) * width + (px - x0)
                if coverage > alpha[i] { alpha[i] = coverage }
            }
        }
    }

    /// Adds a ring of points whose distance to `center` is within `halfWidth` of `radius`.
    mutating func addRing(_ center: Point, radius: Double, halfWidth: Double) {
        let h = max(halfWidth, 0.5)
        for py in y0..<(y0 + height) {
            for px in x0..<(x0 + width) {
                let ex = Double(px) + 0.5 - center.x, ey = Double(py) + 0.5 - center.y
                let d = abs((ex * ex + ey * ey).squareRoot() - radius)
                let coverage = Float(min(max(h + 0.5 - d, 0), 1))
                let i = (py - y0) * width + (px - x0)
                if coverage > alpha[i] { alpha[i] = coverage }
            }
        }
    }

    /// Blends `color` into `canvas` with this coverage times `opacity`.
    func blend(into canvas: inout Canvas, color: RGB, opacity: Double) {
        for y in 0..<height {
            for x in 0..<width {
                let a = alpha[y * width + x]
                if a > 0 { canvas.blend(x: x0 + x, y: y0 + y, color: color, alpha: Double(a) * opacity) }
            }
        }
    }
}
