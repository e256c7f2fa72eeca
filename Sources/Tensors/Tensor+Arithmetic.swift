import Kernels

/// Add, subtract, multiply and divide with broadcasting; backward sums gradients back to each operand's shape.
extension Tensor {
    /// Element-wise `f` of two broadcastable tensors (no graph recorded).
    @inlinable
    func broadcastMap<F: BinaryFunction>(_ other: Tensor, _ f: F) -> Tensor {
        if shape == other.shape && (layout != .nchw || other.layout != .nchw) {
            // Same shape: elementwise in the layout of the blocked operand, no conversion of it.
            let target = layout != .nchw ? layout : other.layout
            let a = converted(to: target), b = other.converted(to: target)
            let out = Tensor(uninitialized: shape, layout: target)
            Elementwise.zip(a.rawData, b.rawData, out.rawMutableData, count: count, f)
            return out
        }
        guard let outShape = BroadcastPlan.resultShape([shape, other.shape]) else {
            preconditionFailure("shapes \(shape) and \(other.shape) do not broadcast")
        }
        let out = Tensor(uninitialized: outShape)
        Elementwise.broadcast(data, shape, other.data, other.shape, out.mutableData, outShape, f)
        return out
    }

    /// Element-wise closure of two broadcastable tensors (cold paths).
    @inlinable
    func broadcastMap(_ other: Tensor, _ f: @escaping (Float, Float) -> Float) -> Tensor {
        broadcastMap(other, BinaryClosure(f))
    }

    /// `self` summed down to `target` shape (the gradient of a broadcast).
    public func sumTo(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        let padded = [Int](repeating: 1, count: rank - target.count) + target
        let out = Tensor(uninitialized: target)
        Reduction.sum(data, shape, into: out.mutableData, padded)
        return out
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        a.broadcastMap(b, Functions.Add()).recorded("add", [a, b]) { g in [g.sumTo(a.shape), g.sumTo(b.shape)] }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        a.broadcastMap(b, Functions.Subtract()).recorded("sub", [a, b]) { g in [g.sumTo(a.shape), g.negated().sumTo(b.shape)] }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        a.broadcastMap(b, Functions.Multiply()).recorded("mul", [a, b]) { g in
            [a.requiresGrad ? (g.broadcastMap(b, Functions.Multiply())).sumTo(a.shape) : nil,
             b.requiresGrad ? (g.broadcastMap(a, Functions.Multiply())).sumTo(b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        a.broadcastMap(b, Functions.Divide()).recorded("div", [a, b]) { g in
            [a.requiresGrad ? g.broadcastMap(b, Functions.Divide()).sumTo(a.shape) : nil,
             b.requiresGrad ? g.broadcastMap(a, Functions.Multiply()).broadcastMap(b) { x, y in -x / (y * y) }.sumTo(b.shape) : nil]
        }
    }

    public static prefix func - (a: Tensor) -> Tensor { a.negated() }

    /// −self.
    public func negated() -> Tensor { map({ -$0 }, "neg") { g, _, _ in g.map { -$0 } } }

    public static func + (a: Tensor, s: Float) -> Tensor {
        a.map(Functions.Affine(scale: 1, shift: s), "add_scalar") { g, _, _ in g }
    }
    public static func + (s: Float, a: Tensor) -> Tensor { a + s }
    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }
    public static func - (s: Float, a: Tensor) -> Tensor { a.map({ s - $0 }, "rsub_scalar") { g, _, _ in g.map { -$0 } } }
    public static func * (a: Tensor, s: Float) -> Tensor {
        a.map(Functions.Affine(scale: s, shift: 0), "mul_scalar") { g, _, _ in g.map(Functions.Affine(scale: s, shift: 0)) }
    }
    public static func * (s: Float, a: Tensor) -> Tensor { a * s }
    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }
    public static func / (s: Float, a: Tensor) -> Tensor {
        a.map({ s / $0 }, "rdiv_scalar") { g, x, _ in g.zipMap(x) { gv, xv in -gv * s / (xv * xv) } }
    }

    /// Element-wise maximum of two broadcastable tensors (gradient to the larger; ties to `self`).
    public func maximum(_ other: Tensor) -> Tensor {
        broadcastMap(other) { Swift.max($0, $1) }.recorded("maximum", [self, other]) { [self] g in
            let maskA = self.broadcastMap(other) { $0 >= $1 ? 1 : 0 }
            return [g.broadcastMap(maskA, Functions.Multiply()).sumTo(self.shape),
                    g.broadcastMap(maskA) { gv, m in gv * (1 - m) }.sumTo(other.shape)]
        }
    }

    /// Element-wise minimum of two broadcastable tensors (gradient to the smaller; ties to `self`).
    public func minimum(_ other: Tensor) -> Tensor {
        broadcastMap(other) { Swift.min($0, $1) }.recorded("minimum", [self, other]) { [self] g in
            let maskA = self.broadcastMap(other) { $0 <= $1 ? 1 : 0 }
            return [g.broadcastMap(maskA, Functions.Multiply()).sumTo(self.shape),
                    g.broadcastMap(maskA) { gv, m in gv * (1 - m) }.sumTo(other.shape)]
        }
    }
}
