/// Batch normalisation over NCHW: statistics per channel across N, H, W. Know nothing about autograd.
public enum BatchNormKernel {
    /// Per-channel mean and biased variance of x `[n, c, hw]`, two-pass. Sums run in 16 float lanes over blocks of 256
    /// elements added up in Double: float running sums over a whole plane lost ~1e-4 of accuracy in deep train-mode
    /// forwards (ModelParityTests), Double sums are exact enough but serial; this is both accurate and vectorised.
    public static func statistics(_ x: UnsafePointer<Float>, n: Int, c: Int, hw: Int,
                                  mean: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>) {
        let m = SendablePointer(mean), v = SendablePointer(variance)
        Parallel.forEachChunk(c, grain: 1) { range in
            for ch in range {
                var s = 0.0
                for b in 0..<n { s += blockSum(x + (b * c + ch) * hw, count: hw, center: nil) }
                let mu = s / Double(n * hw)
                let muf = Float(mu)
                var q = 0.0
                for b in 0..<n { q += blockSum(x + (b * c + ch) * hw, count: hw, center: muf) }
                // Deviations were taken from the float mean: correct for its rounding (exact in Double).
                let shift = mu - Double(muf)
                m.pointer[ch] = muf
                v.pointer[ch] = Float(max(q / Double(n * hw) - shift * shift, 0))
            }
        }
    }

    /// Σ p[i] (center nil) or Σ (p[i] − center)² over `count` elements, in SIMD16 float lanes per 256-element block.
    @inline(__always)
    static func blockSum(_ p: UnsafePointer<Float>, count: Int, center: Float?) -> Double {
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(start + 256, count)
            var lanes = SIMD16<Float>()
            var i = start
            if let center {
                while i + 16 <= end {
                    let d = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self) - center
                    lanes += d * d
                    i += 16
                }
            } else {
                while i + 16 <= end {
                    lanes += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self)
                    i += 16
                }
            }
            var block = Double(lanes.sum())
            while i < end {
                let d = Double(p[i]) - Double(center ?? 0)
                block += center == nil ? Double(p[i]) : d * d
                i += 1
            }
            total += block
            start = end
        }
        return total
    }

    /// y = (x − mean) · invStd · gamma + beta per channel; also writes xhat = (x − mean) · invStd when given.
    public static func normalize(_ x: UnsafePointer<Float>, n: Int, c: Int, hw: Int, mean: UnsafePointer<Float>,
                                 invStd: UnsafePointer<Float>, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
                                 output: UnsafeMutablePointer<Float>, xhat: UnsafeMutablePointer<Float>?) {
        let out = SendablePointer(output)
        let xh = xhat.map(SendablePointer.init)
        Parallel.forEachChunk(n * c, grain: max(1, 16_384 / max(hw, 1))) { range in
            for plane in range {
                let ch = plane % c
                let scale = invStd[ch] * gamma[ch], mu = mean[ch], shift = beta[ch]
                let p = x + plane * hw, y = out.pointer + plane * hw
                if let xh {
                    let h = xh.pointer + plane * hw, s = invStd[ch]
                    for i in 0..<hw {
                        let d = (p[i] - mu) * s
                        h[i] = d
                        y[i] = d * gamma[ch] + shift
                    }
                } else {
                    for i in 0..<hw { y[i] = (p[i] - mu) * scale + shift }
                }
            }
        }
    }

    /// Training-mode backward: given xhat and dy, writes dx, dgamma and dbeta.
    /// dx = gamma·invStd/M · (M·dy − Σdy − xhat·Σ(dy·xhat)), M = n·hw.
    public static func backward(gradOutput dy: UnsafePointer<Float>, xhat: UnsafePointer<Float>, n: Int, c: Int, hw: Int,
                                invStd: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                gradInput: UnsafeMutablePointer<Float>?, gradGamma: UnsafeMutablePointer<Float>,
                                gradBeta: UnsafeMutablePointer<Float>) {
        let gg = SendablePointer(gradGamma), gb = SendablePointer(gradBeta)
        let gx = gradInput.map(SendablePointer.init)
        Parallel.forEachChunk(c, grain: 1) { range in
            for ch in range {
                var sdy = 0.0, sdyx = 0.0
                for b in 0..<n {
                    let off = (b * c + ch) * hw
                    var t1: Float = 0, t2: Float = 0
                    for i in 0..<hw { t1 += dy[off + i]; t2 += dy[off + i] * xhat[off + i] }
                    sdy += Double(t1)
                    sdyx += Double(t2)
                }
                gg.pointer[ch] = Float(sdyx)
                gb.pointer[ch] = Float(sdy)
                guard let gx else { continue }
                let m = Float(n * hw)
                let k = gamma[ch] * invStd[ch] / m
                let a = Float(sdy), bsum = Float(sdyx)
                for b in 0..<n {
                    let off = (b * c + ch) * hw
                    let o = gx.pointer + off
                    for i in 0..<hw { o[i] = k * (m * dy[off + i] - a - xhat[off + i] * bsum) }
                }
            }
        }
    }
}
