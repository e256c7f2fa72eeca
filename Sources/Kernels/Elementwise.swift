/// A float → float function applied by the elementwise kernels. Structs conforming to it are specialised into the
/// loops (a closure inside a parallel chunk is called per element and blocks vectorisation: 10× slower).
public protocol UnaryFunction {
    func callAsFunction(_ x: Float) -> Float
}

/// A (float, float) → float function applied by the elementwise kernels.
public protocol BinaryFunction {
    func callAsFunction(_ x: Float, _ y: Float) -> Float
}

/// A closure as a `UnaryFunction` (for cold paths).
public struct UnaryClosure: UnaryFunction {
    public let body: (Float) -> Float
    @inlinable public init(_ body: @escaping (Float) -> Float) { self.body = body }
    @inlinable public func callAsFunction(_ x: Float) -> Float { body(x) }
}

/// A closure as a `BinaryFunction` (for cold paths).
public struct BinaryClosure: BinaryFunction {
    public let body: (Float, Float) -> Float
    @inlinable public init(_ body: @escaping (Float, Float) -> Float) { self.body = body }
    @inlinable public func callAsFunction(_ x: Float, _ y: Float) -> Float { body(x, y) }
}

/// Elementwise loops over contiguous buffers, spread over the cores. Know nothing about autograd.
public enum Elementwise {
    /// y[i] = f(x[i]) for i in 0..<count.
    @inlinable
    public static func map<F: UnaryFunction>(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
                                             _ f: F) {
        let out = SendablePointer(y)
        Parallel.forEachChunk(count) { r in
            let y = out.pointer
            for i in r { y[i] = f(x[i]) }
        }
    }

    /// z[i] = f(x[i], y[i]) for i in 0..<count.
    @inlinable
    public static func zip<F: BinaryFunction>(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                                              _ z: UnsafeMutablePointer<Float>, count: Int, _ f: F) {
        let out = SendablePointer(z)
        Parallel.forEachChunk(count) { r in
            let z = out.pointer
            for i in r { z[i] = f(x[i], y[i]) }
        }
    }

    /// w[i] = f(x[i], y[i], z[i]) for i in 0..<count.
    @inlinable
    public static func zip3(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ z: UnsafePointer<Float>,
                            _ w: UnsafeMutablePointer<Float>, count: Int, _ f: @escaping (Float, Float, Float) -> Float) {
        let out = SendablePointer(w)
        Parallel.forEachChunk(count) { r in
            let w = out.pointer
            for i in r { w[i] = f(x[i], y[i], z[i]) }
        }
    }

    /// y[i] += x[i] (gradient accumulation).
    @inlinable
    public static func accumulate(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        let out = SendablePointer(y)
        Parallel.forEachChunk(count) { r in
            let y = out.pointer
            for i in r { y[i] += x[i] }
        }
    }

    /// Sum of all elements in Double (pairwise over chunks, so large sums keep their precision).
    @inlinable
    public static func sum(_ x: UnsafePointer<Float>, count: Int) -> Double {
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + 4096)
            var s: Float = 0
            for i in start..<end { s += x[i] }
            total += Double(s)
            start = end
        }
        return total
    }
}

/// The functions the engine's hot paths use, as specialisable structs.
public enum Functions {
    public struct SiLU: UnaryFunction {
        @inlinable public init() {}
        @inlinable @inline(__always) public func callAsFunction(_ x: Float) -> Float { x * FastMath.sigmoid(x) }
    }
    /// d/dx of x·σ(x) times the upstream gradient: (g, x) → g·σ(x)·(1 + x·(1 − σ(x))).
    public struct SiLUGradient: BinaryFunction {
        @inlinable public init() {}
        @inlinable @inline(__always) public func callAsFunction(_ g: Float, _ x: Float) -> Float {
            let s = FastMath.sigmoid(x)
            return g * s * (1 + x * (1 - s))
        }
    }
    public struct Sigmoid: UnaryFunction {
        @inlinable public init() {}
        @inlinable @inline(__always) public func callAsFunction(_ x: Float) -> Float { FastMath.sigmoid(x) }
    }
    /// (g, y) → g·y·(1 − y) with y = σ(x).
    public struct SigmoidGradient: BinaryFunction {
        @inlinable public init() {}
        @inlinable @inline(__always) public func callAsFunction(_ g: Float, _ y: Float) -> Float { g * y * (1 - y) }
    }
    public struct Exp: UnaryFunction {
        @inlinable public init() {}
        @inlinable @inline(__always) public func callAsFunction(_ x: Float) -> Float { FastMath.exp(x) }
    }
    public struct Add: BinaryFunction {
        @inlinable public init() {}
        @inlinable @inline(__always) public func callAsFunction(_ x: Float, _ y: Float) -> Float { x + y }
    }
    public struct Subtract: BinaryFunction {
        @inlinable public init() {}
        @inlinable @inline(__always) public func callAsFunction(_ x: Float, _ y: Float) -> Float { x - y }
    }
    public struct Multiply: BinaryFunction {
        @inlinable public init() {}
        @inlinable @inline(__always) public func callAsFunction(_ x: Float, _ y: Float) -> Float { x * y }
    }
    public struct Divide: BinaryFunction {
        @inlinable public init() {}
        @inlinable @inline(__always) public func callAsFunction(_ x: Float, _ y: Float) -> Float { x / y }
    }
    /// x · s + t for constants s, t (scalar add and multiply).
    public struct Affine: UnaryFunction {
        public let scale: Float, shift: Float
        @inlinable public init(scale: Float, shift: Float) { (self.scale, self.shift) = (scale, shift) }
        @inlinable @inline(__always) public func callAsFunction(_ x: Float) -> Float { x * scale + shift }
    }
}
