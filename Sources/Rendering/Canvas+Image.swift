extension Canvas {
    /// Copies `other` onto this canvas with its top-left corner at (`x`, `y`), clipped to this canvas.
    public mutating func drawImage(_ other: Canvas, x: Int, y: Int) {
        let target = PixelRect(x: x, y: y, width: other.width, height: other.height).clipped(width: width, height: height)
        guard !target.isEmpty else { return }
        let rowBytes = target.width * 3
        other.pixels.withUnsafeBufferPointer { src in
            pixels.withUnsafeMutableBufferPointer { dst in
                for row in 0..<target.height {
                    let sy = target.y + row - y, sx = target.x - x
                    let from = src.baseAddress! + (sy * other.width + sx) * 3
                    let to = dst.baseAddress! + ((target.y + row) * width + target.x) * 3
                    to.update(from: from, count: rowBytes)
                }
            }
        }
    }

    /// This picture scaled to `newWidth × newHeight` with bilinear interpolation (pixel centres aligned, as
    /// OpenCV's INTER_LINEAR).
    public func resized(width newWidth: Int, height newHeight: Int) -> Canvas {
        precondition(newWidth > 0 && newHeight > 0, "resize target must be positive, got \(newWidth)x\(newHeight)")
        if newWidth == width && newHeight == height { return self }
        var out = [UInt8](repeating: 0, count: newWidth * newHeight * 3)
        let sx = Double(width) / Double(newWidth), sy = Double(height) / Double(newHeight)
        // Horizontal taps are the same for every row: compute them once.
        var x0s = [Int](repeating: 0, count: newWidth), x1s = x0s, wxs = [Float](repeating: 0, count: newWidth)
        for x in 0..<newWidth {
            let fx = min(max((Double(x) + 0.5) * sx - 0.5, 0), Double(width - 1))
            x0s[x] = Int(fx)
            x1s[x] = min(x0s[x] + 1, width - 1)
            wxs[x] = Float(fx - Double(x0s[x]))
        }
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<newHeight {
                    let fy = min(max((Double(y) + 0.5) * sy - 0.5, 0), Double(height - 1))
                    let y0 = Int(fy), y1 = min(y0 + 1, height - 1)
                    let wy = Float(fy - Double(y0))
                    let row0 = y0 * width * 3, row1 = y1 * width * 3
                    for x in 0..<newWidth {
                        let a = x0s[x] * 3, b = x1s[x] * 3, wx = wxs[x]
                        for c in 0..<3 {
                            let top = Float(src[row0 + a + c]) * (1 - wx) + Float(src[row0 + b + c]) * wx
                            let bottom = Float(src[row1 + a + c]) * (1 - wx) + Float(src[row1 + b + c]) * wx
                            dst[(y * newWidth + x) * 3 + c] = UInt8(min(top * (1 - wy) + bottom * wy + 0.5, 255))
                        }
                    }
                }
            }
        }
        return Canvas(rgb: out, width: newWidth, height: newHeight)
    }
}
