import XCTest

@testable import Evaluation

/// `compute_ap`, `smooth`, `np.interp` and matching on small arrays.
final class APTests: XCTestCase {
    struct APCase: Decodable {
        let recall, precision, mpre, mrec: [Double]
        let ap: Double
    }

    struct Fixture: Decodable {
        let compute_ap: [APCase]
        let smooth_in, smooth_0_1, smooth_0_05: [Double]
    }

    func testComputeAPMatchesReference() throws {
        let f = try loadFixture(Fixture.self, "compute_ap.json")
        for (i, c) in f.compute_ap.enumerated() {
            let (ap, mpre, mrec) = computeAP(recall: c.recall, precision: c.precision)
            XCTAssertEqual(ap, c.ap, accuracy: 1e-12, "case \(i)")
            assertClose(mpre, c.mpre, tolerance: 1e-15, "mpre \(i)")
            assertClose(mrec, c.mrec, tolerance: 1e-15, "mrec \(i)")
        }
    }

    func testSmoothMatchesReference() throws {
        let f = try loadFixture(Fixture.self, "compute_ap.json")
        assertClose(smooth(f.smooth_in, fraction: 0.1), f.smooth_0_1, tolerance: 1e-12, "smooth f=0.1")
        assertClose(smooth(f.smooth_in), f.smooth_0_05, tolerance: 1e-12, "smooth f=0.05")
    }

    func testAPOfPerfectAndEmptyCurves() {
        XCTAssertEqual(computeAP(recall: [0.5, 1 - 1e-16], precision: [1, 1]).ap, 0.995, accuracy: 1e-9)
        XCTAssertEqual(computeAP(recall: [0, 0], precision: [0, 0]).ap, 0, accuracy: 1e-12)
    }

    func testInterpFollowsNumPy() {
        let xp: [Double] = [0, 1, 1, 2]
        let fp: [Double] = [0, 10, 20, 30]
        // Exact hits on a repeated xp take the last equal entry's value; outside, left/right (or the ends).
        XCTAssertEqual(NumPy.interp([-1, 0, 0.5, 1, 1.5, 2, 3], xp, fp), [0, 0, 5, 20, 25, 30, 30])
        XCTAssertEqual(NumPy.interp([-1, 3], xp, fp, left: -7, right: 7), [-7, 7])
        XCTAssertEqual(NumPy.interp([0, 1, 2], [1], [4], left: 0, right: 9), [0, 4, 9])
    }

    func testLinspaceAndPairwiseSum() {
        let x = NumPy.linspace(0, 1, 101)
        XCTAssertEqual(x.count, 101)
        XCTAssertEqual(x[100], 1)
        XCTAssertEqual(x[37], 37.0 * 0.01)
        let values = (0..<300).map { Double($0) * 0.1 }
        XCTAssertEqual(NumPy.pairwiseSum(values[...]), 4485, accuracy: 1e-9)
    }

    func testMatchingClaimsEachTargetOncePerThreshold() {
        // Two predictions of class 0 on one target: the first (higher confidence) claims it, the second is an FP.
        let iou: [[Float]] = [[0.9, 0.8]]
        let correct = matchPredictions(predictedClasses: [0, 0], trueClasses: [0], iou: iou)
        XCTAssertEqual(correct[0], [Bool](repeating: true, count: 9) + [false])  // 0.9 < 0.95
        XCTAssertEqual(correct[1], [Bool](repeating: false, count: 10))
        // Wrong class never matches.
        XCTAssertEqual(matchPredictions(predictedClasses: [1], trueClasses: [0], iou: [[1]])[0],
                       [Bool](repeating: false, count: 10))
        // At 0.75 the first prediction (IoU 0.7) is unmatched, so the second (0.8) takes the target there.
        let crossed = matchPredictions(predictedClasses: [0, 0], trueClasses: [0], iou: [[0.7, 0.8]])
        XCTAssertEqual(crossed[1][5], true)
        XCTAssertEqual(crossed[0][5], false)
    }

    func testThresholdsAreTorchLinspace() {
        XCTAssertEqual(cocoIoUThresholds.count, 10)
        XCTAssertEqual(cocoIoUThresholds[1].bitPattern, Float(0.55).bitPattern)
        XCTAssertEqual(cocoIoUThresholds[9].bitPattern, Float(0.95).bitPattern)
    }
}
