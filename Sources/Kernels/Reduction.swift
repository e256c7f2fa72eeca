/// Reductions over axes of contiguous buffers. Know nothing about autograd.
public enum Reduction {
    /// Sums `input` (shape `inShape`) into `output` (shape `outShape`, same rank, each dim equal or 1).
    /// This is both `sum(dims, keepdim: true)` and the "unbroadcast" of a gradient.
    public static func sum(_ input: UnsafePointer<Float>, _ inShape: [Int], into output: UnsafeMutablePointer<Float>,
                           _ outShape: [Int]) {
        precondition(inShape.count == outShape.count, "sum: rank \(inShape) vs \(outShape)")
        let outCount = outShape.reduce(1, *)
        let inCount = inShape.reduce(1, *)
        if outCount == 1 {
            output[0] = Float(Elementwise.sum(input, count: inCount))
            return
        }
        if outCount == inCount {
            output.update(from: input, count: inCount)
            return
        }
        // Split dims into kept (outer loop over outputs) and reduced, with input strides for each.
        var inStrides = [Int](repeating: 1, count: inShape.count)
        for d in stride(from: inShape.count - 2, through: 0, by: -1) { inStrides[d] = inStrides[d + 1] * inShape[d + 1] }
        var keptSizes: [Int] = [], keptStrides: [Int] = []
        var redSizes: [Int] = [], redStrides: [Int] = []
        for d in inShape.indices where inShape[d] != 1 {
            if outShape[d] == 1 {
                redSizes.append(inShape[d]); redStrides.append(inStrides[d])
            } else {
                precondition(outShape[d] == inShape[d], "sum: \(inShape) cannot reduce to \(outShape)")
                keptSizes.append(inShape[d]); keptStrides.append(inStrides[d])
            }
        }
        let innerContiguous = redStrides.last == 1
        let innerLen = innerContiguous ? redSizes.last! : 1
        let outerRed = innerContiguous ? Array(redSizes.dropLast()) : redSizes
        let outerRedStrides = innerContiguous ? Array(redStrides.dropLast()) : redStrides
        let outerRedCount = outerRed.reduce(1, *)
        let o = SendablePointer(output)
        Parallel.forEachChunk(outCount, grain: Swift.max(1, 8192 / Swift.max(1, inCount / outCount))) { range in
            for k in range {
                var base = 0, rem = k
                for d in stride(from: keptSizes.count - 1, through: 0, by: -1) {
                    base += (rem % keptSizes[d]) * keptStrides[d]
                    rem /= keptSizes[d]
                }
                var total: Double = 0
                for j in 0..<outerRedCount {
                    var off = base, r = j
                    for d in stride(from: outerRed.count - 1, through: 0, by: -1) {
                        off += (r % outerRed[d]) * outerRedStrides[d]
                        r /= outerRed[d]
                    }
                    var s: Float = 0
                    let p = input + off
                    for i in 0..<innerLen { s += p[i] }
                    total += Double(s)
                }
                o.pointer[k] = Float(total)
            }
        }
    }

    /// Maximum over axis `axis` of `[outer, size, inner]`: values and argmax indices (first maximum wins).
    public static func max(_ input: UnsafePointer<Float>, outer: Int, size: Int, inner: Int,
                           values: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        let v = SendablePointer(values), ix = SendablePointer(indices)
        Parallel.forEachChunk(outer * inner, grain: 4096) { range in
            for k in range {
                let o = k / inner, i = k % inner
                let p = input + o * size * inner + i
                var best = p[0], bi: Int32 = 0
                for j in 1..<Swift.max(size, 1) where p[j * inner] > best {
                    best = p[j * inner]; bi = Int32(j)
                }
                v.pointer[k] = best
                ix.pointer[k] = bi
            }
        }
    }
}
