/// Scalar math fast enough for hot loops (Foundation's `exp` is ~10× slower and blocks vectorisation).
public enum FastMath {
    /// e^x with relative error below 2e-7 for |x| < 87 (Cephes-style range reduction, degree-6 polynomial).
    @inlinable @inline(__always)
    public static func exp(_ x: Float) -> Float {
        let x = min(max(x, -87.3), 88.7)
        let n = (x * 1.442695041 + 0.5).rounded(.down)
        let r = x - n * 0.693359375 + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * r * r + r + 1
        let bits = UInt32(bitPattern: Int32(n) + 127) << 23
        return p * Float(bitPattern: bits)
    }

    /// Logistic sigmoid 1 / (1 + e^-x).
    @inlinable @inline(__always)
    public static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
}
