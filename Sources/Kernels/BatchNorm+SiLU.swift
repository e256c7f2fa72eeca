/// Batch normalisation followed by SiLU in one pass over blocked data (training): saves writing and re-reading the
/// normalised tensor, forward and backward. z = xhat·γ + β, y = z·σ(z).
extension BatchNormKernel {
    /// σ(z) per lane, through a plain 16-float loop (element-wise SIMD16 subscripts compile to slow scalar code).
    @inline(__always) static func sigmoid(_ z: SIMD16<Float>) -> SIMD16<Float> {
        var input = z, out = SIMD16<Float>()
        withUnsafeMutableBytes(of: &out) { o in
            withUnsafeBytes(of: &input) { i in
                let ip = i.bindMemory(to: Float.self), op = o.bindMemory(to: Float.self)
                for j in 0..<16 { op[j] = FastMath.sigmoid(ip[j]) }
            }
        }
        return out
    }

    @inline(__always) static func silu(_ z: SIMD16<Float>) -> SIMD16<Float> { z * sigmoid(z) }

    /// dy/dz of SiLU times g: g·σ(z)·(1 + z·(1 − σ(z))).
    @inline(__always) static func siluGradient(_ g: SIMD16<Float>, _ z: SIMD16<Float>) -> SIMD16<Float> {
        let s = sigmoid(z)
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
        backwardBlocked(SiLUGradient.self, gradOutput: dy, xhat: xhat, n: n, c: c, hw: hw, invStd: invStd, gamma: gamma,
                        beta: beta, gradInput: gradInput, gradGamma: gradGamma, gradBeta: gradBeta)
    }
}

/// Fused batch norm + SiLU: the gradient arrives at SiLU(z) and goes through SiLU' at z = xhat·γ + β.
struct SiLUGradient: BlockedGradient {
    let gamma: SIMD16<Float>, beta: SIMD16<Float>
    init(gamma: SIMD16<Float>, beta: SIMD16<Float>) { (self.gamma, self.beta) = (gamma, beta) }
    @inline(__always) func callAsFunction(_ g: SIMD16<Float>, _ xhat: SIMD16<Float>) -> SIMD16<Float> {
        BatchNormKernel.siluGradient(g, xhat * gamma + beta)
    }
}
