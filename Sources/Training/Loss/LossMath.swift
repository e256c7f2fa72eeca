import Kernels

/// Scalar math for the loss's per-element loops: inlinable, branch-free, so loops over buffers vectorise.
enum LossMath {
    /// Natural log for positive normal `x` (Cephes `logf`: relative error ~1e-7).
    @inlinable @inline(__always)
    static func log(_ x: Float) -> Float {
        let bits = x.bitPattern
        var e = Float(Int32(bitPattern: bits >> 23) &- 126)
        var m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F00_0000)  // [0.5, 1)
        let small = m < 0.707106781186547524
        e = small ? e - 1 : e
        m = small ? m + m - 1 : m - 1
        let z = m * m
        var y: Float = 7.0376836292e-2
        y = y * m - 1.1514610310e-1
        y = y * m + 1.1676998740e-1
        y = y * m - 1.2420140846e-1
        y = y * m + 1.4249322787e-1
        y = y * m - 1.6668057665e-1
        y = y * m + 2.0000714765e-1
        y = y * m - 2.4999993993e-1
        y = y * m + 3.3333331174e-1
        y = y * m * z
        y += -2.12194440e-4 * e
        y += -0.5 * z
        return m + y + 0.693359375 * e
    }

    /// BCE-with-logits `max(x, 0) − x·t + log(1 + e^−|x|)` and its derivative `σ(x) − t`.
    ///
    /// log(1 + e) corrects the rounding of u = 1 + e (exact for tiny e), sharing 1/u with the sigmoid.
    @inlinable @inline(__always)
    static func binaryCrossEntropy(_ x: Float, _ t: Float) -> (loss: Float, gradient: Float) {
        let e = FastMath.exp(-Swift.abs(x))
        let u = 1 + e, inverse = 1 / u
        let softplus = log(u) - ((u - 1) - e) * inverse
        let sigmoid = (x >= 0 ? 1 : e) * inverse
        return (max(x, 0) - x * t + softplus, sigmoid - t)
    }

    /// Σ x[0..<count] with eight float accumulators (independent chains), returned in double.
    @inlinable
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Double {
        var acc = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
        var i = 0
        while i + 8 <= count {
            acc.0 += x[i]; acc.1 += x[i + 1]; acc.2 += x[i + 2]; acc.3 += x[i + 3]
            acc.4 += x[i + 4]; acc.5 += x[i + 5]; acc.6 += x[i + 6]; acc.7 += x[i + 7]
            i += 8
        }
        var total = Double(acc.0) + Double(acc.1) + Double(acc.2) + Double(acc.3)
        total += Double(acc.4) + Double(acc.5) + Double(acc.6) + Double(acc.7)
        while i < count {
            total += Double(x[i])
            i += 1
        }
        return total
    }
}
