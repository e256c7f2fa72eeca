import Foundation

/// A 3×3 matrix (row-major) for affine and perspective transforms of pixel coordinates.
public struct Matrix3: Sendable, Equatable {
    public var m: [Double]

    public init(_ m: [Double]) {
        precondition(m.count == 9, "Matrix3 needs 9 values")
        self.m = m
    }

    public static let identity = Matrix3([1, 0, 0, 0, 1, 0, 0, 0, 1])

    /// `self × other` (apply `other` first).
    public static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        var r = [Double](repeating: 0, count: 9)
        for i in 0..<3 { for j in 0..<3 { r[i * 3 + j] = a.m[i * 3] * b.m[j] + a.m[i * 3 + 1] * b.m[3 + j] + a.m[i * 3 + 2] * b.m[6 + j] } }
        return Matrix3(r)
    }

    /// The inverse (the caller keeps the matrix invertible).
    public var inverse: Matrix3 {
        let a = m
        let c00 = a[4] * a[8] - a[5] * a[7], c01 = a[5] * a[6] - a[3] * a[8], c02 = a[3] * a[7] - a[4] * a[6]
        let det = a[0] * c00 + a[1] * c01 + a[2] * c02
        precondition(det != 0, "singular transform \(a)")
        let d = 1 / det
        return Matrix3([
            c00 * d, (a[2] * a[7] - a[1] * a[8]) * d, (a[1] * a[5] - a[2] * a[4]) * d,
            c01 * d, (a[0] * a[8] - a[2] * a[6]) * d, (a[2] * a[3] - a[0] * a[5]) * d,
            c02 * d, (a[1] * a[6] - a[0] * a[7]) * d, (a[0] * a[4] - a[1] * a[3]) * d,
        ])
    }

    /// True when the last row is (0, 0, 1).
    public var isAffine: Bool { m[6] == 0 && m[7] == 0 && m[8] == 1 }

    /// Maps a point (with the perspective divide).
    public func apply(_ x: Double, _ y: Double) -> (Double, Double) {
        let w = m[6] * x + m[7] * y + m[8]
        return ((m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w)
    }
}

/// Image warping like OpenCV's `warpAffine` / `warpPerspective` (bilinear, constant border).
public enum Warp {
    /// Warps `image` by `matrix` (source → destination pixels) into a `width` × `height` image.
    public static func apply(_ image: Image, matrix: Matrix3, width: Int, height: Int, border: UInt8 = 114) -> Image {
        if matrix.isAffine { return affine(image, matrix: matrix, width: width, height: height, border: border) }
        let inv = matrix.inverse.m
        let sw = image.width, sh = image.height
        var out = [UInt8](repeating: border, count: width * height * 3)
        let affine = false
        let b = Int32(border)
        image.pixels.withUnsafeBufferPointer { srcBuffer in
            out.withUnsafeMutableBufferPointer { dstBuffer in
                let src = srcBuffer.baseAddress!, dst = dstBuffer.baseAddress!
                let rowStride = sw * 3
                let limitX = Double(sw), limitY = Double(sh)
                for y in 0..<height {
                    let yd = Double(y)
                    var xs = inv[1] * yd + inv[2], ys = inv[4] * yd + inv[5], ws = inv[7] * yd + inv[8]
                    var d = y * width * 3
                    for _ in 0..<width {
                        var fx = xs, fy = ys
                        if !affine { let iw = ws != 0 ? 1 / ws : 0; fx *= iw; fy *= iw }
                        xs += inv[0]; ys += inv[3]; ws += inv[6]
                        if fx > -1, fy > -1, fx < limitX, fy < limitY {
                            // 5 fractional bits like OpenCV's INTER_TAB_SIZE; +1024 keeps the truncation a floor.
                            let ix = Int(fx * 32 + 1024.5) - 1024, iy = Int(fy * 32 + 1024.5) - 1024
                            let x0 = ix >> 5, y0 = iy >> 5
                            let ax = Int32(ix & 31), ay = Int32(iy & 31)
                            let w00 = (32 - ax) * (32 - ay), w01 = ax * (32 - ay), w10 = (32 - ax) * ay, w11 = ax * ay
                            if x0 >= 0, y0 >= 0, x0 + 1 < sw, y0 + 1 < sh {
                                let p = src + y0 * rowStride + x0 * 3
                                let q = p + rowStride
                                for c in 0..<3 {
                                    let v = Int32(p[c]) * w00 + Int32(p[c + 3]) * w01 + Int32(q[c]) * w10 + Int32(q[c + 3]) * w11
                                    dst[d + c] = UInt8(truncatingIfNeeded: (v + 512) >> 10)
                                }
                            } else {
                                let inX0 = x0 >= 0 && x0 < sw, inX1 = x0 + 1 >= 0 && x0 + 1 < sw
                                let inY0 = y0 >= 0 && y0 < sh, inY1 = y0 + 1 >= 0 && y0 + 1 < sh
                                let p00 = (inX0 && inY0) ? (y0 * sw + x0) * 3 : -1
                                let p01 = (inX1 && inY0) ? (y0 * sw + x0 + 1) * 3 : -1
                                let p10 = (inX0 && inY1) ? ((y0 + 1) * sw + x0) * 3 : -1
                                let p11 = (inX1 && inY1) ? ((y0 + 1) * sw + x0 + 1) * 3 : -1
                                for c in 0..<3 {
                                    let v00 = p00 >= 0 ? Int32(src[p00 + c]) : b, v01 = p01 >= 0 ? Int32(src[p01 + c]) : b
                                    let v10 = p10 >= 0 ? Int32(src[p10 + c]) : b, v11 = p11 >= 0 ? Int32(src[p11 + c]) : b
                                    let v = (v00 * w00 + v01 * w01 + v10 * w10 + v11 * w11 + 512) >> 10
                                    dst[d + c] = UInt8(truncatingIfNeeded: v)
                                }
                            }
                        }
                        d += 3
                    }
                }
            }
        }
        return Image(width: width, height: height, pixels: out)
    }

