import Tensors

/// torch.nn.utils.clip_grad_norm_ (L2): scales every gradient by min(maxNorm / (total + 1e-6), 1) where total is the
/// norm of the per-tensor norms; parameters without a gradient are skipped. Returns the total norm before clipping.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Double = 10.0) -> Float {
    let withGrad = parameters.filter { $0.grad != nil }
    let grads = withGrad.map { $0.grad! }
    guard !grads.isEmpty else { return 0 }
    var total: Double = 0
    for g in grads {
        let p = g.data
        var s: Double = 0
        for i in 0..<g.count { s += Double(p[i]) * Double(p[i]) }
        let norm = Float(s.squareRoot())  // each per-tensor norm is a float32 tensor in torch
        total += Double(norm) * Double(norm)
    }
    let totalNorm = Float(total.squareRoot())
    let coefficient = min(Float(maxNorm) / (totalNorm + Float(1e-6)), 1)
    if coefficient < 1 {  // torch multiplies by 1.0 otherwise, which changes nothing
        // New NCHW gradients (reading `data` converts any other storage layout; the old tensors are left alone).
        for p in withGrad {
            let g = p.grad!, scaled = Tensor(uninitialized: g.shape)
            let src = g.data, dst = scaled.mutableData
            for i in 0..<g.count { dst[i] = src[i] * coefficient }
            p.grad = scaled
        }
    }
    return totalNorm
}
