import Foundation
import Tensors

/// torch.nn.Conv2d: weight `[out, in/groups, kh, kw]`, optional bias `[out]`; input `[N, in, H, W]`.
public final class Conv2d: Module {
    public struct Config: Sendable, Hashable {
        public var inputChannels: Int
        public var outputChannels: Int
        public var kernelSize: Int
        public var stride = 1
        public var padding = 0
        public var dilation = 1
        public var groups = 1
        public var bias = true
        public init(inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                    dilation: Int = 1, groups: Int = 1, bias: Bool = true) {
            (self.inputChannels, self.outputChannels, self.kernelSize) = (inputChannels, outputChannels, kernelSize)
            (self.stride, self.padding, self.dilation, self.groups, self.bias) = (stride, padding, dilation, groups, bias)
        }
    }

    public let config: Config
    public let weight: Tensor
    public let bias: Tensor?

    /// PyTorch's default initialisation: uniform(±1/√fan_in) for weight and bias.
    public init(_ config: Config, random: inout RandomSource) {
        precondition(config.inputChannels % config.groups == 0 && config.outputChannels % config.groups == 0,
                     "Conv2d \(config.inputChannels)→\(config.outputChannels) with groups \(config.groups)")
        self.config = config
        let fanIn = config.inputChannels / config.groups * config.kernelSize * config.kernelSize
        let bound = 1 / Float(fanIn).squareRoot()
        weight = Tensor.uniform([config.outputChannels, config.inputChannels / config.groups, config.kernelSize,
                                 config.kernelSize], -bound, bound, random: &random)
        bias = config.bias ? Tensor.uniform([config.outputChannels], -bound, bound, random: &random) : nil
        super.init()
        register(parameter: weight, as: "weight")
        if let bias { register(parameter: bias, as: "bias") }
    }

    /// torch's `reset_parameters()`: weight `kaiming_uniform_(a=√5)`, then bias uniform(±1/√fan_in), both drawn from
    /// `generator` in element order, with the bounds computed as PyTorch computes them (in double).
    public func resetParameters(using generator: inout TorchGenerator) {
        let c = config
        let fanIn = Double(c.inputChannels / c.groups * c.kernelSize * c.kernelSize)
        let a = 5.0.squareRoot(), gain = (2 / (1 + a * a)).squareRoot()
        weight.fillUniform(bound: 3.0.squareRoot() * (gain / fanIn.squareRoot()), using: &generator)
        bias?.fillUniform(bound: 1 / fanIn.squareRoot(), using: &generator)
    }

    public convenience init(inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                            dilation: Int = 1, groups: Int = 1, bias: Bool = true, random: inout RandomSource) {
        self.init(.init(inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: kernelSize,
                        stride: stride, padding: padding, dilation: dilation, groups: groups, bias: bias),
                  random: &random)
    }

    /// `[N, in, H, W]` → `[N, out, H', W']`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let c = config
        let y = x.conv2d(weight: weight, bias: bias, stride: (c.stride, c.stride), padding: (c.padding, c.padding),
                         dilation: (c.dilation, c.dilation), groups: c.groups)
        FlopCounter.add(Double(y.count) * Double(c.inputChannels / c.groups * c.kernelSize * c.kernelSize))
        return y
    }

    /// Multiply-adds × 2 for an input of `height × width` (one image).
    public func flops(height: Int, width: Int) -> Double {
        let c = config
        let oh = (height + 2 * c.padding - c.dilation * (c.kernelSize - 1) - 1) / c.stride + 1
        let ow = (width + 2 * c.padding - c.dilation * (c.kernelSize - 1) - 1) / c.stride + 1
        return 2 * Double(oh * ow * c.outputChannels * c.inputChannels / c.groups * c.kernelSize * c.kernelSize)
    }
}
