import NN
import Tensors

/// `Bottleneck(c1, c2, shortcut, g, k, e)`: cv1 (k0) → cv2 (k1, groups g), plus the input when shortcut and c1 == c2.
public final class Bottleneck: Module, UnaryLayer {
    public let cv1: Conv, cv2: Conv
    public let add: Bool

    public init(_ c1: Int, _ c2: Int, shortcut: Bool = true, g: Int = 1, k: (Int, Int) = (3, 3), e: Double = 0.5,
                random: inout RandomSource) {
        let c = Int(Double(c2) * e)
        cv1 = Conv(c1, c, k: k.0, random: &random)
        cv2 = Conv(c, c2, k: k.1, g: g, random: &random)
        add = shortcut && c1 == c2
        super.init()
        register(child: cv1, as: "cv1")
        register(child: cv2, as: "cv2")
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let y = cv2(cv1(x))
        return add ? x + y : y
    }
}

/// `C3(c1, c2, n, shortcut, g, e)`: cv3(cat(m(cv1(x)), cv2(x))) with n bottlenecks (1×1 then 3×3).
public class C3: Module, UnaryLayer, ReplacesBlocks {
    public let cv1: Conv, cv2: Conv, cv3: Conv
    public let m: Sequential
    public let discardedDraws: Int

    public init(_ c1: Int, _ c2: Int, n: Int = 1, shortcut: Bool = true, g: Int = 1, e: Double = 0.5,
                kernels: (Int, Int) = (1, 3), discardedDraws: Int = 0, random: inout RandomSource) {
        let c = Int(Double(c2) * e)
        self.discardedDraws = discardedDraws
        cv1 = Conv(c1, c, random: &random)
        cv2 = Conv(c1, c, random: &random)
        cv3 = Conv(2 * c, c2, random: &random)
        var blocks: [UnaryLayer] = []
        for _ in 0..<n { blocks.append(Bottleneck(c, c, shortcut: shortcut, g: g, k: kernels, e: 1.0, random: &random)) }
        m = Sequential(blocks)
        super.init()
        register(child: cv1, as: "cv1")
        register(child: cv2, as: "cv2")
        register(child: cv3, as: "cv3")
        register(child: m, as: "m")
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        cv3(Tensor.concat([m(cv1(x)), cv2(x)], axis: 1))
    }
}

/// `C3k(c1, c2, n, shortcut, g, e, k)`: C3 whose bottlenecks use k×k for both convolutions.
public final class C3k: C3 {
    public init(_ c1: Int, _ c2: Int, n: Int = 1, shortcut: Bool = true, g: Int = 1, e: Double = 0.5, k: Int = 3,
                random: inout RandomSource) {
        // The reference's C3.__init__ first builds n Bottleneck(c, c, k=(1, 3), e=1.0), which C3k then replaces.
        let c = Int(Double(c2) * e)
        super.init(c1, c2, n: n, shortcut: shortcut, g: g, e: e, kernels: (k, k),
                   discardedDraws: n * (c * c + c * (c / g) * 9), random: &random)
    }
}
