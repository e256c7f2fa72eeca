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
    /// Planes (image, block) are summed in parallel and reduced in image order, so the result does not depend on the
    /// thread count (a 16-channel layer has one block: parallel over blocks alone ran it on one core).
    public static func statisticsBlocked(_ x: UnsafePointer<Float>, n: Int, c: Int, hw: Int,
                                         mean: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>) {
        let blocks = c / 16
        let total = Double(n * hw)
        let sums = planeSums(n: n, blocks: blocks, hw: hw) { plane, _ in
            sumCells(hw) { load(x + plane * hw * 16, $0) }
        }
        var mu = [SIMD16<Float>](repeating: .zero, count: blocks)
        var meanD = [SIMD16<Double>](repeating: .zero, count: blocks)
        for b in 0..<blocks {
            meanD[b] = sums[b].0 / total
            mu[b] = SIMD16<Float>(meanD[b])
        }
        let squares = mu.withUnsafeBufferPointer { mus in
            planeSums(n: n, blocks: blocks, hw: hw) { plane, b in
                let p = x + plane * hw * 16, m = mus[b]
                return sumCells(hw) { let d = load(p, $0) - m; return d * d }
            }
        }
        for b in 0..<blocks {
            // Deviations were taken from the float mean: correct for its rounding.
            let shift = meanD[b] - SIMD16<Double>(mu[b])
            store(mu[b], mean, b)
            store(SIMD16<Float>(squares[b].0 / total - shift * shift), variance, b)
        }
    }

    /// Σ over cells 0..<count of `cell(i)`, in Float lanes of at most `chunk` cells added into Double.
    @inline(__always)
    static func sumCells(_ count: Int, _ cell: (Int) -> SIMD16<Float>) -> SIMD16<Double> {
        var s = SIMD16<Double>()
        var start = 0
        while start < count {
            var lane = SIMD16<Float>()
            for i in start..<min(start + chunk, count) { lane += cell(i) }
            s += SIMD16<Double>(lane)
            start += chunk
        }
        return s
    }

    /// Per-block totals of one or two per-plane sums: `plane(p, b)` for every plane p = image·blocks + b, computed in
    /// parallel, then added per block in image order (deterministic whatever the thread count).
    static func planeSums(n: Int, blocks: Int, hw: Int,
                          _ plane: (Int, Int) -> SIMD16<Double>) -> [(SIMD16<Double>, SIMD16<Double>)] {
        planeSums2(n: n, blocks: blocks, hw: hw) { (plane($0, $1), SIMD16<Double>()) }
    }

    static func planeSums2(n: Int, blocks: Int, hw: Int,
                           _ plane: (Int, Int) -> (SIMD16<Double>, SIMD16<Double>)) -> [(SIMD16<Double>, SIMD16<Double>)] {
        let planes = n * blocks
        var partial = [SIMD16<Double>](repeating: .zero, count: 2 * planes)
        partial.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            Parallel.forEachChunk(planes, grain: max(1, 2048 / max(hw, 1))) { range in
                for p in range {
                    let (a, b) = plane(p, p % blocks)
                    out.pointer[2 * p] = a
                    out.pointer[2 * p + 1] = b
                }
            }
        }
        return (0..<blocks).map { b in
            var a = SIMD16<Double>(), c = SIMD16<Double>()
            for img in 0..<n {
                a += partial[2 * (img * blocks + b)]
                c += partial[2 * (img * blocks + b) + 1]
            }
            return (a, c)
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
        let sums = planeSums2(n: n, blocks: blocks, hw: hw) { plane, b in
            let g = G(gamma: vector(gamma, block: b), beta: vector(beta, block: b))
            let off = plane * hw * 16
            var sdy = SIMD16<Double>(), sdyx = SIMD16<Double>()
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
            return (sdy, sdyx)
        }
        var a = [SIMD16<Float>](repeating: .zero, count: blocks), bs = a
        for b in 0..<blocks {
            (a[b], bs[b]) = (SIMD16<Float>(sums[b].0), SIMD16<Float>(sums[b].1))
            store(bs[b], gradGamma, b)
            store(a[b], gradBeta, b)
        }
        guard let gradInput else { return }
        let gx = SendablePointer(gradInput)
        let m = Float(n * hw)
        a.withUnsafeBufferPointer { a in
            bs.withUnsafeBufferPointer { bs in
                Parallel.forEachChunk(n * blocks, grain: max(1, 1024 / max(hw, 1))) { range in
                    for plane in range {
                        let b = plane % blocks
                        let g = G(gamma: vector(gamma, block: b), beta: vector(beta, block: b))
                        let k = vector(gamma, block: b) * vector(invStd, block: b) / m
                        let off = plane * hw * 16
                        let o = gx.pointer + off
                        let ab = a[b], bsb = bs[b]
                        for i in 0..<hw {
                            let h = load(xhat + off, i)
                            store(k * (m * g(load(dy + off, i), h) - ab - h * bsb), o, i)
                        }
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
