import Kernels

/// Integer indices with a shape (for gather; no gradients).
public struct IndexTensor: Sendable {
    public var shape: [Int]
    public var values: [Int32]
    public init(_ values: [Int32], shape: [Int]) {
        precondition(values.count == shape.reduce(1, *), "\(values.count) indices do not fill shape \(shape)")
        self.values = values
        self.shape = shape
    }
}

/// Gather, index-select, where/masking and top-k.
extension Tensor {
    /// torch.gather: out[i][j][k] = self[i][index[i][j][k]][k] for axis 1 (same rank; index dims ≤ self's).
    public func gather(axis: Int, index: IndexTensor) -> Tensor {
        let a = normalizedAxis(axis)
        precondition(index.shape.count == rank, "gather: index rank \(index.shape) vs \(shape)")
        let n = index.shape[a], inner = index.shape[(a + 1)...].reduce(1, *)
        let selfInner = shape[(a + 1)...].reduce(1, *)
        let selfOuterStride = shape[a...].reduce(1, *)
        let idxShape = index.shape, selfShape = shape
        func offset(_ flat: Int) -> Int {
            // flat index in index-space → offset in self.
            let o = flat / (n * inner), k = flat % inner
            let idx = Int(index.values[flat])
            precondition(idx >= 0 && idx < selfShape[a], "gather index \(idx) out of range for size \(selfShape[a])")
            // Decompose o and k with the index's sizes, recompose with self's strides.
            var r = o, mul = selfOuterStride
            var outerOff = 0
            for d in stride(from: a - 1, through: 0, by: -1) {
                outerOff += (r % idxShape[d]) * mul
                r /= idxShape[d]
                mul *= selfShape[d]
            }
            var innerOff = 0, rk = k, m = 1
            for d in stride(from: rank - 1, to: a, by: -1) {
                innerOff += (rk % idxShape[d]) * m
                rk /= idxShape[d]
                m *= selfShape[d]
            }
            return outerOff + idx * selfInner + innerOff
        }
        let out = Tensor(uninitialized: index.shape)
        let offsets = (0..<index.values.count).map(offset)
        for (i, off) in offsets.enumerated() { out.mutableData[i] = data[off] }
        return out.recorded("gather", [self]) { [shape] g in
            let gi = Tensor.zeros(shape)
            for (i, off) in offsets.enumerated() { gi.mutableData[off] += g.data[i] }
            return [gi]
        }
    }

    /// Rows `indices` along `axis` (torch.index_select).
    public func indexSelect(axis: Int, indices: [Int]) -> Tensor {
        let a = normalizedAxis(axis)
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *), size = shape[a]
        var outShape = shape
        outShape[a] = indices.count
        let out = Tensor(uninitialized: outShape)
        for o in 0..<outer {
            for (j, i) in indices.enumerated() {
                precondition(i >= 0 && i < size, "index_select index \(i) out of range for size \(size)")
                (out.mutableData + (o * indices.count + j) * inner).update(from: data + (o * size + i) * inner, count: inner)
            }
        }
        return out.recorded("index_select", [self]) { [shape] g in
            let gi = Tensor.zeros(shape)
            for o in 0..<outer {
                for (j, i) in indices.enumerated() {
                    let dst = gi.mutableData + (o * size + i) * inner, src = g.data + (o * indices.count + j) * inner
                    for k in 0..<inner { dst[k] += src[k] }
                }
            }
            return [gi]
        }
    }

    /// Elements of `a` where `condition` is non-zero, else of `b` (all broadcastable).
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        guard let outShape = BroadcastPlan.resultShape([condition.shape, a.shape, b.shape]) else {
            preconditionFailure("where: shapes \(condition.shape), \(a.shape), \(b.shape) do not broadcast")
        }
        let c = condition.expandedValues(outShape), av = a.expandedValues(outShape), bv = b.expandedValues(outShape)
        let out = Tensor(uninitialized: outShape)
        Elementwise.zip3(c.data, av.data, bv.data, out.mutableData, count: out.count) { $0 != 0 ? $1 : $2 }
        return out.recorded("where", [a, b]) { g in
            [g.zipMap(c) { $1 != 0 ? $0 : 0 }.sumTo(a.shape), g.zipMap(c) { $1 != 0 ? 0 : $0 }.sumTo(b.shape)]
        }
    }

    /// `self` with `value` wherever `mask` (broadcastable) is non-zero.
    public func maskedFill(_ mask: Tensor, value: Float) -> Tensor {
        Tensor.where(mask, Tensor(scalar: value), self)
    }

    /// Values broadcast to `shape` without recording.
    func expandedValues(_ shape: [Int]) -> Tensor {
        if self.shape == shape { return self }
        return broadcastMap(Tensor.zeros(shape)) { a, _ in a }
    }

    /// The `k` largest values along the last axis and their indices, largest first; ties keep the lower index
    /// (a stable sort, as the reference's numpy re-implementation). Forward only.
    public func topk(_ k: Int) -> (values: Tensor, indices: IndexTensor) {
        let n = shape.last ?? 1, rows = count / Swift.max(n, 1)
        let k = Swift.min(k, n)
        var outShape = shape
        outShape[rank - 1] = k
        let values = Tensor(uninitialized: outShape)
        var idx = [Int32](repeating: 0, count: rows * k)
        for r in 0..<rows {
            let p = data + r * n
            let order = (0..<n).sorted { p[$0] > p[$1] || (p[$0] == p[$1] && $0 < $1) }
            for j in 0..<k {
                values.mutableData[r * k + j] = p[order[j]]
                idx[r * k + j] = Int32(order[j])
            }
        }
        return (values, IndexTensor(idx, shape: outShape))
    }
}
