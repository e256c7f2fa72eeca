/// Batch normalisation on the blocked layout `[N, C/16, H·W, 16]`: the same maths as `BatchNormKernel`, with the
/// channel of element (n, b, i, j) being 16·b + j.
extension BatchNormKernel {
    /// Per-channel mean and biased variance of a blocked x.
    public static func statisticsBlocked(_ x: UnsafePointer<Float>, n: Int, c: Int, hw: Int,
                                         mean: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>) {
        let blocks = c / 16
        let m = SendablePointer(mean), v = SendablePointer(variance)
        let total = Double(n * hw)
        Parallel.forEachChunk(blocks, grain: 1) { range in
            for b in range {
                var s = [Double](repeating: 0, count: 16)
                var lane = [Float](repeating: 0, count: 16)
                for img in 0..<n {
                    let p = x + (img * blocks + b) * hw * 16
                    for j in 0..<16 { lane[j] = 0 }
                    for i in 0..<hw { for j in 0..<16 { lane[j] += p[i * 16 + j] } }
                    for j in 0..<16 { s[j] += Double(lane[j]) }
                }
                var mu = [Float](repeating: 0, count: 16)
                for j in 0..<16 { mu[j] = Float(s[j] / total) }
                var q = [Double](repeating: 0, count: 16)
                for img in 0..<n {
                    let p = x + (img * blocks + b) * hw * 16
                    for j in 0..<16 { lane[j] = 0 }
                    for i in 0..<hw { for j in 0..<16 { let d = p[i * 16 + j] - mu[j]; lane[j] += d * d } }
                    for j in 0..<16 { q[j] += Double(lane[j]) }
                }
                for j in 0..<16 {
                    m.pointer[b * 16 + j] = mu[j]
                    v.pointer[b * 16 + j] = Float(q[j] / total)
                }
            }
        }
    }

    /// y = (x − mean)·invStd·gamma + beta on blocked data; also xhat when given.
    public static func normalizeBlocked(_ x: UnsafePointer<Float>, n: Int, c: Int, hw: Int, mean: UnsafePointer<Float>,
                                        invStd: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                        beta: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                                        xhat: UnsafeMutablePointer<Float>?) {
        let blocks = c / 16
        let out = SendablePointer(output)
        let xh = xhat.map(SendablePointer.init)
        Parallel.forEachChunk(n * blocks, grain: max(1, 1024 / max(hw, 1))) { range in
            var scale = [Float](repeating: 0, count: 16), shift = [Float](repeating: 0, count: 16)
            var mu = [Float](repeating: 0, count: 16), inv = [Float](repeating: 0, count: 16)
            var gam = [Float](repeating: 0, count: 16)
            for plane in range {
                let b = plane % blocks
                for j in 0..<16 {
                    let ch = b * 16 + j
                    inv[j] = invStd[ch]; mu[j] = mean[ch]; gam[j] = gamma[ch]
                    scale[j] = invStd[ch] * gamma[ch]
                    shift[j] = beta[ch] - mean[ch] * scale[j]
                }
                let p = x + plane * hw * 16, y = out.pointer + plane * hw * 16
                if let xh {
                    let h = xh.pointer + plane * hw * 16
                    for i in 0..<hw {
                        for j in 0..<16 {
                            let d = (p[i * 16 + j] - mu[j]) * inv[j]
                            h[i * 16 + j] = d
                            y[i * 16 + j] = d * gam[j] + (shift[j] + mu[j] * scale[j])
                        }
                    }
                } else {
                    for i in 0..<hw { for j in 0..<16 { y[i * 16 + j] = p[i * 16 + j] * scale[j] + shift[j] } }
                }
            }
        }
    }

    /// Training-mode backward on blocked data (see `backward`).
    public static func backwardBlocked(gradOutput dy: UnsafePointer<Float>, xhat: UnsafePointer<Float>, n: Int, c: Int,
                                       hw: Int, invStd: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                       gradInput: UnsafeMutablePointer<Float>?, gradGamma: UnsafeMutablePointer<Float>,
                                       gradBeta: UnsafeMutablePointer<Float>) {
        let blocks = c / 16
        let gg = SendablePointer(gradGamma), gb = SendablePointer(gradBeta)
        let gx = gradInput.map(SendablePointer.init)
        Parallel.forEachChunk(blocks, grain: 1) { range in
            var l1 = [Float](repeating: 0, count: 16), l2 = [Float](repeating: 0, count: 16)
            for b in range {
                var sdy = [Double](repeating: 0, count: 16), sdyx = [Double](repeating: 0, count: 16)
                for img in 0..<n {
                    let off = (img * blocks + b) * hw * 16
                    for j in 0..<16 { l1[j] = 0; l2[j] = 0 }
                    for i in 0..<hw {
                        for j in 0..<16 {
                            let d = dy[off + i * 16 + j]
                            l1[j] += d
                            l2[j] += d * xhat[off + i * 16 + j]
                        }
                    }
                    for j in 0..<16 { sdy[j] += Double(l1[j]); sdyx[j] += Double(l2[j]) }
                }
                for j in 0..<16 {
                    gg.pointer[b * 16 + j] = Float(sdyx[j])
                    gb.pointer[b * 16 + j] = Float(sdy[j])
                }
                guard let gx else { continue }
                let m = Float(n * hw)
                var k = [Float](repeating: 0, count: 16), a = [Float](repeating: 0, count: 16)
                var bs = [Float](repeating: 0, count: 16)
                for j in 0..<16 {
                    let ch = b * 16 + j
                    k[j] = gamma[ch] * invStd[ch] / m
                    a[j] = Float(sdy[j])
                    bs[j] = Float(sdyx[j])
                }
                for img in 0..<n {
                    let off = (img * blocks + b) * hw * 16
                    let o = gx.pointer + off
                    for i in 0..<hw {
                        for j in 0..<16 {
                            o[i * 16 + j] = k[j] * (m * dy[off + i * 16 + j] - a[j] - xhat[off + i * 16 + j] * bs[j])
                        }
                    }
                }
            }
        }
    }
}
