import Tensors

/// Muon's quintic Newton–Schulz orthogonalisation (`zeropower_via_newtonschulz5`), emulating the reference's bfloat16
/// arithmetic: the input, the norm and every product are rounded to bfloat16 (products accumulate in float32, as
/// oneDNN's bf16 matmul does). The result approximates U·Vᵀ of the input's SVD.
public enum NewtonSchulz {
    static let (a, b, c): (Float, Float, Float) = (3.4445, -4.7750, 2.0315)

    /// Rounds to the nearest bfloat16 (ties to even), returned as a float.
    @inline(__always)
    public static func bfloat16(_ x: Float) -> Float {
        if x.isNaN { return x }
        let bits = x.bitPattern
        return Float(bitPattern: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) & 0xFFFF_0000)
    }

    /// Orthogonalises the `rows × cols` matrix `g` (row-major), five iterations, eps 1e-7; returns row-major.
    public static func orthogonalize(_ g: [Float], rows: Int, cols: Int, eps: Float = 1e-7) -> [Float] {
        orthogonalize(batch: g, count: 1, rows: rows, cols: cols, eps: eps)
    }

    /// Orthogonalises `count` matrices of `rows × cols` stored one after another (each normalised by its own
    /// Frobenius norm, all transposed when `rows > cols`), with one batched product per step as the reference does
    /// for its buckets of zero-padded matrices.
    public static func orthogonalize(batch g: [Float], count: Int, rows: Int, cols: Int, eps: Float = 1e-7) -> [Float] {
        let size = rows * cols
        precondition(g.count == count * size, "NewtonSchulz: \(g.count) values for \(count)×\(rows)×\(cols)")
        var x = g.map(bfloat16)
        for m in 0..<count {
            var sumSquares: Float = 0
            for i in m * size..<(m + 1) * size { sumSquares += x[i] * x[i] }
            let norm = bfloat16(bfloat16(sumSquares.squareRoot()) + eps)
            for i in m * size..<(m + 1) * size { x[i] = bfloat16(x[i] / norm) }
        }
        let transposed = rows > cols
        var (r, k) = (rows, cols)
        if transposed {
            x = transpose(batch: x, count: count, rows: rows, cols: cols)
            (r, k) = (cols, rows)
        }
        var current = Tensor(x, shape: [count, r, k])
        noGrad {
            for _ in 0..<5 {
                let xt = Tensor(transpose(batch: current.scalars, count: count, rows: r, cols: k), shape: [count, k, r])
                let A = rounded(current.bmm(xt))                         // r × r
                let B = combine(A, A.bmm(A), alpha: b, beta: c)          // b·A + c·A·A
                current = combine(current, B.bmm(current), alpha: a, beta: 1)  // a·X + B·X
            }
        }
        let out = current.scalars
        return transposed ? transpose(batch: out, count: count, rows: r, cols: k) : out
    }

    /// α·x + β·y rounded to bfloat16 (one rounding, as a fused baddbmm).
    private static func combine(_ x: Tensor, _ y: Tensor, alpha: Float, beta: Float) -> Tensor {
        let out = Tensor(uninitialized: x.shape)
        let o = out.mutableData, p = x.data, q = y.data
        for i in 0..<x.count { o[i] = bfloat16(alpha * p[i] + beta * q[i]) }
        return out
    }

    private static func rounded(_ x: Tensor) -> Tensor {
        let p = x.mutableData
        for i in 0..<x.count { p[i] = bfloat16(p[i]) }
        return x
    }

    /// The transpose of a row-major `rows × cols` matrix.
    public static func transpose(_ m: [Float], rows: Int, cols: Int) -> [Float] {
        transpose(batch: m, count: 1, rows: rows, cols: cols)
    }

    /// Each of `count` consecutive row-major `rows × cols` matrices transposed.
    static func transpose(batch m: [Float], count: Int, rows: Int, cols: Int) -> [Float] {
        var t = [Float](repeating: 0, count: m.count)
        let size = rows * cols
        m.withUnsafeBufferPointer { src in
            t.withUnsafeMutableBufferPointer { dst in
                for b in 0..<count {
                    let s = src.baseAddress! + b * size, d = dst.baseAddress! + b * size
                    for i in 0..<rows { for j in 0..<cols { d[j * rows + i] = s[i * cols + j] } }
                }
            }
        }
        return t
    }
}
