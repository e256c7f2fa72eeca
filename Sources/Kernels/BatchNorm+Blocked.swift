/// Batch normalisation on the blocked layout `[N, C/16, H·W, 16]`: the same maths as `BatchNormKernel`, with the
/// channel of element (n, b, i, j) being 16·b + j. Each cell of 16 channels is one `SIMD16<Float>` (arithmetic on
/// SIMD16 vectorises; only comparisons do not).
extension BatchNormKernel {
    @inline(__always) static func load(_ p: UnsafePointer<Float>, _ cell: Int) -> SIMD16<Float> {
        UnsafeRawPointer(p + cell * 16).loadUnaligned(as: SIMD16<Float>.self)
    }
    @inline(__always) static func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>, _ cell: Int) {
        UnsafeMutableRawPointer(p + cell * 16).storeBytes(of: v, as: SIMD16<Float>.self)
    }
    @inline(__always) static func vector(_ p: UnsafePointer<Float>, block b: Int) -> SIMD16<Float> { load(p, b) }
    /// Cells summed in Float before adding to the Double total.
    static let chunk = 256

    /// Per-channel mean and biased variance of a blocked x. Float lanes sum at most 256 positions before going into
    /// Double: float sums over whole planes cost ~1e-4 relative in deep train-mode forwards (ModelParityTests).
    public static func statisticsBlocked(_ x: UnsafePointer<Float>, n: Int, c: Int, hw: Int,
                                         mean: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>) {
        let blocks = c / 16
        let m = SendablePointer(mean), v = SendablePointer(variance)
        let total = Double(n * hw)
        Parallel.forEachChunk(blocks, grain: 1) { range in
            for b in range {
                var s = SIMD16<Double>()
                for img in 0..<n {
                    let p = x + (img * blocks + b) * hw * 16
                    var start = 0
                    while start < hw {
                        let end = min(start + 256, hw)
                        var lane = SIMD16<Float>()
                        for i in start..<end { lane += load(p, i) }
                        s += SIMD16<Double>(lane)
                        start = end
                    }
                }
                let meanD = s / total
                let mu = SIMD16<Float>(meanD)
                var q = SIMD16<Double>()
                for img in 0..<n {
                    let p = x + (img * blocks + b) * hw * 16
                    var start = 0
                    while start < hw {
                        let end = min(start + 256, hw)
                        var lane = SIMD16<Float>()
                        for i in start..<end { let d = load(p, i) - mu; lane += d * d }
                        q += SIMD16<Double>(lane)
                        start = end
                    }
                }
                // Deviations were taken from the float mean: correct for its rounding.
                let shift = meanD - SIMD16<Double>(mu)
                store(mu, m.pointer, b)
                store(SIMD16<Float>(q / total - shift * shift), v.pointer, b)
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
            for plane in range {
                let b = plane % blocks
                let mu = vector(mean, block: b), inv = vector(invStd, block: b), gam = vector(gamma, block: b)
                let bet = vector(beta, block: b)
                let scale = inv * gam, shift = bet - mu * scale
                let p = x + plane * hw * 16, y = out.pointer + plane * hw * 16
                if let xh {
                    let h = xh.pointer + plane * hw * 16
                    for i in 0..<hw {
                        let d = (load(p, i) - mu) * inv
                        store(d, h, i)
                        store(d * gam + bet, y, i)
                    }
                } else {
                    for i in 0..<hw { store(load(p, i) * scale + shift, y, i) }
                }
            }
        }
    }

    /// Training-mode backward on blocked data (see `backward`).
    public static func backwardBlocked(gradOutput dy: UnsafePointer<Float>, xhat: UnsafePointer<Float>, n: Int, c: Int,
                                       hw: Int, invStd: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
                                       gradInput: UnsafeMutablePointer<Float>?, gradGamma: UnsafeMutablePointer<Float>,
                                       gradBeta: UnsafeMutablePointer<Float>) {
        backwardBlocked(UpstreamGradient.self, gradOutput: dy, xhat: xhat, n: n, c: c, hw: hw, invStd: invStd,
                        gamma: gamma, beta: gamma, gradInput: gradInput, gradGamma: gradGamma, gradBeta: gradBeta)
    }

    /// The backward core shared by plain and fused batch norm: `G` turns the incoming gradient into the gradient
    /// at the normalised output z = xhat·γ + β (identity, or through SiLU), recomputed in both passes.
    @_specialize(where G == UpstreamGradient)
    @_specialize(where G == SiLUGradient)
    static func backwardBlocked<G: BlockedGradient>(
        _: G.Type, gradOutput dy: UnsafePointer<Float>, xhat: UnsafePointer<Float>, n: Int, c: Int, hw: Int,
        invStd: UnsafePointer<Float>, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>,
        gradInput: UnsafeMutablePointer<Float>?, gradGamma: UnsafeMutablePointer<Float>,
        gradBeta: UnsafeMutablePointer<Float>
    ) {
        let blocks = c / 16
        let gg = SendablePointer(gradGamma), gb = SendablePointer(gradBeta)
        let gx = gradInput.map(SendablePointer.init)
        Parallel.forEachChunk(blocks, grain: 1) { range in
            for b in range {
                let g = G(gamma: vector(gamma, block: b), beta: vector(beta, block: b))
                var sdy = SIMD16<Double>(), sdyx = SIMD16<Double>()
                for img in 0..<n {
                    let off = (img * blocks + b) * hw * 16
                    var start = 0
                    while start < hw {
                        var l1 = SIMD16<Float>(), l2 = SIMD16<Float>()
                        for i in start..<min(start + chunk, hw) {
                            let h = load(xhat + off, i)
                            let d = g(load(dy + off, i), h)
                            l1 += d
                            l2 += d * h
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
                let k = vector(gamma, block: b) * vector(invStd, block: b) / m
                for img in 0..<n {
                    let off = (img * blocks + b) * hw * 16
                    let o = gx.pointer + off
                    for i in 0..<hw {
                        let h = load(xhat + off, i)
                        store(k * (m * g(load(dy + off, i), h) - a - h * bs), o, i)
                    }
                }
            }
        }
    }
}

/// How the gradient arriving at a batch norm's output becomes the gradient at z = xhat·γ + β, per 16-channel cell.
protocol BlockedGradient {
    init(gamma: SIMD16<Float>, beta: SIMD16<Float>)
    func callAsFunction(_ g: SIMD16<Float>, _ xhat: SIMD16<Float>) -> SIMD16<Float>
}

/// Plain batch norm: the gradient arrives at z itself.
struct UpstreamGradient: BlockedGradient {
    init(gamma: SIMD16<Float>, beta: SIMD16<Float>) {}
    @inline(__always) func callAsFunction(_ g: SIMD16<Float>, _ xhat: SIMD16<Float>) -> SIMD16<Float> { g }
}
