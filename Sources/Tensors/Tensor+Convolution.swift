import Kernels

/// 2-D convolution (PyTorch semantics) on oneDNN: input `[N, C, H, W]`, weight `[O, C/groups, KH, KW]`.
extension Tensor {
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                       dilation: (Int, Int) = (1, 1), groups: Int = 1) -> Tensor {
        precondition(rank == 4 && weight.rank == 4, "conv2d: input \(shape) and weight \(weight.shape) must be 4-D")
        precondition(shape[1] == weight.shape[1] * groups,
                     "conv2d: input has \(shape[1]) channels, weight \(weight.shape) with groups \(groups) expects \(weight.shape[1] * groups)")
        let g = ConvolutionGeometry(
            batch: shape[0], inChannels: shape[1], height: shape[2], width: shape[3], outChannels: weight.shape[0],
            kernelSize: (weight.shape[2], weight.shape[3]), stride: stride, padding: padding, dilation: dilation,
            groups: groups)
        if let bias { precondition(bias.shape == [g.outChannels], "conv2d: bias \(bias.shape) for \(g.outChannels) outputs") }
        let kernel = ConvolutionKernel.cached(g, hasBias: bias != nil)
        let out = Tensor(uninitialized: g.outputShape)
        kernel.forward(input: data, weight: weight.data, bias: bias?.data, output: out.mutableData)
        let x = self
        var inputs = [x, weight]
        if let bias { inputs.append(bias) }
        return out.recorded("conv2d", inputs) { gy in
            var grads: [Tensor?] = [nil, nil, nil]
            if x.requiresGrad {
                let gx = Tensor(uninitialized: g.inputShape)
                kernel.backwardData(gradOutput: gy.data, weight: weight.data, gradInput: gx.mutableData)
                grads[0] = gx
            }
            if weight.requiresGrad || (bias?.requiresGrad ?? false) {
                let gw = Tensor(uninitialized: g.weightShape)
                let gb = bias.map { _ in Tensor(uninitialized: [g.outChannels]) }
                kernel.backwardWeights(input: x.data, gradOutput: gy.data, gradWeight: gw.mutableData,
                                       gradBias: gb?.mutableData)
                grads[1] = gw
                grads[2] = gb
            }
            return Array(grads.prefix(inputs.count))
        }
    }
}

extension Tensor {
    /// Inference-only convolution with an optional SiLU fused into oneDNN's kernel (no graph recorded).
    public func conv2dInference(weight: Tensor, bias: Tensor?, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                                dilation: (Int, Int) = (1, 1), groups: Int = 1, silu: Bool) -> Tensor {
        precondition(rank == 4 && weight.rank == 4 && shape[1] == weight.shape[1] * groups,
                     "conv2dInference: input \(shape), weight \(weight.shape), groups \(groups)")
        let g = ConvolutionGeometry(
            batch: shape[0], inChannels: shape[1], height: shape[2], width: shape[3], outChannels: weight.shape[0],
            kernelSize: (weight.shape[2], weight.shape[3]), stride: stride, padding: padding, dilation: dilation,
            groups: groups)
        let out = Tensor(uninitialized: g.outputShape)
        ConvolutionKernel.cached(g, hasBias: bias != nil, postOp: silu ? .silu : .none)
            .forward(input: data, weight: weight.data, bias: bias?.data, output: out.mutableData)
        return out
    }
}
