import Kernels

/// Batch normalisation over `[N, C, H, W]` (or `[N, C]`), as torch.nn.functional.batch_norm.
extension Tensor {
    /// Training mode normalises with batch statistics and updates `runningMean`/`runningVar` in place
    /// (`running = (1 − momentum)·running + momentum·batch`, unbiased variance); eval mode uses the running statistics.
    public func batchNorm(weight: Tensor, bias: Tensor, runningMean: Tensor, runningVar: Tensor, training: Bool,
                          momentum: Float = 0.03, eps: Float = 1e-3) -> Tensor {
        precondition(rank == 4 || rank == 2, "batchNorm expects [N, C, H, W] or [N, C], got \(shape)")
        let n = shape[0], c = shape[1], hw = rank == 4 ? shape[2] * shape[3] : 1
        precondition(weight.count == c && bias.count == c && runningMean.count == c && runningVar.count == c,
                     "batchNorm: parameters must have \(c) elements")
        let mean = Tensor(uninitialized: [c]), invStd = Tensor(uninitialized: [c])
        let blocked = layout == .blocked16
        if training {
            let variance = Tensor(uninitialized: [c])
            if blocked {
                BatchNormKernel.statisticsBlocked(rawData, n: n, c: c, hw: hw, mean: mean.mutableData,
                                                  variance: variance.mutableData)
            } else {
                BatchNormKernel.statistics(data, n: n, c: c, hw: hw, mean: mean.mutableData, variance: variance.mutableData)
            }
            let m = Float(n * hw)
            precondition(m > 1, "batchNorm in training needs more than one value per channel, got shape \(shape)")
            for i in 0..<c {
                invStd.mutableData[i] = 1 / (variance.data[i] + eps).squareRoot()
                runningMean.mutableData[i] = (1 - momentum) * runningMean.data[i] + momentum * mean.data[i]
                runningVar.mutableData[i] = (1 - momentum) * runningVar.data[i] + momentum * variance.data[i] * m / (m - 1)
            }
        } else {
            for i in 0..<c {
                mean.mutableData[i] = runningMean.data[i]
                invStd.mutableData[i] = 1 / (runningVar.data[i] + eps).squareRoot()
            }
        }
        let out = Tensor(uninitialized: shape, layout: layout)
        let needsGrad = GradMode.isEnabled && (requiresGrad || weight.requiresGrad || bias.requiresGrad)
        let xhat = needsGrad ? Tensor(uninitialized: shape, layout: layout) : nil
        if blocked {
            BatchNormKernel.normalizeBlocked(rawData, n: n, c: c, hw: hw, mean: mean.data, invStd: invStd.data,
                                             gamma: weight.data, beta: bias.data, output: out.rawMutableData,
                                             xhat: xhat?.rawMutableData)
        } else {
            BatchNormKernel.normalize(data, n: n, c: c, hw: hw, mean: mean.data, invStd: invStd.data, gamma: weight.data,
                                      beta: bias.data, output: out.mutableData, xhat: xhat?.mutableData)
        }
        guard let xhat else { return out }
        let x = self
        return out.recorded("batch_norm", [x, weight, bias]) { gyAny in
            let gy = gyAny.converted(to: x.layout)
            if blocked {
                let gg = Tensor(uninitialized: [c]), gb = Tensor(uninitialized: [c])
                var gx: Tensor? = nil
                if x.requiresGrad && training {
                    let t = Tensor(uninitialized: x.shape, layout: .blocked16)
                    BatchNormKernel.backwardBlocked(gradOutput: gy.rawData, xhat: xhat.rawData, n: n, c: c, hw: hw,
                                                    invStd: invStd.data, gamma: weight.data, gradInput: t.rawMutableData,
                                                    gradGamma: gg.mutableData, gradBeta: gb.mutableData)
                    gx = t
                } else {
                    BatchNormKernel.backwardBlocked(gradOutput: gy.rawData, xhat: xhat.rawData, n: n, c: c, hw: hw,
                                                    invStd: invStd.data, gamma: weight.data, gradInput: nil,
                                                    gradGamma: gg.mutableData, gradBeta: gb.mutableData)
                    if x.requiresGrad {
                        let scale = Tensor(uninitialized: [1, c, 1, 1])
                        for i in 0..<c { scale.mutableData[i] = weight.data[i] * invStd.data[i] }
                        gx = gy.plain().broadcastMap(scale, Functions.Multiply())
                    }
                }
                return [gx, gg, gb]
            }
            let gg = Tensor(uninitialized: [c]), gb = Tensor(uninitialized: [c])
            var gx: Tensor? = nil
            if x.requiresGrad {
                if training {
                    let t = Tensor(uninitialized: x.shape)
                    BatchNormKernel.backward(gradOutput: gy.data, xhat: xhat.data, n: n, c: c, hw: hw, invStd: invStd.data,
                                             gamma: weight.data, gradInput: t.mutableData, gradGamma: gg.mutableData,
                                             gradBeta: gb.mutableData)
                    gx = t
                } else {
                    BatchNormKernel.backward(gradOutput: gy.data, xhat: xhat.data, n: n, c: c, hw: hw, invStd: invStd.data,
                                             gamma: weight.data, gradInput: nil, gradGamma: gg.mutableData,
                                             gradBeta: gb.mutableData)
                    let scale = Tensor(uninitialized: [1, c] + [Int](repeating: 1, count: x.rank - 2))
                    for i in 0..<c { scale.mutableData[i] = weight.data[i] * invStd.data[i] }
                    gx = gy.broadcastMap(scale, Functions.Multiply())
                }
            } else {
                BatchNormKernel.backward(gradOutput: gy.data, xhat: xhat.data, n: n, c: c, hw: hw, invStd: invStd.data,
                                         gamma: weight.data, gradInput: nil, gradGamma: gg.mutableData,
                                         gradBeta: gb.mutableData)
            }
            return [gx, gg, gb]
        }
    }
}
