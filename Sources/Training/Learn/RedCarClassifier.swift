import Foundation
import Tensors

/// The tutorial's two-weight classifier p = σ(w · x_red + b), trained by plain gradient descent with autograd.
public final class RedCarClassifier {
    /// Loss functions the tutorial discusses.
    public enum Loss: String, CaseIterable, Sendable { case mse, bce }

    /// The weight, per unit of the input feature.
    public let weight: Tensor
    /// The bias.
    public let bias: Tensor
    /// The feature enters as (x − featureShift) / featureScale: standardised inputs keep gradient steps
    /// well-conditioned; shift 0, scale 1 is the tutorial's raw formula.
    public let featureShift: Float
    public let featureScale: Float

    public init(weight: Float, bias: Float, featureShift: Float = 0, featureScale: Float = 1) {
        self.weight = Tensor([weight], shape: [1, 1]).requiringGrad()
        self.bias = Tensor([bias], shape: [1]).requiringGrad()
        self.featureShift = featureShift
        self.featureScale = featureScale
    }

    /// The weight and bias in raw units of x_red (z = w·x_red + b).
    public var rawParameters: (w: Float, b: Float) {
        let w = weight.item / featureScale
        return (w, bias.item - w * featureShift)
    }

    /// Scores z = w · (x − shift)/scale + b, `[n, 1]`.
    public func scores(_ x: Tensor) -> Tensor { ((x - featureShift) / featureScale).matmul(weight) + bias }

    /// Probabilities σ(z), `[n, 1]`.
    public func callAsFunction(_ x: Tensor) -> Tensor { scores(x).sigmoid() }

    /// The mean loss of predictions `p` against labels `y` (both `[n, 1]`).
    public static func loss(_ p: Tensor, _ y: Tensor, kind: Loss) -> Tensor {
        switch kind {
        case .mse:
            return (y - p).pow(2).mean()
        case .bce:
            let q = p.clamped(min: 1e-7, max: 1 - 1e-7)
            return -(y * q.log() + (1 - y) * (1 - q).log()).mean()
        }
    }

    /// One full-batch gradient-descent step; returns the loss before the step.
    @discardableResult
    public func step(_ x: Tensor, _ y: Tensor, loss kind: Loss, learningRate: Float) -> Float {
        weight.zeroGrad()
        bias.zeroGrad()
        let l = Self.loss(self(x), y, kind: kind)
        l.backward()
        noGrad {
            for p in [weight, bias] {
                let g = p.grad!
                for i in 0..<p.count { p.mutableData[i] -= learningRate * g.data[i] }
            }
        }
        return l.item
    }

    /// Fraction of samples whose p ≥ 0.5 agrees with the label.
    public func accuracy(_ x: Tensor, _ y: Tensor) -> Float {
        let p = noGrad { self(x) }
        var right = 0
        for i in 0..<p.count where (p.data[i] >= 0.5) == (y.data[i] >= 0.5) { right += 1 }
        return Float(right) / Float(max(p.count, 1))
    }
}
