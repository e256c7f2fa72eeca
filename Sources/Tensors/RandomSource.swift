import Foundation

/// A seeded random generator (SplitMix64), split per purpose so one seed drives init, shuffling and augmentation.
public struct RandomSource: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// An independent stream for `purpose` (e.g. "init", "shuffle") and an optional index (epoch, image).
    public func derived(_ purpose: String, _ index: UInt64 = 0) -> RandomSource {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in purpose.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        var copy = self
        return RandomSource(seed: copy.next() ^ h ^ (index &* 0xD1B5_4A32_D192_ED03))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func nextUniform() -> Float { Float(next() >> 40) / Float(1 << 24) }

    /// Standard normal (Box–Muller).
    public mutating func nextNormal() -> Float {
        let u1 = max(Double(next() >> 11) / Double(1 << 53), 1e-300), u2 = Double(next() >> 11) / Double(1 << 53)
        return Float((-2 * Foundation.log(u1)).squareRoot() * cos(2 * .pi * u2))
    }
}

extension Tensor {
    /// Uniform values in [lo, hi).
    public static func uniform(_ shape: [Int], _ lo: Float, _ hi: Float, random: inout RandomSource) -> Tensor {
        let t = Tensor(uninitialized: shape)
        for i in 0..<t.count { t.mutableData[i] = lo + (hi - lo) * random.nextUniform() }
        return t
    }

    /// Normal values with `mean` and `std`.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, random: inout RandomSource) -> Tensor {
        let t = Tensor(uninitialized: shape)
        for i in 0..<t.count { t.mutableData[i] = mean + std * random.nextNormal() }
        return t
    }
}
