/// Max pooling and nearest upsampling on the blocked layout: planes of h×w cells of 16 channels each.
extension Pooling {
    /// Max pool of each plane (16 lanes per cell); indices are in-plane cell indices per lane (cell·16 + lane).
    public static func maxPoolForwardBlocked(_ x: UnsafePointer<Float>, planes: Int, height h: Int, width w: Int,
                                             kernel k: Int, stride s: Int, padding p: Int,
                                             output: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        let oh = outputSize(h, kernel: k, stride: s, padding: p), ow = outputSize(w, kernel: k, stride: s, padding: p)
        let out = SendablePointer(output), idx = SendablePointer(indices)
        Parallel.forEachChunk(planes, grain: 1) { range in
            var best = [Float](repeating: 0, count: 16), where_ = [Int32](repeating: 0, count: 16)
            for plane in range {
                let xp = x + plane * h * w * 16
                let op = out.pointer + plane * oh * ow * 16, ip = idx.pointer + plane * oh * ow * 16
                for oy in 0..<oh {
                    let y0 = max(oy * s - p, 0), y1 = min(oy * s - p + k, h)
                    for ox in 0..<ow {
                        let x0 = max(ox * s - p, 0), x1 = min(ox * s - p + k, w)
                        for j in 0..<16 { best[j] = -.infinity; where_[j] = Int32((y0 * w + x0) * 16 + j) }
                        for yy in y0..<y1 {
                            for xx in x0..<x1 {
                                let cell = (yy * w + xx) * 16
                                for j in 0..<16 where xp[cell + j] > best[j] {
                                    best[j] = xp[cell + j]
                                    where_[j] = Int32(cell + j)
                                }
                            }
                        }
                        let o = (oy * ow + ox) * 16
                        for j in 0..<16 { op[o + j] = best[j]; ip[o + j] = where_[j] }
                    }
                }
            }
        }
    }

    /// Nearest upsampling by `scale` of each blocked plane.
    public static func upsampleNearestForwardBlocked(_ x: UnsafePointer<Float>, planes: Int, height h: Int, width w: Int,
                                                     scale: Int, output: UnsafeMutablePointer<Float>) {
        let ow = w * scale
        let out = SendablePointer(output)
        Parallel.forEachChunk(planes, grain: 1) { range in
            for plane in range {
                let xp = x + plane * h * w * 16, op = out.pointer + plane * h * w * scale * scale * 16
                for y in 0..<h {
                    let row = op + y * scale * ow * 16
                    for xx in 0..<w {
                        for r in 0..<scale { (row + (xx * scale + r) * 16).update(from: xp + (y * w + xx) * 16, count: 16) }
                    }
                    for r in 1..<max(scale, 1) { (row + r * ow * 16).update(from: row, count: ow * 16) }
                }
            }
        }
    }

    /// Gradient of blocked nearest upsampling: sums each scale×scale block of cells.
    public static func upsampleNearestBackwardBlocked(_ gradOutput: UnsafePointer<Float>, planes: Int, height h: Int,
                                                      width w: Int, scale: Int, gradInput: UnsafeMutablePointer<Float>) {
        let ow = w * scale
        let gi = SendablePointer(gradInput)
        Parallel.forEachChunk(planes, grain: 1) { range in
            for plane in range {
                let go = gradOutput + plane * h * w * scale * scale * 16, g = gi.pointer + plane * h * w * 16
                for y in 0..<h {
                    for xx in 0..<w {
                        let o = g + (y * w + xx) * 16
                        for j in 0..<16 { o[j] = 0 }
                        for r in 0..<scale {
                            for q in 0..<scale {
                                let src = go + ((y * scale + r) * ow + xx * scale + q) * 16
                                for j in 0..<16 { o[j] += src[j] }
                            }
                        }
                    }
                }
            }
        }
    }
}
