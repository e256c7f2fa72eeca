/// Shapes and strides for broadcasting (NumPy/PyTorch rules), merged so inner loops run over long contiguous rows.
public struct BroadcastPlan: Sendable {
    /// Merged output sizes, outermost first.
    public let sizes: [Int]
    /// Per operand, merged element strides (0 on broadcast dimensions).
    public let strides: [[Int]]

    /// The broadcast result shape of `shapes`, or nil when they are incompatible.
    public static func resultShape(_ shapes: [[Int]]) -> [Int]? {
        let rank = shapes.map(\.count).max() ?? 0
        var out = [Int](repeating: 1, count: rank)
        for s in shapes {
            let pad = rank - s.count
            for (i, d) in s.enumerated() {
                let o = out[pad + i]
                if o == 1 { out[pad + i] = d } else if d != 1 && d != o { return nil }
            }
        }
        return out
    }

    /// A plan reading each operand shape (broadcastable to `output`) while walking `output` in row-major order.
    public init(output: [Int], operands: [[Int]]) {
        let rank = output.count
        var perOperand: [[Int]] = operands.map { shape in
            let padded = [Int](repeating: 1, count: rank - shape.count) + shape
            var strides = [Int](repeating: 0, count: rank)
            var acc = 1
            for i in stride(from: rank - 1, through: 0, by: -1) {
                precondition(padded[i] == output[i] || padded[i] == 1, "shape \(shape) does not broadcast to \(output)")
                strides[i] = padded[i] == 1 ? 0 : acc
                acc *= padded[i]
            }
            return strides
        }
        // Drop size-1 dimensions, then merge neighbours whose strides are consistent for every operand.
        var sizes: [Int] = []
        var merged: [[Int]] = operands.map { _ in [] }
        for i in 0..<rank where output[i] != 1 {
            if let last = sizes.last,
               perOperand.indices.allSatisfy({ perOperand[$0][i] * output[i] == merged[$0].last! }) {
                sizes[sizes.count - 1] = last * output[i]
                for k in merged.indices { merged[k][merged[k].count - 1] = perOperand[k][i] }
            } else {
                sizes.append(output[i])
                for k in merged.indices { merged[k].append(perOperand[k][i]) }
            }
        }
        if sizes.isEmpty {
            sizes = [1]
            merged = merged.map { _ in [0] }
        }
        perOperand = merged
        self.sizes = sizes
        self.strides = perOperand
    }

    /// Number of output elements.
    public var count: Int { sizes.reduce(1, *) }
    /// Length of the innermost merged run.
    public var inner: Int { sizes.last! }
    /// Number of innermost runs.
    public var rows: Int { count / inner }

    /// Offsets of row `row`'s first element in each operand.
    @inlinable
    public func rowOffsets(_ row: Int) -> [Int] {
        var offsets = [Int](repeating: 0, count: strides.count)
        var r = row
        for d in stride(from: sizes.count - 2, through: 0, by: -1) {
            let i = r % sizes[d]
            r /= sizes[d]
            for k in strides.indices { offsets[k] += i * strides[k][d] }
        }
        return offsets
    }
}

extension Elementwise {
    /// out = f(a, b) with broadcasting; `out` has the broadcast shape of `aShape` and `bShape`.
    @inlinable
    public static func broadcast<F: BinaryFunction>(_ a: UnsafePointer<Float>, _ aShape: [Int], _ b: UnsafePointer<Float>,
                                                    _ bShape: [Int], _ out: UnsafeMutablePointer<Float>, _ outShape: [Int],
                                                    _ f: F) {
        let plan = BroadcastPlan(output: outShape, operands: [aShape, bShape])
        let inner = plan.inner
        let sa = plan.strides[0].last!, sb = plan.strides[1].last!
        if plan.rows == 1 && sa == 1 && sb == 1 { return zip(a, b, out, count: inner, f) }
        let o = SendablePointer(out)
        let grain = max(1, 16_384 / inner)
        Parallel.forEachChunk(plan.rows, grain: grain) { rows in
            for row in rows {
                let offs = plan.rowOffsets(row)
                let pa = a + offs[0], pb = b + offs[1], po = o.pointer + row * inner
                switch (sa, sb) {
                case (1, 1): for i in 0..<inner { po[i] = f(pa[i], pb[i]) }
                case (1, 0): let v = pb[0]; for i in 0..<inner { po[i] = f(pa[i], v) }
                case (0, 1): let v = pa[0]; for i in 0..<inner { po[i] = f(v, pb[i]) }
                default: for i in 0..<inner { po[i] = f(pa[i * sa], pb[i * sb]) }
                }
            }
        }
    }

    /// Naive twin of `broadcast`: one multi-index per element.
    public static func broadcastNaive(_ a: UnsafePointer<Float>, _ aShape: [Int], _ b: UnsafePointer<Float>,
                                      _ bShape: [Int], _ out: UnsafeMutablePointer<Float>, _ outShape: [Int],
                                      _ f: (Float, Float) -> Float) {
        let rank = outShape.count
        let pa = [Int](repeating: 1, count: rank - aShape.count) + aShape
        let pb = [Int](repeating: 1, count: rank - bShape.count) + bShape
        let count = outShape.reduce(1, *)
        for flat in 0..<count {
            var rem = flat, ia = 0, ib = 0, ma = 1, mb = 1
            for d in stride(from: rank - 1, through: 0, by: -1) {
                let i = rem % outShape[d]
                rem /= outShape[d]
                ia += (pa[d] == 1 ? 0 : i) * ma
                ib += (pb[d] == 1 ? 0 : i) * mb
                ma *= pa[d]
                mb *= pb[d]
            }
            out[flat] = f(a[ia], b[ib])
        }
    }
}
