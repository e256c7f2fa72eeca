import Tensors
import XCTest

/// Finite-difference check of every input's gradient of `sum(f(inputs) · r)` for a fixed random `r`.
///
/// Central differences in float32 with step `eps`; the analytic gradient must match within `tolerance`
/// (max |Δ| / max |analytic|). Inputs should keep away from kinks (ties, 0 for abs/relu).
func checkGradients(_ name: String, _ inputs: [Tensor], eps: Float = 1e-2, tolerance: Float = 1e-2,
                    file: StaticString = #filePath, line: UInt = #line, _ f: ([Tensor]) -> Tensor) {
    var random = RandomSource(seed: 7)
    let leaves = inputs.map { $0.copy().requiringGrad() }
    let y = f(leaves)
    let r = Tensor.normal(y.shape, random: &random)
    (y * r).sum().backward()
    func loss(_ xs: [Tensor]) -> Double {
        let out = noGrad { f(xs) }
        var s = 0.0
        for i in 0..<out.count { s += Double(out.data[i]) * Double(r.data[i]) }
        return s
    }
    for (k, leaf) in leaves.enumerated() {
        guard let analytic = leaf.grad else {
            XCTFail("\(name): input \(k) got no gradient", file: file, line: line)
            continue
        }
        var numeric = [Float](repeating: 0, count: leaf.count)
        let probes = inputs.map { $0.copy() }
        for i in 0..<leaf.count {
            let saved = probes[k].mutableData[i]
            probes[k].mutableData[i] = saved + eps
            let up = loss(probes)
            probes[k].mutableData[i] = saved - eps
            let down = loss(probes)
            probes[k].mutableData[i] = saved
            numeric[i] = Float((up - down) / Double(2 * eps))
        }
        let err = relativeError(analytic.scalars, numeric)
        XCTAssertLessThanOrEqual(err, tolerance, "\(name): input \(k) finite-difference error \(err)", file: file, line: line)
    }
}

/// Random normal tensor of `shape` from a fixed seed per call site.
func randn(_ shape: [Int], seed: UInt64, scale: Float = 1, shift: Float = 0) -> Tensor {
    var random = RandomSource(seed: seed)
    return Tensor.normal(shape, mean: shift, std: scale, random: &random)
}

/// Random uniform tensor in [lo, hi).
func rand(_ shape: [Int], seed: UInt64, _ lo: Float, _ hi: Float) -> Tensor {
    var random = RandomSource(seed: seed)
    return Tensor.uniform(shape, lo, hi, random: &random)
}
