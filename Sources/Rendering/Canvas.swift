/// An RGB8 picture to draw on: `width × height` pixels, row-major, three bytes per pixel.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major RGB bytes, `width * height * 3` of them.
    public var pixels: [UInt8]

    /// A canvas filled with `background`.
    public init(width: Int, height: Int, background: RGB = .white) {
        precondition(width > 0 && height > 0, "Canvas size must be positive, got \(width)x\(height)")
        self.width = width
        self.height = height
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        for i in stride(from: 0, to: bytes.count, by: 3) {
            bytes[i] = background.r
            bytes[i + 1] = background.g
            bytes[i + 2] = background.b
        }
        pixels = bytes
    }

    /// A canvas over existing RGB8 bytes (`width * height * 3` of them).
    public init(rgb: [UInt8], width: Int, height: Int) {
        precondition(width > 0 && height > 0, "Canvas size must be positive, got \(width)x\(height)")
        precondition(rgb.count == width * height * 3, "Canvas \(width)x\(height) needs \(width * height * 3) bytes, got \(rgb.count)")
        self.width = width
        self.height = height
        pixels = rgb
    }

    /// The colour at (`x`, `y`); writing outside the canvas is ignored, reading outside is a precondition failure.
    public subscript(x: Int, y: Int) -> RGB {
        get {
            precondition(contains(x, y), "pixel (\(x), \(y)) outside a \(width)x\(height) canvas")
            let i = (y * width + x) * 3
            return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            guard contains(x, y) else { return }
            let i = (y * width + x) * 3
            pixels[i] = newValue.r
            pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b
        }
    }

    /// Whether (`x`, `y`) lies on the canvas.
    @inline(__always)
    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Blends `color` over the pixel at (`x`, `y`) with coverage `alpha` 0…1 (outside the canvas: nothing).
    @inline(__always)
    public mutating func blend(x: Int, y: Int, color: RGB, alpha: Double) {
        guard contains(x, y), alpha > 0 else { return }
        let i = (y * width + x) * 3
        if alpha >= 1 {
            pixels[i] = color.r
            pixels[i + 1] = color.g
            pixels[i + 2] = color.b
            return
        }
        let a = Float(alpha), inv = 1 - a
        pixels[i] = UInt8(Float(pixels[i]) * inv + Float(color.r) * a + 0.5)
        pixels[i + 1] = UInt8(Float(pixels[i + 1]) * inv + Float(color.g) * a + 0.5)
        pixels[i + 2] = UInt8(Float(pixels[i + 2]) * inv + Float(color.b) * a + 0.5)
    }

    /// Fills `rect` (clipped to the canvas) with `color`, blended at `opacity` when below 1.
    public mutating func fill(_ rect: PixelRect, color: RGB, opacity: Double = 1) {
        let clipped = rect.clipped(width: width, height: height)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<(clipped.y + clipped.height) {
            for x in clipped.x..<(clipped.x + clipped.width) { blend(x: x, y: y, color: color, alpha: opacity) }
        }
    }

    /// Fills the whole canvas with `color`.
    public mutating func clear(_ color: RGB) {
        fill(PixelRect(x: 0, y: 0, width: width, height: height), color: color)
    }

    /// Counts the pixels inside `rect` (clipped) whose colour differs from `background`: a helper for checks and tests.
    public func countPixels(in rect: PixelRect, differingFrom background: RGB) -> Int {
        let clipped = rect.clipped(width: width, height: height)
        guard !clipped.isEmpty else { return 0 }
        var count = 0
        for y in clipped.y..<(clipped.y + clipped.height) {
            for x in clipped.x..<(clipped.x + clipped.width) where self[x, y] != background { count += 1 }
        }
        return count
    }
}

/// An integer pixel rectangle: origin (`x`, `y`) top-left, `width × height` pixels.
public struct PixelRect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The rectangle spanning corners (`x1`, `y1`) and (`x2`, `y2`), both inclusive.
    public init(x1: Int, y1: Int, x2: Int, y2: Int) {
        self.init(x: min(x1, x2), y: min(y1, y2), width: abs(x2 - x1) + 1, height: abs(y2 - y1) + 1)
    }

    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// This rectangle grown by `d` pixels on every side (shrunk for negative `d`).
    public func insetBy(_ d: Int) -> PixelRect { PixelRect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }

    /// The part of this rectangle inside a `width × height` canvas.
    public func clipped(width w: Int, height h: Int) -> PixelRect {
        let x0 = max(x, 0), y0 = max(y, 0), x1 = min(x + width, w), y1 = min(y + height, h)
        return PixelRect(x: x0, y: y0, width: max(x1 - x0, 0), height: max(y1 - y0, 0))
    }
}
