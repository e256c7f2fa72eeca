import Foundation
import Models
import Tensors

/// The deterministic weights and inputs of `tools/fixtures/model_forward.py` (see its docstring), so the full-size
/// models' parity fixtures need no committed checkpoints.
enum FormulaWeights {
    /// The input stream: `x = u(1_000_000, flat index)` over `[B, 3, S, S]`.
    static let inputStream: UInt64 = 1_000_000

    /// SplitMix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `u(stream, i)` for i in 0..<count: 24-bit uniform values in [0, 1), exact in Float.
    static func uniform(stream: UInt64, count: Int) -> [Double] {
        let seed = mix(stream)
        return (0..<count).map { Double(mix(seed ^ UInt64($0)) >> 40) / Double(1 << 24) }
    }

    /// The formula's values for state-dict entry `k` called `name` of `shape`, or nil to keep the built value.
    static func values(name: String, k: Int, shape: [Int]) -> [Float]? {
        if name.contains("dfl.") || name.hasSuffix("num_batches_tracked") { return nil }
        let u = uniform(stream: UInt64(k), count: shape.reduce(1, *))
        if name.contains(".bn.") {
            if name.hasSuffix("weight") || name.hasSuffix("running_var") { return u.map { Float(0.5 + $0) } }
            return u.map { Float(0.1 * (2 * $0 - 1)) }
        }
        if shape.count == 4 {
            let scale = 2 / Double(shape[1] * shape[2] * shape[3]).squareRoot()
            return u.map { Float((2 * $0 - 1) * scale) }
        }
        return u.map { Float(2 * $0 - 1) }
    }

    /// Overwrites `model`'s state dict with the formula; returns the float64 sums of all entries (plain and absolute).
    @discardableResult
    static func apply(to model: DetectionModel) -> (sum: Double, absSum: Double) {
        var sum = 0.0
        var absSum = 0.0
        for (k, entry) in model.stateDict().enumerated() {
            if let values = values(name: entry.name, k: k, shape: entry.tensor.shape) {
                entry.tensor.assign(Tensor(values, shape: entry.tensor.shape))
            }
            for v in entry.tensor.scalars {
                sum += Double(v)
                absSum += Double(abs(v))
            }
        }
        return (sum, absSum)
    }

    /// The input batch `[batch, 3, size, size]`.
    static func input(batch: Int, size: Int) -> Tensor {
        Tensor(
            uniform(stream: inputStream, count: batch * 3 * size * size).map(Float.init), shape: [batch, 3, size, size])
    }
}
