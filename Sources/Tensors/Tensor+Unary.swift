import Foundation
import Kernels

/// Element-wise unary functions; each backward is the local derivative times the upstream gradient.
extension Tensor {
    /// y = f(x) recorded with `backward(g, x, y)` returning the input gradient.
    @inlinable
    func map<F: UnaryFunction>(_ f: F, _ name: String, backward: @escaping (Tensor, Tensor, Tensor) -> Tensor) -> Tensor {
        let out = map(f)
        // The closure keeps the output's values, not the output itself (which owns the closure: a cycle).
        let y = out.detached()
        return out.recorded(name, [self]) { [self] g in [backward(g, self, y)] }
    }

    @inlinable
    func map(_ f: @escaping (Float) -> Float, _ name: String, backward: @escaping (Tensor, Tensor, Tensor) -> Tensor)
        -> Tensor
    {
        map(UnaryClosure(f), name, backward: backward)
    }

    /// y = f(x) without recording (keeps the layout).
    @inlinable
    public func map<F: UnaryFunction>(_ f: F) -> Tensor {
        let out = Tensor(uninitialized: shape, layout: layout)
        Elementwise.map(rawData, out.rawMutableData, count: count, f)
        return out
    }

    /// y = f(x) without recording (closure form, for cold paths).
    @inlinable
    public func map(_ f: @escaping (Float) -> Float) -> Tensor { map(UnaryClosure(f)) }

    /// z = f(x, y) for same-shaped tensors without recording.
    @inlinable
    public func zipMap<F: BinaryFunction>(_ other: Tensor, _ f: F) -> Tensor {
        precondition(other.count == count, "zipMap: \(shape) vs \(other.shape)")
        let b = other.converted(to: layout)
        let out = Tensor(uninitialized: shape, layout: layout)
        Elementwise.zip(rawData, b.rawData, out.rawMutableData, count: count, f)
        return out
    }

    /// z = f(x, y) (closure form, for cold paths).
    @inlinable
    public func zipMap(_ other: Tensor, _ f: @escaping (Float, Float) -> Float) -> Tensor { zipMap(other, BinaryClosure(f)) }

    public func exp() -> Tensor { map(Functions.Exp(), "exp") { g, _, y in g.zipMap(y, Functions.Multiply()) } }

    public func log() -> Tensor { map({ Foundation.log($0) }, "log") { g, x, _ in g.zipMap(x, Functions.Divide()) } }

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
        map(Functions.Sigmoid(), "sigmoid") { g, _, y in g.zipMap(y, Functions.SigmoidGradient()) }
    }

    /// x · σ(x).
    public func silu() -> Tensor {
        map(Functions.SiLU(), "silu") { g, x, _ in g.zipMap(x, Functions.SiLUGradient()) }
    }

    public func relu() -> Tensor { map({ Swift.max($0, 0) }, "relu") { g, x, _ in g.zipMap(x) { $1 > 0 ? $0 : 0 } } }
}
