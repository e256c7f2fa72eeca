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

    /// `[N, c1, H, W]` → `[N, c2, H/s, W/s]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        act(bn(conv(x)))
    }

    /// Depth-wise Conv (`DWConv`): groups = gcd(c1, c2).
    public static func depthwise(_ c1: Int, _ c2: Int, k: Int = 1, s: Int = 1, act: Bool = true,
                                 random: inout RandomSource) -> Conv {
        Conv(c1, c2, k: k, s: s, g: gcd(c1, c2), act: act, random: &random)
    }
}

/// Greatest common divisor.
func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
