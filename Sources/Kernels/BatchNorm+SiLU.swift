/// Batch normalisation followed by SiLU in one pass over blocked data (training): saves writing and re-reading the
/// normalised tensor, forward and backward. z = xhat·γ + β, y = z·σ(z).
extension BatchNormKernel {
    @inline(__always) static func silu(_ z: SIMD16<Float>) -> SIMD16<Float> {
        var s = SIMD16<Float>()
        for j in 0..<16 { s[j] = FastMath.sigmoid(z[j]) }
        return z * s
    }

    /// dy/dz of SiLU times g: g·σ(z)·(1 + z·(1 − σ(z))).
    @inline(__always) static func siluGradient(_ g: SIMD16<Float>, _ z: SIMD16<Float>) -> SIMD16<Float> {
        var s = SIMD16<Float>()
        for j in 0..<16 { s[j] = FastMath.sigmoid(z[j]) }
        return g * s * (1 + z * (1 - s))
    }

    /// y = SiLU((x − mean)·invStd·γ + β) on blocked data, writing xhat for the backward pass.
    public static func normalizeSiLUBlocked(_ x: UnsafePointer<Float>, n: Int, c: Int, hw: Int,
                                            mean: UnsafePointer<Float>, invStd: UnsafePointer<Float>,
                                            gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
                                            output: UnsafeMutablePointer<Float>, xhat: UnsafeMutablePointer<Float>) {
        let blocks = c / 16
        let out = SendablePointer(output), xh = SendablePointer(xhat)
        Parallel.forEachChunk(n * blocks, grain: max(1, 1024 / max(hw, 1))) { range in
            for plane in range {
                let b = plane % blocks
                let mu = vector(mean, block: b), inv = vector(invStd, block: b)
                let gam = vector(gamma, block: b), bet = vector(beta, block: b)
                let p = x + plane * hw * 16, y = out.pointer + plane * hw * 16, h = xh.pointer + plane * hw * 16
                for i in 0..<hw {
                    let d = (load(p, i) - mu) * inv
                    store(d, h, i)
                    store(silu(d * gam + bet), y, i)
                }
            }
        }
    }

    /// Backward of `normalizeSiLUBlocked` in training mode: dx, dγ, dβ from the upstream gradient and xhat.
    public static func backwardSiLUBlocked(gradOutput dy: UnsafePointer<Float>, xhat: UnsafePointer<Float>, n: Int,
                                           c: Int, hw: Int, invStd: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                           beta: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>?,
                                           gradGamma: UnsafeMutablePointer<Float>, gradBeta: UnsafeMutablePointer<Float>) {
        let blocks = c / 16
        let gg = SendablePointer(gradGamma), gb = SendablePointer(gradBeta)
        let gx = gradInput.map(SendablePointer.init)
        Parallel.forEachChunk(blocks, grain: 1) { range in
            for b in range {
                let gam = vector(gamma, block: b), bet = vector(beta, block: b)
                var sdy = SIMD16<Double>(), sdyx = SIMD16<Double>()
                for img in 0..<n {
                    let off = (img * blocks + b) * hw * 16
                    var start = 0
                    while start < hw {
                        var l1 = SIMD16<Float>(), l2 = SIMD16<Float>()
                        for i in start..<min(start + chunk, hw) {
                            let h = load(xhat + off, i)
                            let gz = siluGradient(load(dy + off, i), h * gam + bet)
                            l1 += gz
                            l2 += gz * h
                        }
                        sdy += SIMD16<Double>(l1)
                        sdyx += SIMD16<Double>(l2)
                        start += chunk
                    }
                }
                let a = SIMD16<Float>(sdy), bs = SIMD16<Float>(sdyx)
                store(bs, gg.pointer, b)
                store(a, gb.pointer, b)
                guard let gx else { continue }
                let m = Float(n * hw)
                let k = gam * vector(invStd, block: b) / m
                for img in 0..<n {
                    let off = (img * blocks + b) * hw * 16
                    let o = gx.pointer + off
                    for i in 0..<hw {
                        let h = load(xhat + off, i)
                        let gz = siluGradient(load(dy + off, i), h * gam + bet)
                        store(k * (m * gz - a - h * bs), o, i)
                    }
                }
            }
        }
    }
}
