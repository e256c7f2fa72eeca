import Kernels

/// Batch norm then SiLU (the Conv block's tail), fused into single passes for blocked tensors in training.
extension Tensor {
    /// SiLU(batchNorm(x)); one fused pass forward and backward for blocked training tensors, otherwise the two ops.
    public func batchNormSiLU(weight: Tensor, bias: Tensor, runningMean: Tensor, runningVar: Tensor, training: Bool,
                              momentum: Float = 0.03, eps: Float = 1e-3) -> Tensor {
        guard training, layout == .blocked16 else {
            return batchNorm(weight: weight, bias: bias, runningMean: runningMean, runningVar: runningVar,
                             training: training, momentum: momentum, eps: eps).silu()
        }
        let (n, c, hw) = (shape[0], shape[1], shape[2] * shape[3])
        let m = Float(n * hw)
        precondition(m > 1, "batchNorm in training needs more than one value per channel, got shape \(shape)")
        let mean = Tensor(uninitialized: [c]), variance = Tensor(uninitialized: [c]), invStd = Tensor(uninitialized: [c])
        BatchNormKernel.statisticsBlocked(rawData, n: n, c: c, hw: hw, mean: mean.mutableData, variance: variance.mutableData)
        for i in 0..<c {
            invStd.mutableData[i] = 1 / (variance.data[i] + eps).squareRoot()
            runningMean.mutableData[i] = (1 - momentum) * runningMean.data[i] + momentum * mean.data[i]
            runningVar.mutableData[i] = (1 - momentum) * runningVar.data[i] + momentum * variance.data[i] * m / (m - 1)
        }
        let out = Tensor(uninitialized: shape, layout: .blocked16)
        let xhat = Tensor(uninitialized: shape, layout: .blocked16)
        BatchNormKernel.normalizeSiLUBlocked(rawData, n: n, c: c, hw: hw, mean: mean.data, invStd: invStd.data,
                                             gamma: weight.data, beta: bias.data, output: out.rawMutableData,
                                             xhat: xhat.rawMutableData)
        let x = self
        return out.recorded("batch_norm_silu", [x, weight, bias]) { gAny in
            let g = gAny.converted(to: .blocked16)
            let gg = Tensor(uninitialized: [c]), gb = Tensor(uninitialized: [c])
            let gx = x.requiresGrad ? Tensor(uninitialized: x.shape, layout: .blocked16) : nil
            BatchNormKernel.backwardSiLUBlocked(gradOutput: g.rawData, xhat: xhat.rawData, n: n, c: c, hw: hw,
                                                invStd: invStd.data, gamma: weight.data, beta: bias.data,
                                                gradInput: gx?.rawMutableData, gradGamma: gg.mutableData,
                                                gradBeta: gb.mutableData)
            return [gx, gg, gb]
        }
    }
}