    /// The affine case in fixed point: source positions with 16 fractional bits (per-column offsets plus a
    /// per-row base), rounded to 5-bit sub-pixel steps with exact bilinear weights (OpenCV 4's scheme; OpenCV 5
    /// interpolates in float, so pixels differ from `cv2.warpAffine` by at most 2).
    static func affine(_ image: Image, matrix: Matrix3, width: Int, height: Int, border: UInt8) -> Image {
        let laneRound: UInt64 = 512 | 512 << 21 | 512 << 42
        @inline(__always) func packed(_ p: UnsafePointer<UInt8>) -> UInt64 {
            UInt64(p[0]) | UInt64(p[1]) &<< 21 | UInt64(p[2]) &<< 42
        }
        let inv = matrix.inverse.m
        let sw = image.width, sh = image.height
        // Every output byte is written below (border pixels too), so skip the prefill.
        var out = [UInt8](unsafeUninitializedCapacity: width * height * 3) { _, initialized in initialized = width * height * 3 }
        let abScale = 65536.0, roundDelta = 1024  // half of one 5-bit step in 16-bit fixed point
        let adelta = (0..<width).map { Int((inv[0] * Double($0) * abScale).rounded(.toNearestOrEven)) }
        let bdelta = (0..<width).map { Int((inv[3] * Double($0) * abScale).rounded(.toNearestOrEven)) }
        let b = Int32(border)
        image.pixels.withUnsafeBufferPointer { srcBuffer in
        out.withUnsafeMutableBufferPointer { dstBuffer in
        adelta.withUnsafeBufferPointer { adelta in
        bdelta.withUnsafeBufferPointer { bdelta in
            let src = srcBuffer.baseAddress!, dst = dstBuffer.baseAddress!
            let rowStride = sw * 3
            for y in 0..<height {
                let x0Row = Int(((inv[1] * Double(y) + inv[2]) * abScale).rounded(.toNearestOrEven)) + roundDelta
                let y0Row = Int(((inv[4] * Double(y) + inv[5]) * abScale).rounded(.toNearestOrEven)) + roundDelta
                var d = dst + y * width * 3
                for x in 0..<width {
                    // Wrapping arithmetic: no overflow traps in the hot loop (values are far from the limits).
                    let ix = (x0Row &+ adelta[x]) &>> 11, iy = (y0Row &+ bdelta[x]) &>> 11
                    let sx = ix &>> 5, sy = iy &>> 5
                    if sx >= 0, sy >= 0, sx &+ 1 < sw, sy &+ 1 < sh {
                        let ax = UInt64(truncatingIfNeeded: ix & 31), ay = UInt64(truncatingIfNeeded: iy & 31)
                        let w00 = (32 &- ax) &* (32 &- ay), w01 = ax &* (32 &- ay), w10 = (32 &- ax) &* ay, w11 = ax &* ay
                        let p = src + (sy &* rowStride &+ sx &* 3), q = p + rowStride
                        // Three channels in one 64-bit word (lanes at bits 0, 21, 42): each lane's sum stays below
                        // 255·1024 + 512 < 2^21, so the four multiplies serve all channels without carries.
                        let acc = packed(p) &* w00 &+ packed(p + 3) &* w01 &+ packed(q) &* w10 &+ packed(q + 3) &* w11 &+ laneRound
                        d[0] = UInt8(truncatingIfNeeded: acc &>> 10)
                        d[1] = UInt8(truncatingIfNeeded: acc &>> 31)
                        d[2] = UInt8(truncatingIfNeeded: acc &>> 52)
                    } else if sx >= -1, sy >= -1, sx < sw, sy < sh {
                        let ax = Int32(ix & 31), ay = Int32(iy & 31)
                        let w00 = (32 - ax) * (32 - ay), w01 = ax * (32 - ay), w10 = (32 - ax) * ay, w11 = ax * ay
                        let inX0 = sx >= 0, inX1 = sx + 1 < sw, inY0 = sy >= 0, inY1 = sy + 1 < sh
                        for c in 0..<3 {
                            let v00 = inX0 && inY0 ? Int32(src[sy * rowStride + sx * 3 + c]) : b
                            let v01 = inX1 && inY0 ? Int32(src[sy * rowStride + (sx + 1) * 3 + c]) : b
                            let v10 = inX0 && inY1 ? Int32(src[(sy + 1) * rowStride + sx * 3 + c]) : b
                            let v11 = inX1 && inY1 ? Int32(src[(sy + 1) * rowStride + (sx + 1) * 3 + c]) : b
                            d[c] = UInt8(truncatingIfNeeded: (v00 * w00 + v01 * w01 + v10 * w10 + v11 * w11 + 512) >> 10)
                        }
                    } else {
                        d[0] = border; d[1] = border; d[2] = border
                    }
                    d += 3
                }
            }
        }
        }
        }
        }
        return Image(width: width, height: height, pixels: out)
    }
}
