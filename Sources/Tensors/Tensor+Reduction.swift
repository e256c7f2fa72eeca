import Kernels

/// Sum, mean and max over axes (negative axes count from the end, as in PyTorch).
extension Tensor {
    /// A non-negative axis for `axis` (which may be negative).
    func normalizedAxis(_ axis: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < Swift.max(rank, 1), "axis \(axis) out of range for shape \(shape)")
        return a
    }

    /// Sum of all elements (0-d).
    public func sum() -> Tensor {
        let out = Tensor(scalar: Float(Elementwise.sum(data, count: count)))
        return out.recorded("sum", [self]) { [shape] g in [Tensor(repeating: g.item, shape: shape)] }
    }

    /// Sum over `axes`; keeps them as size 1 when `keepDims`.
    public func sum(axes: [Int], keepDims: Bool = false) -> Tensor {
        let axes = Set(axes.map(normalizedAxis))
        let kept = shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        let out = Tensor(uninitialized: kept)
        Reduction.sum(data, shape, into: out.mutableData, kept)
        let result = keepDims ? out : out.reshaped(shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element))
        return result.recorded("sum_axes", [self]) { [shape] g in
            [g.reshaped(kept).broadcastMap(Tensor.zeros(shape)) { a, _ in a }]
        }
    }

    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    /// Mean of all elements (0-d).
    public func mean() -> Tensor { sum() * (1 / Float(Swift.max(count, 1))) }

    /// Mean over `axes`.
    public func mean(axes: [Int], keepDims: Bool = false) -> Tensor {
        let n = Set(axes.map(normalizedAxis)).reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepDims: keepDims) * (1 / Float(Swift.max(n, 1)))
    }

    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    /// Maximum over `axis` and its index (first maximum wins); gradient flows to that index.
    public func max(axis: Int, keepDims: Bool = false) -> (values: Tensor, indices: [Int32]) {
        let a = normalizedAxis(axis)
        let outer = shape[..<a].reduce(1, *), size = shape[a], inner = shape[(a + 1)...].reduce(1, *)
        var kept = shape
        kept[a] = 1
        let values = Tensor(uninitialized: kept)
        var indices = [Int32](repeating: 0, count: outer * inner)
        indices.withUnsafeMutableBufferPointer { ip in
            Reduction.max(data, outer: outer, size: size, inner: inner, values: values.mutableData, indices: ip.baseAddress!)
        }
        var outShape = kept
        if !keepDims { outShape.remove(at: a) }
        let result = values.reshaped(outShape)
        result.recorded("max_axis", [self]) { [shape] g in
            let gi = Tensor.zeros(shape)
            for k in 0..<(outer * inner) {
                let o = k / inner, i = k % inner
                gi.mutableData[(o * size + Int(indices[k])) * inner + i] = g.data[k]
            }
            return [gi]
        }
        return (result, indices)
    }

    /// Maximum of all elements (0-d), gradient to the first maximum.
    public func max() -> Tensor { reshaped([count]).max(axis: 0).values }

    /// Index of the maximum along `axis` (forward only).
    public func argmax(axis: Int) -> [Int32] { noGrad { max(axis: axis).indices } }
}
