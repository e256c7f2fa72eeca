import Tensors

/// torch.optim.SGD (single-tensor CPU path): weight decay added to the gradient, momentum buffer started from the
/// first gradient, dampening 0, optional Nesterov. Scalars are rounded to float32 as ATen does; `add(…, alpha)` is a
/// fused multiply-add as in ATen's vectorised kernel.
public final class SGD: Optimizer {
    public let name = "SGD"
    public var groups: [ParameterGroup]
    public let state = OptimizerState()

    public init(groups: [ParameterGroup]) { self.groups = groups }

    public func step() {
        for group in groups {
            let lr = Float(group.lr), wd = Float(group.weightDecay), m = Float(group.momentum ?? 0)
            for p in group.steppable {
                let g = p.grad!
                precondition(g.count == p.count, "SGD: gradient \(g.shape) for parameter \(p.shape)")
                let first = !state.has(p)
                let buffer: UnsafeMutablePointer<Float>? = m == 0 ? nil
                    : state.tensor("momentum_buffer", of: p) { Tensor(uninitialized: p.shape) }.mutableData
                SGD.update(p.mutableData, g.data, buffer, count: p.count, lr: lr, weightDecay: wd, momentum: m,
                           firstStep: first, nesterov: group.nesterov)
            }
        }
    }

    /// The per-element rule: d = g + wd·p; buf = d (first) or buf·m + d; d = d + m·buf (Nesterov) or buf;
    /// p = p − lr·d.
    static func update(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ buf: UnsafeMutablePointer<Float>?,
                       count: Int, lr: Float, weightDecay wd: Float, momentum m: Float, firstStep: Bool,
                       nesterov: Bool) {
        let negLR = -lr
        guard let buf else {
            for i in 0..<count {
                let d = wd == 0 ? g[i] : g[i].addingProduct(p[i], wd)
                p[i] = p[i].addingProduct(d, negLR)
            }
            return
        }
        for i in 0..<count {
            let d = wd == 0 ? g[i] : g[i].addingProduct(p[i], wd)
            let b = firstStep ? d : buf[i] * m + d
            buf[i] = b
            let step = nesterov ? d.addingProduct(b, m) : b
            p[i] = p[i].addingProduct(step, negLR)
        }
    }
}
