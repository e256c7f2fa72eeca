/// Where a text's point (`x`, `y`) sits on the text's box.
public struct TextAnchor: Hashable, Sendable {
    public enum Horizontal: Sendable { case left, center, right }
    public enum Vertical: Sendable { case top, middle, baseline, bottom }

    public var horizontal: Horizontal
    public var vertical: Vertical

    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    public static let topLeft = TextAnchor(.left, .top)
    public static let topCenter = TextAnchor(.center, .top)
    public static let topRight = TextAnchor(.right, .top)
    public static let centerLeft = TextAnchor(.left, .middle)
    public static let center = TextAnchor(.center, .middle)
    public static let centerRight = TextAnchor(.right, .middle)
    public static let bottomLeft = TextAnchor(.left, .bottom)
    public static let bottomCenter = TextAnchor(.center, .bottom)
    public static let baselineLeft = TextAnchor(.left, .baseline)
}

/// How text runs: left to right, or rotated 90° counter-clockwise (bottom to top, for y-axis labels).
public enum TextRotation: Sendable {
    case none
    case counterClockwise90
}

/// A line of text rendered to 8-bit coverage: `width × height` with the baseline `ascent` rows from the top.
public struct TextMask: Sendable {
    public let width: Int
    public let height: Int
    public let ascent: Int
    public let coverage: [UInt8]

    /// Renders `text` at `size` pixels in `font`.
    public init(_ text: String, size: Double, font: Font) {
        let (ascent, descent) = font.lineMetrics(size: size)
        let placed = font.layout(text, size: size)
        let minX = min(placed.map { $0.penX + $0.glyph.left }.min() ?? 0, 0)
        let end = placed.last.map { $0.penX + $0.glyph.advance } ?? 0
        let maxX = max(placed.map { $0.penX + $0.glyph.left + $0.glyph.width }.max() ?? 0, end)
        let w = max(maxX - minX, 0), h = ascent + descent
        var buffer = [UInt8](repeating: 0, count: w * h)
        for (glyph, pen) in placed {
            for gy in 0..<glyph.rows {
                let y = ascent - glyph.top + gy
                guard y >= 0, y < h else { continue }
                for gx in 0..<glyph.width {
                    let x = pen + glyph.left + gx - minX
                    let value = glyph.coverage[gy * glyph.width + gx]
                    if value > buffer[y * w + x] { buffer[y * w + x] = value }
                }
            }
        }
        width = w
        height = h
        self.ascent = ascent
        coverage = buffer
    }
}

extension Canvas {
    /// Width and height of `text` at `size` pixels in the standard font (height: the font's full line).
    public static func textSize(_ text: String, size: Double, font: Font? = nil) throws -> (width: Int, height: Int) {
        let mask = TextMask(text, size: size, font: try font ?? Font.standard())
        return (mask.width, mask.height)
    }

    /// Width and height of `text` at `size` pixels in the standard font (height: the font's full line).
    public func textSize(_ text: String, size: Double, font: Font? = nil) throws -> (width: Int, height: Int) {
        try Canvas.textSize(text, size: size, font: font)
    }

    /// Draws anti-aliased `text` at `size` pixels with its `anchor` point at (`x`, `y`) and returns the box it
    /// occupies (before clipping); `rotation` turns it to read bottom to top.
    @discardableResult
    public mutating func drawText(_ text: String, x: Int, y: Int, size: Double, color: RGB = .black,
                                  anchor: TextAnchor = .topLeft, rotation: TextRotation = .none,
                                  font: Font? = nil) throws -> PixelRect {
        let mask = TextMask(text, size: size, font: try font ?? Font.standard())
        return draw(mask, x: x, y: y, color: color, anchor: anchor, rotation: rotation)
    }

    /// Blends a rendered text mask in `color` with its `anchor` point at (`x`, `y`); returns its box.
    @discardableResult
    public mutating func draw(_ mask: TextMask, x: Int, y: Int, color: RGB, anchor: TextAnchor = .topLeft,
                              rotation: TextRotation = .none) -> PixelRect {
        let rotated = rotation == .counterClockwise90
        let boxW = rotated ? mask.height : mask.width, boxH = rotated ? mask.width : mask.height
        let left: Int
        switch anchor.horizontal {
        case .left: left = x
        case .center: left = x - boxW / 2
        case .right: left = x - boxW
        }
        let top: Int
        switch anchor.vertical {
        case .top: top = y
        case .middle: top = y - boxH / 2
        case .baseline: top = rotated ? y - boxH : y - mask.ascent
        case .bottom: top = y - boxH
        }
        for my in 0..<mask.height {
            for mx in 0..<mask.width {
                let value = mask.coverage[my * mask.width + mx]
                guard value > 0 else { continue }
                // Counter-clockwise: the mask's left edge goes to the bottom, its top row to the left column.
                let cx = rotated ? left + my : left + mx
                let cy = rotated ? top + (mask.width - 1 - mx) : top + my
                blend(x: cx, y: cy, color: color, alpha: Double(value) / 255)
            }
        }
        return PixelRect(x: left, y: top, width: boxW, height: boxH)
    }
}
