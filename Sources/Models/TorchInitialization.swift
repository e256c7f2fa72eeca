import NN
import Tensors

/// A block whose reference constructor first builds default blocks `m` (drawing their initial weights) and then
/// replaces them, as C3k2 does with C2f's bottlenecks and C3k with C3's.
protocol ReplacesBlocks {
    /// Uniform draws spent on the replaced blocks, before the real `m` is built.
    var discardedDraws: Int { get }
}

extension DetectionModel {
    /// Draws every convolution's initial weights as `torch.manual_seed(seed)` followed by the reference's model
    /// construction does, so a seed starts from the same weights on both sides.
    ///
    /// PyTorch initialises each `nn.Conv2d` when it is constructed (weight, then bias) and the reference constructs
    /// modules in state-dict order, except for blocks it builds and then replaces (`ReplacesBlocks`). DFL's conv is
    /// drawn and then set to 0…reg_max−1; the one-to-one head is a deep copy of the one-to-many head (no draws);
    /// BatchNorm draws nothing.
    func resetParameters(seed: UInt64) {
        var generator = TorchGenerator(seed: seed)
        let copies = [detect.oneToOneCv2, detect.oneToOneCv3].compactMap { $0 }
        draw(self, skipping: Set(copies.map(ObjectIdentifier.init)), &generator)
        detect.dfl?.setBins()
        detect.copyOneToManyIntoOneToOne()
    }

    /// Depth first, in construction order.
    private func draw(_ module: Module, skipping: Set<ObjectIdentifier>, _ generator: inout TorchGenerator) {
        if let conv = module as? Conv2d {
            conv.resetParameters(using: &generator)
            return
        }
        for (name, child) in module.children where !skipping.contains(ObjectIdentifier(child)) {
            if name == "m", let replacing = module as? ReplacesBlocks { generator.discard(replacing.discardedDraws) }
            draw(child, skipping: skipping, &generator)
        }
    }
}
