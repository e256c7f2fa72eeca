/// Max pooling, nearest upsampling and adaptive average pooling on NCHW planes, parallel over planes.
public enum Pooling {
    /// Output side of a pooling window: floor((size + 2p − k) / s) + 1.
    public static func outputSize(_ size: Int, kernel: Int, stride: Int, padding: Int) -> Int {
        (size + 2 * padding - kernel) / stride + 1
    }

    /// Max pool over `planes` planes of h×w; writes values and the flat in-plane argmax (−inf padding).
    public static func maxPoolForward(_ x: UnsafePointer<Float>, planes: Int, height h: Int, width w: Int,
                                      kernel k: Int, stride s: Int, padding p: Int,
                                      output: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        let oh = outputSize(h, kernel: k, stride: s, padding: p), ow = outputSize(w, kernel: k, stride: s, padding: p)
        let out = SendablePointer(output), idx = SendablePointer(indices)
        Parallel.forEachChunk(planes, grain: 1) { range in
            for plane in range {
                let xp = x + plane * h * w
                let op = out.pointer + plane * oh * ow, ip = idx.pointer + plane * oh * ow
                for oy in 0..<oh {
                    let y0 = max(oy * s - p, 0), y1 = min(oy * s - p + k, h)
                    for ox in 0..<ow {
                        let x0 = max(ox * s - p, 0), x1 = min(ox * s - p + k, w)
                        var best = -Float.infinity, bi: Int32 = Int32(y0 * w + x0)
                        for yy in y0..<y1 {
                            for xx in x0..<x1 where xp[yy * w + xx] > best {
                                best = xp[yy * w + xx]
                                bi = Int32(yy * w + xx)
                            }
                        }
                        op[oy * ow + ox] = best
                        ip[oy * ow + ox] = bi
                    }
                }
            }
        }
    }

    /// Scatters `gradOutput` to the argmax positions (gradInput is overwritten).
    public static func maxPoolBackward(_ gradOutput: UnsafePointer<Float>, indices: UnsafePointer<Int32>, planes: Int,
                                       inputPlane: Int, outputPlane: Int, gradInput: UnsafeMutablePointer<Float>) {
        let gi = SendablePointer(gradInput)
        Parallel.forEachChunk(planes, grain: 1) { range in
            for plane in range {
                let g = gi.pointer + plane * inputPlane
                g.update(repeating: 0, count: inputPlane)
                let go = gradOutput + plane * outputPlane, ip = indices + plane * outputPlane
                for i in 0..<outputPlane { g[Int(ip[i])] += go[i] }
            }
        }
    }

    /// Nearest upsampling by integer `scale` of each h×w plane.
    public static func upsampleNearestForward(_ x: UnsafePointer<Float>, planes: Int, height h: Int, width w: Int,
                                              scale: Int, output: UnsafeMutablePointer<Float>) {
        let ow = w * scale
        let out = SendablePointer(output)
        Parallel.forEachChunk(planes, grain: 1) { range in
            for plane in range {
                let xp = x + plane * h * w, op = out.pointer + plane * h * w * scale * scale
                for y in 0..<h {
                    let row = op + y * scale * ow
                    for xx in 0..<w {
                        let v = xp[y * w + xx]
                        for j in 0..<scale { row[xx * scale + j] = v }
                    }
                    for r in 1..<max(scale, 1) { (row + r * ow).update(from: row, count: ow) }
                }
            }
        }
    }

    /// Gradient of nearest upsampling: sums each scale×scale block.
    public static func upsampleNearestBackward(_ gradOutput: UnsafePointer<Float>, planes: Int, height h: Int,
                                               width w: Int, scale: Int, gradInput: UnsafeMutablePointer<Float>) {
        let ow = w * scale
        let gi = SendablePointer(gradInput)
        Parallel.forEachChunk(planes, grain: 1) { range in
            for plane in range {
                let go = gradOutput + plane * h * w * scale * scale, g = gi.pointer + plane * h * w
                for y in 0..<h {
                    for xx in 0..<w {
                        var s: Float = 0
                        for r in 0..<scale { for j in 0..<scale { s += go[(y * scale + r) * ow + xx * scale + j] } }
                        g[y * w + xx] = s
                    }
                }
            }
        }
    }

    /// PyTorch's adaptive-pool bin [start, end) of output index `i` for `input` → `output` cells.
    public static func adaptiveBin(_ i: Int, input: Int, output: Int) -> Range<Int> {
        let start = (i * input) / output
        let end = ((i + 1) * input + output - 1) / output
        return start..<end
    }

    /// Adaptive average pool of each h×w plane to oh×ow.
    public static func adaptiveAveragePoolForward(_ x: UnsafePointer<Float>, planes: Int, height h: Int, width w: Int,
                                                  outHeight oh: Int, outWidth ow: Int,
                                                  output: UnsafeMutablePointer<Float>) {
        let out = SendablePointer(output)
        Parallel.forEachChunk(planes, grain: 1) { range in
            for plane in range {
                let xp = x + plane * h * w, op = out.pointer + plane * oh * ow
                for oy in 0..<oh {
                    let ys = adaptiveBin(oy, input: h, output: oh)
                    for ox in 0..<ow {
                        let xs = adaptiveBin(ox, input: w, output: ow)
                        var s: Float = 0
                        for yy in ys { for xx in xs { s += xp[yy * w + xx] } }
                        op[oy * ow + ox] = s / Float(ys.count * xs.count)
                    }
                }
            }
        }
    }

    /// Gradient of adaptive average pooling (gradInput is overwritten).
    public static func adaptiveAveragePoolBackward(_ gradOutput: UnsafePointer<Float>, planes: Int, height h: Int,
                                                   width w: Int, outHeight oh: Int, outWidth ow: Int,
                                                   gradInput: UnsafeMutablePointer<Float>) {
        let gi = SendablePointer(gradInput)
        Parallel.forEachChunk(planes, grain: 1) { range in
            for plane in range {
                let g = gi.pointer + plane * h * w, go = gradOutput + plane * oh * ow
                g.update(repeating: 0, count: h * w)
                for oy in 0..<oh {
                    let ys = adaptiveBin(oy, input: h, output: oh)
                    for ox in 0..<ow {
                        let xs = adaptiveBin(ox, input: w, output: ow)
                        let v = go[oy * ow + ox] / Float(ys.count * xs.count)
                        for yy in ys { for xx in xs { g[yy * w + xx] += v } }
                    }
                }
            }
        }
    }
}
