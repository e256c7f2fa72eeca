import Foundation
import Kernels

/// Element-wise unary functions; each backward is the local derivative times the upstream gradient.
extension Tensor {
    /// y = f(x) recorded with `backward(g, x, y)` returning the input gradient.
    @inlinable
    func map(_ f: (Float) -> Float, _ name: String = "map", backward: @escaping (Tensor, Tensor, Tensor) -> Tensor)
        -> Tensor
    {
        let out = map(f)
        return out.recorded(name, [self]) { [self] g in [backward(g, self, out)] }
    }

    /// y = f(x) without recording.
    @inlinable
    public func map(_ f: (Float) -> Float) -> Tensor {
        let out = Tensor(uninitialized: shape)
        Elementwise.map(data, out.mutableData, count: count, f)
        return out
    }

    /// z = f(x, y) for same-shaped tensors without recording.
    @inlinable
    public func zipMap(_ other: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        precondition(other.count == count, "zipMap: \(shape) vs \(other.shape)")
        let out = Tensor(uninitialized: shape)
        Elementwise.zip(data, other.data, out.mutableData, count: count, f)
        return out
    }

    public func exp() -> Tensor { map({ FastMath.exp($0) }, "exp") { g, _, y in g.zipMap(y, *) } }

    public func log() -> Tensor { map({ Foundation.log($0) }, "log") { g, x, _ in g.zipMap(x, /) } }

    public func sqrt() -> Tensor { map({ $0.squareRoot() }, "sqrt") { g, _, y in g.zipMap(y) { $0 * 0.5 / $1 } } }

    /// x^p for a constant exponent.
    public func pow(_ p: Float) -> Tensor {
        if p == 2 { return map({ $0 * $0 }, "square") { g, x, _ in g.zipMap(x) { 2 * $0 * $1 } } }
        return map({ Foundation.pow($0, p) }, "pow") { g, x, _ in g.zipMap(x) { $0 * p * Foundation.pow($1, p - 1) } }
    }

    /// |x| (gradient sign(x), 0 at 0 as PyTorch).
    public func abs() -> Tensor {
        map({ Swift.abs($0) }, "abs") { g, x, _ in g.zipMap(x) { gv, xv in xv > 0 ? gv : (xv < 0 ? -gv : 0) } }
    }

    /// x clamped to [lo, hi] (gradient 1 inside, 0 outside; either bound may be nil).
    public func clamped(min lo: Float? = nil, max hi: Float? = nil) -> Tensor {
        let a = lo ?? -.infinity, b = hi ?? .infinity
        return map({ Swift.min(Swift.max($0, a), b) }, "clamp") { g, x, _ in
            g.zipMap(x) { gv, xv in xv >= a && xv <= b ? gv : 0 }
        }
    }

    public func sigmoid() -> Tensor {
        map({ FastMath.sigmoid($0) }, "sigmoid") { g, _, y in g.zipMap(y) { $0 * $1 * (1 - $1) } }
    }

    /// x · σ(x).
    public func silu() -> Tensor {
        map({ $0 * FastMath.sigmoid($0) }, "silu") { g, x, _ in
            g.zipMap(x) { gv, xv in
                let s = FastMath.sigmoid(xv)
                return gv * s * (1 + xv * (1 - s))
            }
        }
    }

    public func relu() -> Tensor { map({ Swift.max($0, 0) }, "relu") { g, x, _ in g.zipMap(x) { $1 > 0 ? $0 : 0 } } }
}
