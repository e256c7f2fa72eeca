import Kernels

/// Reshape, permute, concat, split and slicing. All results are contiguous.
extension Tensor {
    /// The same elements in `newShape` (one dimension may be −1). Shares storage.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var s = newShape
        if let i = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != i }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            s[i] = count / known
        }
        precondition(s.reduce(1, *) == count, "cannot reshape \(shape) (\(count) elements) to \(newShape)")
        if s == shape { return self }
        if layout != .nchw { return plain().reshaped(s) }
        let out = Tensor(shape: s, storage: storage)
        return out.recorded("reshape", [self]) { [shape] g in [g.reshaped(shape)] }
    }

    /// Flattens dimensions from `start` on into one.
    public func flattened(from start: Int = 0) -> Tensor {
        let a = normalizedAxis(start)
        return reshaped(Array(shape[..<a]) + [shape[a...].reduce(1, *)])
    }

    /// Dimensions reordered: result dim i is input dim `order[i]`.
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "permutation \(order) invalid for shape \(shape)")
        if order == Array(0..<rank) { return self }
        let outShape = order.map { shape[$0] }
        var inStrides = [Int](repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) { inStrides[d] = inStrides[d + 1] * shape[d + 1] }
        let strides = order.map { inStrides[$0] }
        let out = Tensor(uninitialized: outShape)
        Tensor.stridedCopy(from: data, sizes: outShape, strides: strides, to: out.mutableData)
        var inverse = [Int](repeating: 0, count: rank)
        for (i, o) in order.enumerated() { inverse[o] = i }
        return out.recorded("permute", [self]) { g in [g.permuted(inverse)] }
    }

    /// Swaps two dimensions.
    public func transposed(_ a: Int, _ b: Int) -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(normalizedAxis(a), normalizedAxis(b))
        return permuted(order)
    }

    /// Copies a strided view (`sizes`, element `strides`) into contiguous `to`.
    static func stridedCopy(from src: UnsafePointer<Float>, sizes: [Int], strides: [Int], to dst: UnsafeMutablePointer<Float>) {
        let inner = sizes.last ?? 1, innerStride = strides.last ?? 1
        let rows = sizes.reduce(1, *) / Swift.max(inner, 1)
        let out = SendablePointer(dst)
        Parallel.forEachChunk(rows, grain: Swift.max(1, 16_384 / Swift.max(inner, 1))) { range in
            for row in range {
                var off = 0, r = row
                for d in stride(from: sizes.count - 2, through: 0, by: -1) {
                    off += (r % sizes[d]) * strides[d]
                    r /= sizes[d]
                }
                let s = src + off, o = out.pointer + row * inner
                if innerStride == 1 { o.update(from: s, count: inner) } else { for i in 0..<inner { o[i] = s[i * innerStride] } }
            }
        }
    }

    /// Concatenation along `axis`.
    public static func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concat of no tensors")
        let a = tensors[0].normalizedAxis(axis)
        var outShape = tensors[0].shape
        outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        for t in tensors {
            precondition(t.rank == outShape.count && (0..<t.rank).allSatisfy { $0 == a || t.shape[$0] == outShape[$0] },
                         "concat: shapes \(tensors.map(\.shape)) differ outside axis \(axis)")
        }
        let outer = outShape[..<a].reduce(1, *), inner = outShape[(a + 1)...].reduce(1, *)
        // Blocked inputs joined on channels stay blocked: per image each is one contiguous run, as in NCHW.
        let layout: TensorLayout = a == 1 && tensors.allSatisfy({ $0.layout == .blocked16 }) ? .blocked16 : .nchw
        let out = Tensor(uninitialized: outShape, layout: layout)
        let o = SendablePointer(out.rawMutableData)
        var offset = 0
        for t in tensors {
            let chunk = t.shape[a] * inner, total = outShape[a] * inner, off = offset
            let src = layout == .blocked16 ? t.rawData : t.data
            Parallel.forEachChunk(outer, grain: Swift.max(1, 16_384 / Swift.max(chunk, 1))) { range in
                for i in range { (o.pointer + i * total + off).update(from: src + i * chunk, count: chunk) }
            }
            offset += chunk
        }
        let sizes = tensors.map { $0.shape[a] }
        return out.recorded("concat", tensors) { g in g.split(sizes: sizes, axis: a).map { $0 } }
    }

    /// Pieces of the given `sizes` along `axis`.
    public func split(sizes: [Int], axis: Int) -> [Tensor] {
        let a = normalizedAxis(axis)
        precondition(sizes.reduce(0, +) == shape[a], "split sizes \(sizes) do not add up to \(shape[a]) (shape \(shape))")
        var start = 0
        return sizes.map { n in
            defer { start += n }
            return slice(axis: a, range: start..<(start + n))
        }
    }

    /// `chunks` equal pieces along `axis` (the last may be smaller, as torch.chunk).
    public func chunked(_ chunks: Int, axis: Int) -> [Tensor] {
        let n = shape[normalizedAxis(axis)]
        let size = (n + chunks - 1) / chunks
        var sizes: [Int] = []
        var left = n
        while left > 0 { sizes.append(Swift.min(size, left)); left -= size }
        return split(sizes: sizes, axis: axis)
    }

    /// Elements `range` (every `step`-th) along `axis`.
    public func slice(axis: Int, range: Range<Int>, step: Int = 1) -> Tensor {
        let a = normalizedAxis(axis)
        if layout == .blocked16, a == 1, step == 1, range.lowerBound % 16 == 0, range.count % 16 == 0, !range.isEmpty {
            return blockedChannelSlice(range)
        }
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[a] && step >= 1,
                     "slice \(range) step \(step) out of bounds for axis \(a) of \(shape)")
        let n = (range.count + step - 1) / step
        var outShape = shape
        outShape[a] = n
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        let sizes = [outer, n, inner], strides = [shape[a] * inner, step * inner, 1]
        let out = Tensor(uninitialized: outShape)
        Tensor.stridedCopy(from: data + range.lowerBound * inner, sizes: sizes, strides: strides, to: out.mutableData)
        return out.recorded("slice", [self]) { [shape] g in
            let gi = Tensor.zeros(shape)
            for o in 0..<outer {
                for j in 0..<n {
                    (gi.mutableData + (o * shape[a] + range.lowerBound + j * step) * inner)
                        .update(from: g.data + (o * n + j) * inner, count: inner)
                }
            }
            return [gi]
        }
    }

    /// `self` broadcast to `newShape` (a copy).
    public func expanded(_ newShape: [Int]) -> Tensor {
        let out = broadcastMap(Tensor.zeros(newShape)) { a, _ in a }
        return out.recorded("expand", [self]) { [shape] g in [g.sumTo(shape)] }
    }

    /// Inserts a size-1 dimension at `axis`.
    public func unsqueezed(_ axis: Int) -> Tensor {
        var s = shape
        s.insert(1, at: axis < 0 ? axis + rank + 1 : axis)
        return reshaped(s)
    }

    /// Removes a size-1 dimension at `axis`.
    public func squeezed(_ axis: Int) -> Tensor {
        var s = shape
        let a = normalizedAxis(axis)
        precondition(s[a] == 1, "squeeze axis \(axis) has size \(s[a])")
        s.remove(at: a)
        return reshaped(s)
    }
}

extension Tensor {
    /// Channels `range` (multiples of 16) of a blocked tensor, kept blocked: one contiguous run per image.
    func blockedChannelSlice(_ range: Range<Int>) -> Tensor {
        let (n, c, hw) = (shape[0], shape[1], shape[2] * shape[3])
        var outShape = shape
        outShape[1] = range.count
        let out = Tensor(uninitialized: outShape, layout: .blocked16)
        for i in 0..<n {
            (out.rawMutableData + i * range.count * hw).update(from: rawData + (i * c + range.lowerBound) * hw,
                                                               count: range.count * hw)
        }
        return out.recorded("slice_blocked", [self]) { [shape] gAny in
            let g = gAny.converted(to: .blocked16)
            let gi = Tensor(uninitialized: shape, layout: .blocked16)
            gi.rawMutableData.update(repeating: 0, count: gi.count)
            for i in 0..<n {
                (gi.rawMutableData + (i * c + range.lowerBound) * hw).update(from: g.rawData + i * range.count * hw,
                                                                             count: range.count * hw)
            }
            return [gi]
        }
    }
}
