import Foundation
import Tensors

/// torch.optim.Adam and AdamW (single-tensor CPU path, eps 1e-8, no amsgrad), in PyTorch's order:
/// step += 1; decay (AdamW: p ·= 1 − lr·wd; Adam: g += wd·p); m = lerp(m, g, 1 − β1); v = v·β2 + (1 − β2)·g·g;
/// p += −(lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + eps).
public final class Adam: Optimizer {
    public let name: String
    public var groups: [ParameterGroup]
    public let state = OptimizerState()
    /// AdamW's decoupled weight decay (multiplies the parameter instead of adding to the gradient).
    public let decoupledWeightDecay: Bool
    public let eps: Double

    public init(groups: [ParameterGroup], decoupledWeightDecay: Bool, eps: Double = 1e-8) {
        self.groups = groups
        self.decoupledWeightDecay = decoupledWeightDecay
        self.eps = eps
        name = decoupledWeightDecay ? "AdamW" : "Adam"
    }

    public func step() {
        for group in groups {
            let (beta1, beta2) = group.betas
            for p in group.steppable {
                let g = p.grad!
                precondition(g.count == p.count, "\(name): gradient \(g.shape) for parameter \(p.shape)")
                let stepT = state.tensor("step", of: p) { .zeros([]) }
                let m = state.tensor("exp_avg", of: p) { .zeros(p.shape) }
                let v = state.tensor("exp_avg_sq", of: p) { .zeros(p.shape) }
                stepT.mutableData[0] += 1
                let t = Double(stepT.data[0])
                let bc1 = 1 - pow(beta1, t), bc2 = 1 - pow(beta2, t)
                let stepSize = group.lr / bc1
                let c = Adam.Coefficients(
                    decay: decoupledWeightDecay ? Float(1 - group.lr * group.weightDecay) : 1,
                    gradDecay: decoupledWeightDecay ? 0 : Float(group.weightDecay),
                    lerpWeight: Float(1 - beta1), beta2: Float(beta2), oneMinusBeta2: Float(1 - beta2),
                    bc2Sqrt: Float(pow(bc2, 0.5)), eps: Float(eps), negStepSize: Float(-stepSize))
                Adam.update(p.mutableData, g.data, m.mutableData, v.mutableData, count: p.count, c,
                            decoupled: decoupledWeightDecay && group.weightDecay != 0)
            }
        }
    }

    /// Float32 scalars of one step (each rounded from the double the reference computes in Python).
    struct Coefficients {
        var decay, gradDecay, lerpWeight, beta2, oneMinusBeta2, bc2Sqrt, eps, negStepSize: Float
    }

    static func update(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                       _ v: UnsafeMutablePointer<Float>, count: Int, _ c: Coefficients, decoupled: Bool) {
        let w = c.lerpWeight, small = abs(w) < 0.5, wm1 = w - 1
        for i in 0..<count {
            var x = p[i]
            if decoupled { x *= c.decay }
            let d = c.gradDecay == 0 ? g[i] : g[i].addingProduct(x, c.gradDecay)
            // torch.lerp: start + w·(end − start) for |w| < 0.5, else end − (end − start)·(1 − w), both fused.
            let diff = d - m[i]
            let mi = small ? m[i].addingProduct(w, diff) : d.addingProduct(wm1, diff)
            m[i] = mi
            let vi = v[i] * c.beta2 + c.oneMinusBeta2 * d * d
            v[i] = vi
            let denom = vi.squareRoot() / c.bc2Sqrt + c.eps
            p[i] = x + c.negStepSize * mi / denom
        }
    }
}
