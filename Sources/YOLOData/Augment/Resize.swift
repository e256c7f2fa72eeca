/// Bilinear resizing with OpenCV's `INTER_LINEAR` sampling grid (pixel centres aligned, edges clamped).
public enum Resize {
    /// Resizes to `width` × `height`. Same size returns the input unchanged.
    public static func bilinear(_ image: Image, width: Int, height: Int) -> Image {
        precondition(width > 0 && height > 0, "resize to \(width)x\(height)")
        if width == image.width && height == image.height { return image }
        let sw = image.width, sh = image.height
        // Fixed point with 11 fractional bits, as OpenCV's INTER_RESIZE_COEF_BITS.
        let one = 2048
        var xIndex = [Int](repeating: 0, count: width * 2), xWeight = [Int32](repeating: 0, count: width * 2)
        let scaleX = Double(sw) / Double(width), scaleY = Double(sh) / Double(height)
        for x in 0..<width {
            let f = (Double(x) + 0.5) * scaleX - 0.5
            var i = Int(f.rounded(.down)); var t = f - Double(i)
            if i < 0 { i = 0; t = 0 }
            if i >= sw - 1 { i = sw - 1; t = 0 }
            let w1 = Int32((t * Double(one)).rounded())
            xIndex[x * 2] = i * 3; xIndex[x * 2 + 1] = min(i + 1, sw - 1) * 3
            xWeight[x * 2] = Int32(one) - w1; xWeight[x * 2 + 1] = w1
        }
        var out = [UInt8](repeating: 0, count: width * height * 3)
        var row0 = [Int32](repeating: 0, count: width * 3), row1 = [Int32](repeating: 0, count: width * 3)
        var cached0 = -1, cached1 = -1
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                xIndex.withUnsafeBufferPointer { xi in
                    xWeight.withUnsafeBufferPointer { xw in
                        row0.withUnsafeMutableBufferPointer { r0 in
                            row1.withUnsafeMutableBufferPointer { r1 in
                                func horizontal(_ sy: Int, into r: UnsafeMutableBufferPointer<Int32>) {
                                    let base = sy * sw * 3
                                    for x in 0..<width {
                                        let a = base + xi[x * 2], b = base + xi[x * 2 + 1]
                                        let wa = xw[x * 2], wb = xw[x * 2 + 1]
                                        r[x * 3] = Int32(src[a]) * wa + Int32(src[b]) * wb
                                        r[x * 3 + 1] = Int32(src[a + 1]) * wa + Int32(src[b + 1]) * wb
                                        r[x * 3 + 2] = Int32(src[a + 2]) * wa + Int32(src[b + 2]) * wb
                                    }
                                }
                                var a = r0, b = r1
                                for y in 0..<height {
                                    let f = (Double(y) + 0.5) * scaleY - 0.5
                                    var i = Int(f.rounded(.down)); var t = f - Double(i)
                                    if i < 0 { i = 0; t = 0 }
                                    if i >= sh - 1 { i = sh - 1; t = 0 }
                                    let j = min(i + 1, sh - 1)
                                    // Reuse horizontally resized rows between output rows.
                                    if cached0 != i {
                                        if cached1 == i { swap(&a, &b); swap(&cached0, &cached1) } else { horizontal(i, into: a); cached0 = i }
                                    }
                                    if cached1 != j { horizontal(j, into: b); cached1 = j }
                                    let w1 = Int32((t * Double(one)).rounded()), w0 = Int32(one) - w1
                                    let d = dst.baseAddress! + y * width * 3
                                    for k in 0..<(width * 3) {
                                        let v = (Int(a[k]) * Int(w0) + Int(b[k]) * Int(w1) + (1 << 21)) >> 22
                                        d[k] = UInt8(truncatingIfNeeded: min(max(v, 0), 255))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Image(width: width, height: height, pixels: out)
    }
}
