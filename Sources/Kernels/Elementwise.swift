/// Elementwise loops over contiguous buffers, spread over the cores. Know nothing about autograd.
public enum Elementwise {
    /// y[i] = f(x[i]) for i in 0..<count.
    @inlinable
    public static func map(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
                           _ f: (Float) -> Float) {
        let out = SendablePointer(y)
        Parallel.forEachChunk(count) { r in
            let y = out.pointer
            for i in r { y[i] = f(x[i]) }
        }
    }

    /// z[i] = f(x[i], y[i]) for i in 0..<count.
    @inlinable
    public static func zip(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>,
                           count: Int, _ f: (Float, Float) -> Float) {
        let out = SendablePointer(z)
        Parallel.forEachChunk(count) { r in
            let z = out.pointer
            for i in r { z[i] = f(x[i], y[i]) }
        }
    }

    /// w[i] = f(x[i], y[i], z[i]) for i in 0..<count.
    @inlinable
    public static func zip3(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ z: UnsafePointer<Float>,
                            _ w: UnsafeMutablePointer<Float>, count: Int, _ f: (Float, Float, Float) -> Float) {
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
