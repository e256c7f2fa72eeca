import NN
import Tensors

/// Ultralytics `Conv`: Conv2d (no bias, "same" padding k/2 · dilation) → BatchNorm2d → SiLU (or identity).
public final class Conv: Module, UnaryLayer {
    public let conv: Conv2d
    public let bn: BatchNorm2d
    public let act: Marker

    public init(_ c1: Int, _ c2: Int, k: Int = 1, s: Int = 1, p: Int? = nil, g: Int = 1, d: Int = 1, act: Bool = true,
                random: inout RandomSource) {
        let pad = p ?? (d > 1 ? d * (k - 1) / 2 : k / 2)
        conv = Conv2d(inputChannels: c1, outputChannels: c2, kernelSize: k, stride: s, padding: pad, dilation: d,
                      groups: g, bias: false, random: &random)
        bn = BatchNorm2d(channels: c2)
        self.act = Marker(act ? .silu : .identity)
        super.init()
        register(child: conv, as: "conv")
        register(child: bn, as: "bn")
        register(child: self.act, as: "act")
    }

    /// BatchNorm folded into the convolution (weight, bias), set by `fuse()` for fast inference.
    public private(set) var fused: (weight: Tensor, bias: Tensor)?

    /// `[N, c1, H, W]` → `[N, c2, H/s, W/s]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        if let fused, !isTraining, !GradMode.isEnabled || !x.requiresGrad {
            let c = conv.config
            let y = x.conv2dInference(weight: fused.weight, bias: fused.bias, stride: (c.stride, c.stride),
                                      padding: (c.padding, c.padding), dilation: (c.dilation, c.dilation),
                                      groups: c.groups, silu: act.kind == .silu)
            // Counted as the unfused conv + BatchNorm, as the reference reports FLOPs.
            FlopCounter.add(Double(y.count) * Double(c.inputChannels / c.groups * c.kernelSize * c.kernelSize + 4))
            return y
        }
        let y = conv(x)
        return act.kind == .silu ? bn.silu(y) : act(bn(y))
    }

    /// Folds the current BatchNorm running statistics into a copy of the conv weights (w·γ/σ, β − μ·γ/σ), used in
    /// eval mode until `train()` or the next `fuse()`; call it again after the weights change (e.g. EMA updates).
    public func fuse() {
        let c = conv.config.outputChannels
        let per = conv.weight.count / c
        let w = conv.weight.copy(), b = Tensor(uninitialized: [c])
        for o in 0..<c {
            let s = bn.weight.data[o] / (bn.runningVar.data[o] + bn.eps).squareRoot()
            for i in 0..<per { w.mutableData[o * per + i] *= s }
            b.mutableData[o] = bn.bias.data[o] - bn.runningMean.data[o] * s
        }
        fused = (w, b)
    }

    public override func modeChanged(training: Bool) {
        if training { fused = nil }
    }

    /// Depth-wise Conv (`DWConv`): groups = gcd(c1, c2).
    public static func depthwise(_ c1: Int, _ c2: Int, k: Int = 1, s: Int = 1, act: Bool = true,
                                 random: inout RandomSource) -> Conv {
        Conv(c1, c2, k: k, s: s, g: gcd(c1, c2), act: act, random: &random)
    }
}

/// Greatest common divisor.
func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
