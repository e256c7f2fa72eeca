import Foundation
import Models
import Tensors
import Training
import XCTest

/// The loss on real model outputs: `DetectOutput` in, gradients reaching the head and the backbone.
final class LossModelTests: XCTestCase {
    let targets: [Float] = [0, 1, 0.4, 0.5, 0.5, 0.6, 0, 2, 0.8, 0.2, 0.15, 0.2, 1, 0, 0.5, 0.5, 0.9, 0.9]

    func image(_ batch: Int, _ size: Int) -> Tensor {
        Tensor((0..<(batch * 3 * size * size)).map { Float(($0 * 7919) % 1000) / 1000 }, shape: [batch, 3, size, size])
    }

    /// Sum of |grad| over the parameters whose name contains `part`, and whether any was found.
    func gradientMass(_ model: DetectionModel, _ part: String) -> Float {
        model.namedParameters().filter { $0.name.contains(part) }.reduce(0) { sum, p in
            sum + (p.tensor.grad?.scalars.reduce(0) { $0 + abs($1) } ?? 0)
        }
    }

    func testYOLO26EndToEndLossTrainsBothHeads() throws {
        let model = try DetectionModel(try XCTUnwrap(BuiltinModels.definition("yolo26n.yaml")), nc: 3)
        model.train()
        let output = model(image(2, 64))
        let loss = E2ELoss(detect: model.detect, epochs: 10)
        let result = loss(output, targets: targets)
        XCTAssertEqual(result.names, ["box_loss", "cls_loss", "l1_loss"])
        XCTAssertTrue(result.items.allSatisfy { $0.isFinite && $0 > 0 }, "items \(result.items)")
        XCTAssertEqual(result.assignments.count, 2)
        result.loss.backward()
        XCTAssertGreaterThan(gradientMass(model, "one2one_cv2"), 0, "one-to-one box branch got no gradient")
        XCTAssertGreaterThan(gradientMass(model, "one2one_cv3"), 0, "one-to-one class branch got no gradient")
        XCTAssertGreaterThan(gradientMass(model, ".cv2.0."), 0, "one-to-many box branch got no gradient")
        XCTAssertGreaterThan(gradientMass(model, "model.0."), 0, "the backbone got no gradient")
    }

    func testYOLO11DetectionLossUsesDFL() throws {
        let model = try DetectionModel(try XCTUnwrap(BuiltinModels.definition("yolo11n.yaml")), nc: 3)
        model.train()
        let output = model(image(2, 64))
        XCTAssertNil(output.oneToOne)
        let result = DetectionLoss(detect: model.detect)(output.oneToMany, targets: targets)
        XCTAssertEqual(result.names, ["box_loss", "cls_loss", "dfl_loss"])
        XCTAssertTrue(result.items.allSatisfy { $0.isFinite && $0 > 0 }, "items \(result.items)")
        XCTAssertEqual(result.loss.item, result.components.reduce(0, +))
        result.loss.backward()
        XCTAssertGreaterThan(gradientMass(model, "model.0."), 0, "the backbone got no gradient")
    }
}
