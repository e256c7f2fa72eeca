/// Scalar math fast enough for hot loops (Foundation's `exp` is ~10× slower and blocks vectorisation).
public enum FastMath {
    /// e^x with relative error below 2e-7 for |x| < 87 (Cephes-style range reduction, degree-6 polynomial).
    ///
    /// Rounds with the 1.5·2²³ trick and builds 2ⁿ from the integer bits, so the loop vectorises even on baseline
    /// x86-64 (SSE2 has no round instruction; `rounded()` would call libm's floorf per element).
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        let x = min(max(x, -87.3), 88.7)
        let shifter: Float = 12_582_912  // 1.5 · 2^23: adding it rounds to the nearest integer
        let t = x * 1.442695041 + shifter
        let n = t - shifter
        let r = x - n * 0.693359375 + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * r * r + r + 1
        let k = Int32(bitPattern: t.bitPattern) &- 0x4B40_0000  // the integer n, from t's mantissa
        return p * Float(bitPattern: UInt32(bitPattern: (k &+ 127) &<< 23))
    }

    /// Logistic sigmoid 1 / (1 + e^-x).
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
}
