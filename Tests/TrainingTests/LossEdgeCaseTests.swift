import Foundation
import Tensors
import Training
import XCTest

/// Cases the fixtures do not pin: a batch without boxes, the E2E weight schedule's ends, the small-target floor.
final class LossEdgeCaseTests: XCTestCase {
    let grids = [(height: 8, width: 8), (height: 4, width: 4), (height: 2, width: 2)]  // 64×64, 84 anchors
    let a = 84

    func logits(_ count: Int) -> [Float] { (0..<count).map { Float(-4 + Double(($0 * 53) % 97) / 16) } }

    /// No boxes at all: every anchor is background, box and DFL terms are 0, cls is Σ softplus(x) (score sum 1).
    func testBatchWithoutBoxes() throws {
        let scores = Tensor(logits(2 * 3 * a), shape: [2, 3, a]).requiringGrad()
        let boxes = Tensor((0..<(2 * 64 * a)).map { Float(($0 % 7) - 3) }, shape: [2, 64, a]).requiringGrad()
        let out = DetectionLoss(nc: 3, regMax: 16, strides: [8, 16, 32])(boxes: boxes, scores: scores, grids: grids, targets: [])
        XCTAssertEqual(out.assignments[0].foregroundCount, 0)
        let softplus = scores.scalars.reduce(0.0) { $0 + log1p(exp(Double($1))) }
        XCTAssertEqual(out.items[0], 0)
        XCTAssertEqual(out.items[2], 0)
        XCTAssertEqual(Double(out.items[1]), 0.5 * softplus, accuracy: 1e-5 * softplus)
        XCTAssertEqual(Double(out.components[1]), 2 * 0.5 * softplus, accuracy: 2e-5 * softplus, "× batch size 2")
        out.loss.backward()
        XCTAssertTrue(try XCTUnwrap(boxes.grad).scalars.allSatisfy { $0 == 0 })
        let expected = scores.scalars.map { 2 * 0.5 / (1 + exp(-$0)) }
        XCTAssertLessThanOrEqual(maxRelativeError(try XCTUnwrap(scores.grad).scalars, expected), 1e-6)
    }

    /// o2m falls linearly from 0.8 to 0.1 over epochs − 1 epochs and stays there; o2o = 1 − o2m.
    func testEndToEndWeightSchedule() {
        var loss = E2ELoss(nc: 3, regMax: 1, strides: [8, 16, 32], epochs: 10)
        XCTAssertEqual(loss.o2m, 0.8, accuracy: 1e-12)
        XCTAssertEqual(loss.o2o, 0.2, accuracy: 1e-12)
        var seen: [Double] = []
        for _ in 0..<12 {
            loss.update()
            seen.append(loss.o2m)
            XCTAssertEqual(loss.o2o, 1 - loss.o2m, accuracy: 1e-12)
        }
        XCTAssertEqual(seen[0], 0.8 - 0.7 / 9, accuracy: 1e-12)
        XCTAssertEqual(seen[8], 0.1, accuracy: 1e-12, "after epochs − 1 updates")
        XCTAssertEqual(seen[11], 0.1, accuracy: 1e-12, "clamped after the end")
        let resumed = E2ELoss(nc: 3, regMax: 1, strides: [8, 16, 32], epochs: 10, startingAtEpoch: 4)
        XCTAssertEqual(resumed.o2m, seen[3], accuracy: 1e-12)
        XCTAssertEqual(resumed.updates, 4)
        XCTAssertEqual(E2ELoss(nc: 3, regMax: 1, strides: [8, 16, 32], epochs: 1, startingAtEpoch: 1).o2m, 0.1, accuracy: 1e-12)
    }

    /// A 4×4 px box between anchor centres has no anchor inside it; enlarged to 16 px it gets the four P3 anchors
    /// around it (and no P4 anchor: their centres lie on the enlarged box's edges).
    func testTinyBoxGetsCandidatesFromTheSmallTargetFloor() {
        // Box centred at (32, 32), a P3 cell corner; predictions equal to the box, so every candidate scores.
        let gt = GroundTruthBoxes(targets: [0, 1, 0.5, 0.5, 4.0 / 64, 4.0 / 64], batchSize: 1, imageHeight: 64, imageWidth: 64)
        XCTAssertEqual(gt.boxes, [30, 30, 34, 34])
        var anchors: [Float] = []
        for (g, s) in zip(grids, [Float(8), 16, 32]) {
            for y in 0..<g.height { for x in 0..<g.width { anchors += [(Float(x) + 0.5) * s, (Float(y) + 0.5) * s] } }
        }
        let predicted = [Float]((0..<a).flatMap { _ in gt.boxes })
        let scores = logits(2 * a)
        func positives(strides: [Float]) -> [Int] {
            let assigner = TaskAlignedAssigner(topk: 10, numClasses: 2, alpha: 0.5, beta: 6, strides: strides)
            let t = assigner(scoreLogits: scores, predictedBoxes: predicted, anchorPoints: anchors, anchorCount: a, groundTruth: gt)
            return t.foreground.enumerated().filter(\.element).map(\.offset)
        }
        // P3 anchors (x, y) = (28|36, 28|36) are indices y·8 + x at cells 3 and 4.
        XCTAssertEqual(positives(strides: [8, 16, 32]), [27, 28, 35, 36])
        // With a floor of 8 px (strides [8, 8]) the box spans 28…36: the centres lie on its edges, none inside.
        XCTAssertEqual(positives(strides: [8, 8, 32]), [])
    }
}
