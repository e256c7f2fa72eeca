import NN
import Tensors

/// A module with one input and one output, like most YOLO blocks.
public protocol UnaryLayer: Module {
    func callAsFunction(_ x: Tensor) -> Tensor
}

extension Conv2d: UnaryLayer {}
extension BatchNorm2d: UnaryLayer {}

/// A module without state standing where PyTorch has one (SiLU, Identity, MaxPool2d, Upsample, Concat), so the
/// module tree — and the reference's layer count — match.
public final class Marker: Module, UnaryLayer {
    public enum Kind: String, Sendable { case silu = "SiLU", identity = "Identity", maxPool = "MaxPool2d",
                                         upsample = "Upsample", concat = "Concat" }
    public let kind: Kind
    public let size: Int
    public init(_ kind: Kind, size: Int = 0) {
        self.kind = kind
        self.size = size
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch kind {
        case .silu: return x.silu()
        case .identity, .concat: return x
        case .maxPool: return x.maxPool2d(kernel: size, stride: 1, padding: size / 2)
        case .upsample: return x.upsampleNearest(scale: size)
        }
    }
}

/// torch.nn.Sequential: children named "0", "1", … applied in order.
public final class Sequential: Module, UnaryLayer {
    public let layers: [UnaryLayer]
    public init(_ layers: [UnaryLayer]) {
        self.layers = layers
        super.init()
        for (i, l) in layers.enumerated() { register(child: l, as: "\(i)") }
    }
    public func callAsFunction(_ x: Tensor) -> Tensor { layers.reduce(x) { $1($0) } }
}
