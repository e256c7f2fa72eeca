import NN
import Tensors

/// `C2f(c1, c2, n, shortcut, g, e)` and `C3k2`: cv1 → split in two → each block applied to the last piece, all
/// pieces concatenated → cv2.
public final class C2f: Module, UnaryLayer, ReplacesBlocks {
    public let c: Int
    public let discardedDraws: Int
    public let cv1: Conv, cv2: Conv
    public let m: ModuleList

    /// Plain C2f: bottlenecks with e = 1.0.
    public convenience init(_ c1: Int, _ c2: Int, n: Int = 1, shortcut: Bool = false, g: Int = 1, e: Double = 0.5,
                            random: inout RandomSource) {
        let c = Int(Double(c2) * e)
        self.init(c1, c2, n: n, e: e, discardedDraws: 0, random: &random) { random in
            Bottleneck(c, c, shortcut: shortcut, g: g, k: (3, 3), e: 1.0, random: &random)
        }
    }

    /// `C3k2(c1, c2, n, c3k, e, attn, g, shortcut)`: blocks are Bottleneck (e 0.5), C3k (n 2), or Bottleneck + PSABlock.
    public static func c3k2(_ c1: Int, _ c2: Int, n: Int = 1, c3k: Bool = false, e: Double = 0.5, attn: Bool = false,
                            g: Int = 1, shortcut: Bool = true, random: inout RandomSource) -> C2f {
        let c = Int(Double(c2) * e)
        // The reference's C2f.__init__ first builds n Bottleneck(c, c, k=(3, 3), e=1.0), which C3k2 then replaces.
        let discarded = n * (c * c * 9 + c * (c / g) * 9)
        return C2f(c1, c2, n: n, e: e, discardedDraws: discarded, random: &random) { random in
            if attn {
                return Sequential([Bottleneck(c, c, shortcut: shortcut, g: g, random: &random),
                                   PSABlock(c, attnRatio: 0.5, numHeads: max(c / 64, 1), random: &random)])
            }
            if c3k { return C3k(c, c, n: 2, shortcut: shortcut, g: g, random: &random) }
            return Bottleneck(c, c, shortcut: shortcut, g: g, random: &random)
        }
    }

    init(_ c1: Int, _ c2: Int, n: Int, e: Double, discardedDraws: Int, random: inout RandomSource,
         block: (inout RandomSource) -> UnaryLayer) {
        c = Int(Double(c2) * e)
        self.discardedDraws = discardedDraws
        cv1 = Conv(c1, 2 * c, random: &random)
        cv2 = Conv((2 + n) * c, c2, random: &random)
        var blocks: [UnaryLayer] = []
        for _ in 0..<n { blocks.append(block(&random)) }
        m = ModuleList(blocks)
        super.init()
        register(child: cv1, as: "cv1")
        register(child: cv2, as: "cv2")
        register(child: m, as: "m")
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        var y = cv1(x).split(sizes: [c, c], axis: 1)
        for block in m.layers { y.append(block(y[y.count - 1])) }
        return cv2(Tensor.concat(y, axis: 1))
    }
}

/// torch.nn.ModuleList: children named "0", "1", …, applied by their owner.
public final class ModuleList: Module {
    public let layers: [UnaryLayer]
    public init(_ layers: [UnaryLayer]) {
        self.layers = layers
        super.init()
        for (i, l) in layers.enumerated() { register(child: l, as: "\(i)") }
    }
}
