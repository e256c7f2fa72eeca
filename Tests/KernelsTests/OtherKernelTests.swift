import Kernels
import XCTest

/// Matmul, broadcasting and reductions against their naive twins.
final class OtherKernelTests: XCTestCase {
    func values(_ n: Int, _ seed: Int) -> [Float] { (0..<n).map { Float(($0 * 7919 + seed * 104729) % 1013) / 507 - 1 } }

    func testMatMulAllTransposesMatchNaive() {
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let s = MatMulKernel.Shape(batch: 3, m: 17, n: 9, k: 33, transposeA: ta, transposeB: tb)
            let a = values(s.batch * s.m * s.k, 1), b = values(s.batch * s.k * s.n, 2)
            var c = [Float](repeating: 0, count: s.batch * s.m * s.n), ref = c
            MatMulKernel.cached(s).run(a: a, b: b, c: &c)
            MatMulKernel.naive(s, a: a, b: b, c: &ref)
            for i in c.indices { XCTAssertEqual(c[i], ref[i], accuracy: 1e-4, "transpose \(ta) \(tb) at \(i)") }
        }
    }

    func testBroadcastMatchesNaive() {
        let cases: [([Int], [Int])] = [([2, 3, 4, 5], [1, 3, 1, 1]), ([4, 1], [3, 1, 5]), ([6], [2, 6]), ([3, 4], [3, 4]),
                                       ([2, 1, 4], [1, 3, 1])]
        for (sa, sb) in cases {
            let out = BroadcastPlan.resultShape([sa, sb])!
            let a = values(sa.reduce(1, *), 3), b = values(sb.reduce(1, *), 4)
            var fast = [Float](repeating: 0, count: out.reduce(1, *)), slow = fast
            Elementwise.broadcast(a, sa, b, sb, &fast, out, BinaryClosure { $0 * 2 - $1 })
            Elementwise.broadcastNaive(a, sa, b, sb, &slow, out) { $0 * 2 - $1 }
            XCTAssertEqual(fast, slow, "\(sa) ⊕ \(sb)")
        }
        XCTAssertNil(BroadcastPlan.resultShape([[2, 3], [4, 3]]))
    }

    func testReductionSumMatchesDirectSums() {
        let shape = [3, 4, 5]
        let x = values(60, 5)
        for target in [[1, 4, 5], [3, 1, 1], [1, 1, 5], [3, 4, 1], [1, 1, 1], [1, 4, 1]] {
            var out = [Float](repeating: 0, count: target.reduce(1, *))
            Reduction.sum(x, shape, into: &out, target)
            var ref = [Double](repeating: 0, count: out.count)
            for i in 0..<3 { for j in 0..<4 { for k in 0..<5 {
                let o = ((target[0] == 1 ? 0 : i) * target[1] + (target[1] == 1 ? 0 : j)) * target[2] + (target[2] == 1 ? 0 : k)
                ref[o] += Double(x[(i * 4 + j) * 5 + k])
            } } }
            for i in out.indices { XCTAssertEqual(Double(out[i]), ref[i], accuracy: 1e-5, "target \(target)") }
        }
    }

    func testFastExpIsAccurate() {
        var worst: Float = 0
        for i in -8700...8800 {
            let x = Float(i) / 100
            worst = max(worst, abs(FastMath.exp(x) - Foundation.exp(x)) / Foundation.exp(x))
        }
        XCTAssertLessThan(worst, 1e-6)
    }

    func testMaxPoolMatchesDirectWindowMax() {
        let (h, w) = (7, 6)
        let x = values(2 * h * w, 6)
        let oh = Pooling.outputSize(h, kernel: 5, stride: 1, padding: 2), ow = Pooling.outputSize(w, kernel: 5, stride: 1, padding: 2)
        var y = [Float](repeating: 0, count: 2 * oh * ow)
        var idx = [Int32](repeating: 0, count: y.count)
        Pooling.maxPoolForward(x, planes: 2, height: h, width: w, kernel: 5, stride: 1, padding: 2, output: &y, indices: &idx)
        for p in 0..<2 { for oy in 0..<oh { for ox in 0..<ow {
            var m = -Float.infinity
            for yy in max(0, oy - 2)...min(h - 1, oy + 2) { for xx in max(0, ox - 2)...min(w - 1, ox + 2) { m = max(m, x[p * h * w + yy * w + xx]) } }
            XCTAssertEqual(y[p * oh * ow + oy * ow + ox], m)
        } } }
    }
}

import Foundation
