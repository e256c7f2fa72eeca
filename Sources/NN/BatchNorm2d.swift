import Tensors

/// torch.nn.BatchNorm2d with Ultralytics' settings (eps 1e-3, momentum 0.03): `weight`, `bias`, and buffers
/// `running_mean`, `running_var`, `num_batches_tracked`.
public final class BatchNorm2d: Module {
    public let channels: Int
    public let eps: Float
    public let momentum: Float
    public let weight: Tensor
    public let bias: Tensor
    public let runningMean: Tensor
    public let runningVar: Tensor
    /// Batches seen in training (an int64 0-d tensor in PyTorch checkpoints; a float here).
    public let numBatchesTracked: Tensor

    public init(channels: Int, eps: Float = 1e-3, momentum: Float = 0.03) {
        self.channels = channels
        self.eps = eps
        self.momentum = momentum
        weight = .ones([channels])
        bias = .zeros([channels])
        runningMean = .zeros([channels])
        runningVar = .ones([channels])
        numBatchesTracked = .zeros([])
        super.init()
        register(parameter: weight, as: "weight")
        register(parameter: bias, as: "bias")
        register(buffer: runningMean, as: "running_mean")
        register(buffer: runningVar, as: "running_var")
        register(buffer: numBatchesTracked, as: "num_batches_tracked")
    }

    /// `[N, C, H, W]` normalised per channel (batch statistics in training, running statistics in eval).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        if isTraining { numBatchesTracked.mutableData[0] += 1 }
        FlopCounter.add(4 * Double(x.count))  // as thop counts an affine norm
        return x.batchNorm(weight: weight, bias: bias, runningMean: runningMean, runningVar: runningVar,
                           training: isTraining, momentum: momentum, eps: eps)
    }

    /// SiLU(self(x)), fused into one pass where the engine can (blocked tensors in training).
    public func silu(_ x: Tensor) -> Tensor {
        if isTraining { numBatchesTracked.mutableData[0] += 1 }
        FlopCounter.add(4 * Double(x.count))
        return x.batchNormSiLU(weight: weight, bias: bias, runningMean: runningMean, runningVar: runningVar,
                               training: isTraining, momentum: momentum, eps: eps)
    }
}
