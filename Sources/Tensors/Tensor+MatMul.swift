import Kernels

/// Matrix products through oneDNN: `[M, K] × [K, N]` and batched `[B, M, K] × [B, K, N]`.
extension Tensor {
    /// Batched product of rank-3 tensors with optional transposes (no graph recorded).
    static func bmmRaw(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> Tensor {
        let batch = a.shape[0]
        let m = transposeA ? a.shape[2] : a.shape[1], k = transposeA ? a.shape[1] : a.shape[2]
        let kb = transposeB ? b.shape[2] : b.shape[1], n = transposeB ? b.shape[1] : b.shape[2]
        precondition(b.shape[0] == batch && kb == k, "matmul: \(a.shape)\(transposeA ? "ᵀ" : "") × \(b.shape)\(transposeB ? "ᵀ" : "")")
        let out = Tensor(uninitialized: [batch, m, n])
        if m * n * k == 0 {
            out.mutableData.update(repeating: 0, count: out.count)
            return out
        }
        let shape = MatMulKernel.Shape(batch: batch, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        MatMulKernel.cached(shape).run(a: a.data, b: b.data, c: out.mutableData)
        return out
    }

    /// Batched matrix product `[B, M, K] × [B, K, N] → [B, M, N]`.
    public func bmm(_ other: Tensor) -> Tensor {
        precondition(rank == 3 && other.rank == 3, "bmm needs rank-3 tensors, got \(shape) and \(other.shape)")
        let a = self, b = other
        return Tensor.bmmRaw(a, b, transposeA: false, transposeB: false).recorded("bmm", [a, b]) { g in
            [a.requiresGrad ? Tensor.bmmRaw(g, b, transposeA: false, transposeB: true) : nil,
             b.requiresGrad ? Tensor.bmmRaw(a, g, transposeA: true, transposeB: false) : nil]
        }
    }

    /// Matrix product: `[M, K] × [K, N]`, or batched when both have rank ≥ 3 and equal leading dimensions.
    public func matmul(_ other: Tensor) -> Tensor {
        if rank == 2 && other.rank == 2 {
            return unsqueezed(0).bmm(other.unsqueezed(0)).squeezed(0)
        }
        precondition(rank >= 3 && rank == other.rank && shape.dropLast(2) == other.shape.dropLast(2),
                     "matmul: unsupported shapes \(shape) × \(other.shape)")
        let lead = Array(shape.dropLast(2))
        let b = lead.reduce(1, *)
        let out = reshaped([b, shape[rank - 2], shape[rank - 1]]).bmm(other.reshaped([b, other.shape[rank - 2], other.shape[rank - 1]]))
        return out.reshaped(lead + [shape[rank - 2], other.shape[rank - 1]])
    }
}
