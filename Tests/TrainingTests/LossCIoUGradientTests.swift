import Foundation
import Tensors
import Training
import XCTest

/// The CIoU gradient against central finite differences, and the loss's gradient plumbing.
final class LossCIoUGradientTests: XCTestCase {
    /// (predicted, target) pairs: overlapping, nested, disjoint, and predictions larger/smaller on each side.
    let pairs: [(CornerBox, CornerBox)] = [
        (CornerBox(1.0, 2.0, 6.0, 7.5), CornerBox(2.0, 1.5, 7.0, 6.0)),
        (CornerBox(3.0, 3.0, 4.5, 5.0), CornerBox(1.0, 1.0, 8.0, 9.0)),
        (CornerBox(0.5, 0.5, 2.0, 3.0), CornerBox(4.0, 5.0, 9.0, 7.0)),
        (CornerBox(2.2, 0.7, 9.1, 3.3), CornerBox(1.1, 1.9, 6.4, 8.8)),
        (CornerBox(10.0, 4.0, 13.0, 12.0), CornerBox(9.0, 6.0, 16.0, 9.0)),
    ]

    /// ∂CIoU/∂box1 (alpha held, as the reference) matches central differences of CIoU at that alpha.
    func testGradientMatchesFiniteDifferences() {
        let h: Float = 1e-2
        for (p, t) in pairs {
            var analytic = CornerBox(0, 0, 0, 0)
            let upstream: Float = -0.7
            _ = CompleteIoU.value(p, t, upstream: upstream, dBox1: &analytic)
            let alpha = CompleteIoU.alpha(p, t)
            let grads = [analytic.x1, analytic.y1, analytic.x2, analytic.y2]
            var numeric: [Float] = []
            for k in 0..<4 {
                var plus = p, minus = p
                switch k {
                case 0: plus.x1 += h; minus.x1 -= h
                case 1: plus.y1 += h; minus.y1 -= h
                case 2: plus.x2 += h; minus.x2 -= h
                default: plus.y2 += h; minus.y2 -= h
                }
                let diff = CompleteIoU.value(plus, t, alpha: alpha) - CompleteIoU.value(minus, t, alpha: alpha)
                numeric.append(upstream * diff / (2 * h))
            }
            let scale = max(numeric.map(abs).max()!, 1e-3)
            for k in 0..<4 {
                XCTAssertEqual(grads[k], numeric[k], accuracy: 2e-3 * scale, "box \(p) vs \(t), coordinate \(k)")
            }
        }
    }

    /// The value agrees with the evaluation module's plain-array CIoU definition on simple cases.
    func testValueOfIdenticalAndDisjointBoxes() {
        let box = CornerBox(1, 2, 5, 9)
        XCTAssertEqual(CompleteIoU.value(box, box), 1, accuracy: 1e-6)
        let far = CornerBox(20, 20, 24, 27)
        // Disjoint, same shape: iou 0, v 0, CIoU = −rho²/c² = −(19² + 18²)/(23² + 25²).
        XCTAssertEqual(CompleteIoU.value(box, far), -(361 + 324) / (529 + 625), accuracy: 1e-5)
    }

    /// The loss equals the sum of its components and back-propagates through ops before it (chain rule).
    func testLossBackpropagatesThroughModelOps() throws {
        // One image, one box, reg_max 1, 2 classes, strides 8/16/32 at 64×64 (84 anchors).
        let grids = [(height: 8, width: 8), (height: 4, width: 4), (height: 2, width: 2)]
        let a = 84, targets: [Float] = [0, 1, 0.5, 0.5, 0.4, 0.3]
        let distances = (0..<(4 * a)).map { Float(0.5 + Double(($0 * 37) % 101) / 50) }
        let logits = (0..<(2 * a)).map { Float(-3 + Double(($0 * 53) % 97) / 24) }
        let loss = DetectionLoss(nc: 2, regMax: 1, strides: [8, 16, 32])

        let leaf = Tensor(distances.map { $0 * 2 }, shape: [1, 4, a]).requiringGrad()
        let direct = loss(boxes: leaf, scores: Tensor(logits, shape: [1, 2, a]), grids: grids, targets: targets)
        XCTAssertEqual(direct.loss.item, direct.components.reduce(0, +))
        XCTAssertGreaterThan(direct.assignments[0].foregroundCount, 0)
        direct.loss.backward()
        let expected = try XCTUnwrap(leaf.grad).scalars
        XCTAssertTrue(expected.contains { $0 != 0 }, "no gradient reached the boxes")

        let base = Tensor(distances, shape: [1, 4, a]).requiringGrad()
        let chained = loss(boxes: base * 2, scores: Tensor(logits, shape: [1, 2, a]), grids: grids, targets: targets)
        XCTAssertEqual(chained.loss.item, direct.loss.item)
        chained.loss.backward()
        XCTAssertEqual(try XCTUnwrap(base.grad).scalars, expected.map { $0 * 2 })
    }
}
