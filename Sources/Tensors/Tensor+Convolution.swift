import Foundation
import Kernels

/// 2-D convolution (PyTorch semantics) on oneDNN: input `[N, C, H, W]`, weight `[O, C/groups, KH, KW]`.
/// Inputs may be NCHW or blocked; the output stays blocked when oneDNN writes that layout natively.
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
        let outLayout: TensorLayout = kernel.producesBlockedOutput ? .blocked16 : .nchw
        let out = Tensor(uninitialized: g.outputShape, layout: outLayout)
        kernel.forward(input: rawData, weight: weight.data, bias: bias?.data, output: out.rawMutableData,
                       inputBlocked: layout == .blocked16, outputBlocked: outLayout == .blocked16)
        let x = self
        var inputs = [x, weight]
        if let bias { inputs.append(bias) }
        return out.recorded("conv2d", inputs) { gy in
            var grads: [Tensor?] = [nil, nil, nil]
            let gyBlocked = gy.layout == .blocked16
            if x.requiresGrad {
                let gxLayout: TensorLayout = kernel.producesBlockedGradInput ? .blocked16 : .nchw
                let gx = Tensor(uninitialized: g.inputShape, layout: gxLayout)
                kernel.backwardData(gradOutput: gy.rawData, weight: weight.data, gradInput: gx.rawMutableData,
                                    gradOutputBlocked: gyBlocked, gradInputBlocked: gxLayout == .blocked16)
                grads[0] = gx
            }
            if weight.requiresGrad || (bias?.requiresGrad ?? false) {
                let gw = Tensor(uninitialized: g.weightShape)
                let gb = bias.map { _ in Tensor(uninitialized: [g.outChannels]) }
                kernel.backwardWeights(input: x.rawData, gradOutput: gy.rawData, gradWeight: gw.mutableData,
                                       gradBias: gb?.mutableData, inputBlocked: x.layout == .blocked16,
                                       gradOutputBlocked: gyBlocked)
                grads[1] = gw
                grads[2] = gb
            }
            return Array(grads.prefix(inputs.count))
        }
    }

    /// Inference-only convolution with an optional SiLU fused into oneDNN's kernel (no graph recorded). The weight
    /// tensor must not change after its first use here (its reordered copy is kept with it).
    public func conv2dInference(weight: Tensor, bias: Tensor?, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                                dilation: (Int, Int) = (1, 1), groups: Int = 1, silu: Bool) -> Tensor {
        precondition(rank == 4 && weight.rank == 4 && shape[1] == weight.shape[1] * groups,
                     "conv2dInference: input \(shape), weight \(weight.shape), groups \(groups)")
        let g = ConvolutionGeometry(
            batch: shape[0], inChannels: shape[1], height: shape[2], width: shape[3], outChannels: weight.shape[0],
            kernelSize: (weight.shape[2], weight.shape[3]), stride: stride, padding: padding, dilation: dilation,
            groups: groups)
        let kernel = ConvolutionKernel.cached(g, hasBias: bias != nil, postOp: silu ? .silu : .none)
        let outLayout: TensorLayout = kernel.producesBlockedOutput ? .blocked16 : .nchw
        let out = Tensor(uninitialized: g.outputShape, layout: outLayout)
        // The weights of an inference convolution are fixed (fused conv+BN): reordered once, kept for the tensor.
        let prepared = PreparedWeightsTable.shared.prepared(for: weight, kernel: kernel)
        kernel.forward(input: rawData, weight: weight.data, bias: bias?.data, output: out.rawMutableData,
                       inputBlocked: layout == .blocked16, outputBlocked: outLayout == .blocked16, prepared: prepared)
        return out
    }
}

/// Inference convolution weights reordered into their kernel's layout, by weight tensor. Entries hold the tensor
/// weakly: one whose tensor is gone is never matched again (a new tensor at the same address is a different object)
/// and is dropped at the next purge.
final class PreparedWeightsTable: @unchecked Sendable {
    static let shared = PreparedWeightsTable()
    private struct Entry {
        weak var tensor: Tensor?
        let prepared: ConvolutionKernel.PreparedWeights
    }
    private var entries: [ObjectIdentifier: Entry] = [:]
    private var nextPurge = 256
    private let lock = NSLock()

    /// `weight` prepared for `kernel`, reordered on first use.
    func prepared(for weight: Tensor, kernel: ConvolutionKernel) -> ConvolutionKernel.PreparedWeights {
        let id = ObjectIdentifier(weight)
        lock.lock()
        defer { lock.unlock() }
        if let entry = entries[id], entry.tensor === weight, entry.prepared.belongs(to: kernel) { return entry.prepared }
        let prepared = kernel.prepareWeights(weight.data)
        if entries.count >= nextPurge {
            entries = entries.filter { $0.value.tensor != nil }
            nextPurge = max(256, 2 * entries.count)
        }
        entries[id] = Entry(tensor: weight, prepared: prepared)
        return prepared
    }
}
