import Tensors
import XCTest

/// The blocked (nChw16c) storage path: conversions, and every layout-aware op against the NCHW path.
final class BlockedLayoutTests: XCTestCase {
    func testConversionRoundTrip() {
        let x = randn([2, 32, 3, 5], seed: 40)
        let b = x.converted(to: .blocked16)
        XCTAssertEqual(b.layout, .blocked16)
        XCTAssertEqual(b.scalars, x.scalars, "data reads NCHW whatever the layout")
        XCTAssertEqual(b.converted(to: .nchw).scalars, x.scalars)
        // Element (n=1, c=17, h=2, w=4) sits at ((1·2 + 1)·15 + 2·5 + 4)·16 + 1 in the blocked storage.
        XCTAssertEqual(b.rawData[((1 * 2 + 1) * 15 + 2 * 5 + 4) * 16 + 1], x.data[((1 * 32 + 17) * 3 + 2) * 5 + 4])
    }

    func testConvolutionKeepsBlockedAndMatchesPlain() {
        let x = randn([2, 32, 8, 8], seed: 41), w = randn([32, 32, 3, 3], seed: 42, scale: 0.1)
        let y = x.conv2d(weight: w, padding: (1, 1))
        let yb = x.converted(to: .blocked16).conv2d(weight: w, padding: (1, 1))
        XCTAssertEqual(relativeError(yb.scalars, y.scalars), 0, accuracy: 1e-5)
    }

    /// Conv → BN (training) on blocked activations: finite-difference gradients.
    func testBlockedConvBatchNormGradients() {
        let x = randn([2, 16, 3, 3], seed: 43)
        let w = randn([16, 16, 1, 1], seed: 44, scale: 0.3)
        let gamma = rand([16], seed: 46, 0.5, 1.5), beta = randn([16], seed: 47)
        checkGradients("blocked conv+bn", [x, w, gamma, beta], eps: 1e-2, tolerance: 3e-2) { t in
            let h = t[0].conv2d(weight: t[1])
            XCTAssertEqual(h.layout, .blocked16)
            return h.batchNorm(weight: t[2], bias: t[3], runningMean: .zeros([16]), runningVar: .ones([16]), training: true)
        }
    }

    /// SiLU → split/concat → pool/upsample → add on blocked activations: finite-difference gradients.
    func testBlockedShapeOpsGradients() {
        let x = randn([1, 32, 4, 4], seed: 53)
        checkGradients("blocked ops", [x], eps: 1e-3, tolerance: 3e-2) { t in
            let b = t[0].blocked()
            let s = b.silu()
            let parts = s.split(sizes: [16, 16], axis: 1)
            XCTAssertEqual(parts[1].layout, .blocked16)
            let joined = Tensor.concat([parts[1].maxPool2d(kernel: 3, stride: 1, padding: 1), parts[0]], axis: 1)
            XCTAssertEqual(joined.layout, .blocked16)
            let up = joined.maxPool2d(kernel: 2, stride: 2).upsampleNearest(scale: 2)
            return (up + joined) * s.sigmoid()
        }
    }

    func testBatchNormEvalBlockedMatchesPlain() {
        let x = randn([2, 32, 4, 4], seed: 48, scale: 2)
        let w = rand([32], seed: 49, 0.5, 1.5), b = randn([32], seed: 50)
        let rm = randn([32], seed: 51, scale: 0.1), rv = rand([32], seed: 52, 0.5, 1.5)
        let plain = x.batchNorm(weight: w, bias: b, runningMean: rm, runningVar: rv, training: false)
        let blocked = x.converted(to: .blocked16).batchNorm(weight: w, bias: b, runningMean: rm, runningVar: rv,
                                                            training: false)
        XCTAssertEqual(blocked.layout, .blocked16)
        XCTAssertLessThan(relativeError(blocked.scalars, plain.scalars), 1e-6)
    }
}

/// The fused batch norm + SiLU pass against the two separate ops, and its finite-difference gradients.
final class BatchNormSiLUTests: XCTestCase {
    func testFusedMatchesSeparateOps() {
        let x = randn([3, 32, 5, 4], seed: 60, scale: 2, shift: 0.5).converted(to: .blocked16)
        let w = rand([32], seed: 61, 0.5, 1.5), b = randn([32], seed: 62)
        let (rm1, rv1, rm2, rv2) = (Tensor.zeros([32]), Tensor.ones([32]), Tensor.zeros([32]), Tensor.ones([32]))
        let leaves1 = [x.copy().blocked(), w.copy(), b.copy()].map { $0 }
        let xa = x.copy().requiringGrad(), xb = x.copy().requiringGrad()
        let wa = w.copy().requiringGrad(), wb = w.copy().requiringGrad()
        let ba = b.copy().requiringGrad(), bb = b.copy().requiringGrad()
        _ = leaves1
        let fused = xa.blocked().batchNormSiLU(weight: wa, bias: ba, runningMean: rm1, runningVar: rv1, training: true)
        let plain = xb.blocked().batchNorm(weight: wb, bias: bb, runningMean: rm2, runningVar: rv2, training: true).silu()
        XCTAssertLessThan(relativeError(fused.scalars, plain.scalars), 1e-5)
        XCTAssertEqual(rm1.scalars, rm2.scalars)
        let r = randn([3, 32, 5, 4], seed: 63)
        (fused * r).sum().backward()
        (plain * r).sum().backward()
        XCTAssertLessThan(relativeError(xa.grad!.scalars, xb.grad!.scalars), 1e-4)
        XCTAssertLessThan(relativeError(wa.grad!.scalars, wb.grad!.scalars), 1e-4)
        XCTAssertLessThan(relativeError(ba.grad!.scalars, bb.grad!.scalars), 1e-4)
    }

    func testFusedGradients() {
        let x = randn([2, 16, 3, 3], seed: 64, scale: 2)
        let w = rand([16], seed: 65, 0.5, 1.5), b = randn([16], seed: 66)
        checkGradients("bn+silu fused", [x, w, b], eps: 1e-2, tolerance: 3e-2) { t in
            t[0].blocked().batchNormSiLU(weight: t[1], bias: t[2], runningMean: .zeros([16]), runningVar: .ones([16]),
                                         training: true)
        }
    }
}
