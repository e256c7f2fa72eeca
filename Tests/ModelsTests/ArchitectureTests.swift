import Models
import NN
import Tensors
import XCTest

/// Parameter counts, layer counts, names and strides against the reference (REFERENCE.md §2.1–2.2).
final class ArchitectureTests: XCTestCase {
    func model(_ name: String, nc: Int? = nil) throws -> DetectionModel {
        try DetectionModel(try XCTUnwrap(BuiltinModels.definition(name)), nc: nc)
    }

    func testParameterAndLayerCountsMatchTheReference() throws {
        let expected: [(String, Int, Int, Int)] = [
            ("yolo26n.yaml", 260, 2_572_280, 2_572_280), ("yolo11n.yaml", 181, 2_624_080, 2_624_064),
            ("yolov8n.yaml", 129, 3_157_200, 3_157_184), ("yolo26s.yaml", 260, 10_009_784, 10_009_784),
            ("yolo11s.yaml", 181, 9_458_752, 9_458_736), ("yolov8s.yaml", 129, 11_166_560, 11_166_544),
        ]
        for (name, layers, params, grads) in expected {
            let m = try model(name)
            XCTAssertEqual(m.parameterCount, params, name)
            XCTAssertEqual(m.gradientCount, grads, name)
            XCTAssertEqual(m.layerCount, layers, name)
        }
        XCTAssertEqual(try model("yolo26n.yaml", nc: 3).parameterCount, 2_504_970)
    }

    func testSummaryLineAndStrides() throws {
        let m = try model("yolo26n.yaml")
        XCTAssertEqual(m.stride, [8, 16, 32])
        XCTAssertEqual(m.save, [4, 6, 10, 13, 16, 19, 22])
        XCTAssertEqual(m.summaryLine(), "YOLO26n summary: 260 layers, 2,572,280 parameters, 2,572,280 gradients, 6.2 GFLOPs")
        XCTAssertEqual(m.gflops(imgsz: 320), 1.54, accuracy: 0.01)
        XCTAssertEqual(try model("yolo11n.yaml").gflops(), 6.67, accuracy: 0.01)
        XCTAssertEqual(try model("yolov8n.yaml").gflops(), 8.86, accuracy: 0.01)
    }

    func testStateDictNamesAndShapes() throws {
        let sd = try model("yolo26n.yaml").stateDict()
        XCTAssertEqual(sd.count, 708)
        XCTAssertEqual(sd.first?.name, "model.0.conv.weight")
        XCTAssertEqual(sd.first?.tensor.shape, [16, 3, 3, 3])
        XCTAssertEqual(Array(sd.prefix(6).map(\.name)), ["model.0.conv.weight", "model.0.bn.weight", "model.0.bn.bias",
            "model.0.bn.running_mean", "model.0.bn.running_var", "model.0.bn.num_batches_tracked"])
        XCTAssertEqual(sd.last?.name, "model.23.one2one_cv3.2.2.bias")
        XCTAssertEqual(sd.last?.tensor.shape, [80])
        let v11 = try model("yolo11n.yaml").stateDict()
        XCTAssertTrue(v11.contains { $0.name == "model.23.dfl.conv.weight" && $0.tensor.shape == [1, 16, 1, 1] })
    }

    func testBiasInitialisation() throws {
        let m = try model("yolo26n.yaml")
        let sd = Dictionary(uniqueKeysWithValues: m.stateDict().map { ($0.name, $0.tensor) })
        XCTAssertEqual(sd["model.23.cv2.0.2.bias"]!.scalars, [Float](repeating: 2, count: 4))
        XCTAssertEqual(sd["model.23.cv3.2.2.bias"]!.data[0], Float(log(5.0 / 80 / pow(640.0 / 32, 2))), accuracy: 1e-6)
        XCTAssertEqual(sd["model.23.one2one_cv3.0.2.bias"]!.data[0], Float(log(5.0 / 80 / pow(640.0 / 8, 2))), accuracy: 1e-6)
    }

    func testForwardShapes() throws {
        let m = try model("yolo26n.yaml", nc: 3)
        let out = m(Tensor.zeros([2, 3, 64, 64]))
        XCTAssertEqual(out.oneToMany.boxes.shape, [2, 4, 84])
        XCTAssertEqual(out.oneToOne?.scores.shape, [2, 3, 84])
        m.eval()
        XCTAssertEqual(noGrad { m.predict(Tensor.zeros([1, 3, 64, 64])) }.shape, [1, 7, 84])
        m.detect.endToEnd = true
        XCTAssertEqual(noGrad { m.predict(Tensor.zeros([1, 3, 64, 64])) }.shape, [1, 84, 6])
    }

    func testScaleFromFileName() {
        XCTAssertEqual(ModelDefinition.scale(inFileName: "yolo26n.yaml"), "n")
        XCTAssertEqual(ModelDefinition.scale(inFileName: "path/yolov8s.yaml"), "s")
        XCTAssertNil(ModelDefinition.scale(inFileName: "custom.yaml"))
        XCTAssertEqual(ModelDefinition.unifiedName("yolo11x.yaml"), "yolo11.yaml")
    }
}

import Foundation

/// The fused inference path (BatchNorm folded, SiLU inside oneDNN's kernel) against the plain eval forward.
final class FusedInferenceTests: XCTestCase {
    func testFusedForwardMatchesUnfused() throws {
        let m = try DetectionModel(try XCTUnwrap(BuiltinModels.definition("yolo26n.yaml")), nc: 5)
        // Non-trivial BatchNorm statistics, so folding has something to fold.
        var random = RandomSource(seed: 3)
        for case let bn as BatchNorm2d in m.modules() {
            for i in 0..<bn.channels {
                bn.runningMean.mutableData[i] = random.nextNormal() * 0.1
                bn.runningVar.mutableData[i] = 0.5 + random.nextUniform()
                bn.weight.mutableData[i] = 0.5 + random.nextUniform()
            }
        }
        m.eval()
        let x = Tensor.uniform([1, 3, 96, 96], 0, 1, random: &random)
        let plain = noGrad { m.predict(x) }
        let flops = m.gflops(imgsz: 320)
        m.fuse()
        let fused = noGrad { m.predict(x) }
        var diff: Float = 0, scale: Float = 0
        for i in 0..<plain.count {
            diff = max(diff, abs(plain.data[i] - fused.data[i]))
            scale = max(scale, abs(plain.data[i]))
        }
        XCTAssertLessThan(diff / scale, 1e-4)
        XCTAssertEqual(m.gflops(imgsz: 320), flops, accuracy: 1e-9, "fused FLOPs count as unfused")
        m.train()
        XCTAssertTrue(m.modules().compactMap { $0 as? Conv }.allSatisfy { $0.fused == nil }, "train() drops fused weights")
    }
}
