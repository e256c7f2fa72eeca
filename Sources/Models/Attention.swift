import NN
import Tensors

/// `Attention(dim, num_heads, attn_ratio)`: multi-head self-attention over the H·W positions with a depth-wise
/// positional conv on v.
public final class Attention: Module, UnaryLayer {
    public let numHeads: Int, headDim: Int, keyDim: Int
    public let scale: Float
    public let qkv: Conv, proj: Conv, pe: Conv

    public init(_ dim: Int, numHeads: Int = 8, attnRatio: Double = 0.5, random: inout RandomSource) {
        self.numHeads = numHeads
        headDim = dim / numHeads
        keyDim = Int(Double(headDim) * attnRatio)
        scale = 1 / Float(keyDim).squareRoot()
        qkv = Conv(dim, dim + 2 * keyDim * numHeads, act: false, random: &random)
        proj = Conv(dim, dim, act: false, random: &random)
        pe = Conv(dim, dim, k: 3, g: dim, act: false, random: &random)
        super.init()
        register(child: qkv, as: "qkv")
        register(child: proj, as: "proj")
        register(child: pe, as: "pe")
    }

    /// `[B, C, H, W]` → `[B, C, H, W]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let (b, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let n = h * w
        let parts = qkv(x).reshaped([b, numHeads, 2 * keyDim + headDim, n]).split(sizes: [keyDim, keyDim, headDim], axis: 2)
        let (q, k, v) = (parts[0], parts[1], parts[2])
        FlopCounter.add(Double(b * numHeads * n * n * (keyDim + headDim)))  // the two matmuls, as thop counts them
        let attn = (q * scale).transposed(-2, -1).matmul(k).softmax(axis: -1)     // [B, nh, N, N]
        let y = v.matmul(attn.transposed(-2, -1)).reshaped([b, c, h, w]) + pe(v.reshaped([b, c, h, w]))
        return proj(y)
    }
}

/// `PSABlock(c, attn_ratio, num_heads, shortcut)`: x + attn(x), then x + ffn(x).
public final class PSABlock: Module, UnaryLayer {
    public let attn: Attention
    public let ffn: Sequential
    public let add: Bool

    public init(_ c: Int, attnRatio: Double = 0.5, numHeads: Int = 4, shortcut: Bool = true, random: inout RandomSource) {
        attn = Attention(c, numHeads: numHeads, attnRatio: attnRatio, random: &random)
        ffn = Sequential([Conv(c, c * 2, random: &random), Conv(c * 2, c, act: false, random: &random)])
        add = shortcut
        super.init()
        register(child: attn, as: "attn")
        register(child: ffn, as: "ffn")
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let a = add ? x + attn(x) : attn(x)
        return add ? a + ffn(a) : ffn(a)
    }
}

/// `C2PSA(c1, c2, n, e)`: cv1 → split a, b → b through n PSABlocks → cv2(cat(a, b)).
public final class C2PSA: Module, UnaryLayer {
    public let c: Int
    public let cv1: Conv, cv2: Conv
    public let m: Sequential

    public init(_ c1: Int, _ c2: Int, n: Int = 1, e: Double = 0.5, random: inout RandomSource) {
        precondition(c1 == c2, "C2PSA needs c1 == c2, got \(c1) and \(c2)")
        c = Int(Double(c1) * e)
        cv1 = Conv(c1, 2 * c, random: &random)
        cv2 = Conv(2 * c, c1, random: &random)
        var blocks: [UnaryLayer] = []
        for _ in 0..<n { blocks.append(PSABlock(c, attnRatio: 0.5, numHeads: max(c / 64, 1), random: &random)) }
        m = Sequential(blocks)
        super.init()
        register(child: cv1, as: "cv1")
        register(child: cv2, as: "cv2")
        register(child: m, as: "m")
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let ab = cv1(x).split(sizes: [c, c], axis: 1)
        return cv2(Tensor.concat([ab[0], m(ab[1])], axis: 1))
    }
}
