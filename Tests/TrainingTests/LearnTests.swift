import Tensors
import Training
import XCTest

/// `yolo learn`: the tutorial's worked example, convergence, and the learning-rate demonstration.
final class LearnTests: XCTestCase {
    func testWorkedExampleMatchesTheTutorial() {
        let ex = LearnJob.workedExample()
        XCTAssertEqual(ex.a.z, 0.82, accuracy: 1e-4)
        XCTAssertEqual(ex.b.z, -1.28, accuracy: 1e-4)
        XCTAssertEqual(ex.a.p, 0.6942, accuracy: 1e-4)
        XCTAssertEqual(ex.b.p, 0.2176, accuracy: 1e-4)
        XCTAssertEqual(ex.a.err, 0.0935, accuracy: 1e-4)
        XCTAssertEqual(ex.b.err, 0.0473, accuracy: 1e-4)
        var lines: [String] = []
        var options = LearnJob.Options()
        options.epochs = 1
        _ = LearnJob(options: options).run { lines.append($0) }
        let text = lines.joined(separator: "\n")
        for number in ["0.82", "0.69", "0.10", "-1.28", "0.22", "0.05", "0.075"] {
            XCTAssertTrue(text.contains(number), "worked example lacks \(number):\n\(text)")
        }
    }

    func testDefaultSettingsReachNinetyFivePercent() {
        let result = LearnJob(options: .init()).run { _ in }
        XCTAssertGreaterThanOrEqual(result.finalValAccuracy, 0.95)
        XCTAssertLessThan(result.trainLoss.last!, result.trainLoss.first! / 5)
    }

    func testBinaryCrossEntropyConverges() {
        var options = LearnJob.Options()
        options.loss = .bce
        let result = LearnJob(options: options).run { _ in }
        XCTAssertGreaterThanOrEqual(result.finalValAccuracy, 0.95)
        XCTAssertLessThan(result.trainLoss.last!, result.trainLoss.first! / 5)
    }

    func testLearningRateDemonstration() {
        let result = LearnJob(options: .init()).run { _ in }
        let large = result.largeRateLoss, small = result.smallRateLoss
        // Too large: the loss goes up at some steps (overshoot) and ends worse than the default rate's run.
        XCTAssertTrue(zip(large, large.dropFirst()).contains { $1 > $0 })
        XCTAssertGreaterThan(large.last!, result.trainLoss[large.count - 2])
        // Too small: after the same number of steps it has barely moved.
        XCTAssertGreaterThan(small.last!, small.first! * 0.9)
        XCTAssertLessThan(result.trainLoss[small.count - 2], small.last! / 5)
    }

    func testSameSeedSameRun() {
        let a = LearnJob(options: .init()).run { _ in }, b = LearnJob(options: .init()).run { _ in }
        XCTAssertEqual(a.trainLoss, b.trainLoss)
        var other = LearnJob.Options()
        other.seed = 1
        XCTAssertNotEqual(LearnJob(options: other).run { _ in }.trainLoss, a.trainLoss)
    }

    func testAutogradGradientOfTheToyModel() {
        // d/dw of (y − σ(wx+b))² at the tutorial's guess, image A, against the closed form.
        let model = RedCarClassifier(weight: 0.06, bias: -14)
        let x = Tensor([247], shape: [1, 1]), y = Tensor([1], shape: [1, 1])
        RedCarClassifier.loss(model(x), y, kind: .mse).backward()
        let p: Float = 1 / (1 + exp(-0.82))
        XCTAssertEqual(model.weight.grad!.item, -2 * (1 - p) * p * (1 - p) * 247, accuracy: 1e-3)
        XCTAssertEqual(model.bias.grad!.item, -2 * (1 - p) * p * (1 - p), accuracy: 1e-6)
    }
}

import Foundation
