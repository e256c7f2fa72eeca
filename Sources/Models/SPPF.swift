import NN
import Tensors

/// `SPPF(c1, c2, k, n, shortcut)`: cv1 (1×1; no activation in the YOLO26 form) → n chained k×k max pools →
/// concat → cv2, plus the input when shortcut and c1 == c2. The legacy form (YOLOv8/11 rows with ≤ 3 args)
/// keeps SiLU on cv1.
public final class SPPF: Module, UnaryLayer {
    public let cv1: Conv, cv2: Conv
    public let m: Marker
    public let n: Int
    public let add: Bool

    public init(_ c1: Int, _ c2: Int, k: Int = 5, n: Int = 3, shortcut: Bool = false, legacy: Bool = false,
                random: inout RandomSource) {
        let c = c1 / 2
        cv1 = Conv(c1, c, act: legacy, random: &random)
        cv2 = Conv(c * (n + 1), c2, random: &random)
        m = Marker(.maxPool, size: k)
        self.n = n
        add = shortcut && c1 == c2
        super.init()
        register(child: cv1, as: "cv1")
        register(child: cv2, as: "cv2")
        register(child: m, as: "m")
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        var y = [cv1(x)]
        for _ in 0..<n { y.append(m(y[y.count - 1])) }
        let out = cv2(Tensor.concat(y, axis: 1))
        return add ? out + x : out
    }
}
