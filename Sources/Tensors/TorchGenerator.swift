/// PyTorch's CPU generator: MT19937 seeded as `torch.manual_seed(seed)` does, with `Tensor.uniform_`'s float mapping.
///
/// Model initialisation draws from this so that a seed gives the same initial weights as the reference
/// (`init_seeds(seed)` then building the model); shuffling and augmentation keep `RandomSource`.
public struct TorchGenerator: Sendable {
    private static let n = 624, m = 397
    private var state: [UInt32]
    private var index: Int

    /// `torch.manual_seed(seed)`: MT19937's `init_genrand` with the seed's low 32 bits.
    public init(seed: UInt64) {
        var s = [UInt32](repeating: 0, count: Self.n)
        s[0] = UInt32(truncatingIfNeeded: seed)
        for j in 1..<Self.n { s[j] = 1_812_433_253 &* (s[j - 1] ^ (s[j - 1] >> 30)) &+ UInt32(j) }
        state = s
        index = Self.n
    }

    /// The next 32-bit output (`CPUGeneratorImpl::random()`).
    public mutating func next() -> UInt32 {
        if index >= Self.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        return y ^ (y >> 18)
    }

    /// Regenerates the 624 words of state.
    private mutating func twist() {
        state.withUnsafeMutableBufferPointer { s in
            for k in 0..<Self.n {
                let y = (s[k] & 0x8000_0000) | (s[(k + 1) % Self.n] & 0x7FFF_FFFF)
                var v = s[(k + Self.m) % Self.n] ^ (y >> 1)
                if y & 1 != 0 { v ^= 0x9908_B0DF }
                s[k] = v
            }
        }
        index = 0
    }

    /// Skips `count` outputs: the draws of weights the reference initialises and then throws away.
    public mutating func discard(_ count: Int) {
        for _ in 0..<count { _ = next() }
    }

    /// One float32 draw of `tensor.uniform_(from, to)`: 24 random bits scaled in double, then rounded to float.
    public mutating func uniform(_ from: Float, _ to: Float) -> Float {
        let x = Double(next() & 0xFF_FFFF) * (1.0 / 16_777_216.0)
        return Float(x * Double(to - from) + Double(from))
    }
}

extension Tensor {
    /// `tensor.uniform_(-bound, bound)` in element order, the bound given in double as Python computes it.
    public func fillUniform(bound: Double, using generator: inout TorchGenerator) {
        let from = Float(-bound), to = Float(bound)
        let data = mutableData
        for i in 0..<count { data[i] = generator.uniform(from, to) }
    }
}
