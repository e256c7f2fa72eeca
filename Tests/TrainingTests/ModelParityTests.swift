import Foundation
import Models
import Tensors
import TestSupport
import Training
import XCTest

/// Our forward against Ultralytics 8.4.190 (`tools/fixtures/model_forward.py`): YOLO26n, YOLO11n and YOLOv8n with
/// formula weights at 320 and 640, eval (decoded one-to-many; YOLO26 also the end-to-end top-300) and train mode
/// (raw heads, batch statistics), plus a real trained checkpoint loaded through `CheckpointLoader`. Every output must
/// match within 1e-4 relative (max |Δ| / max |ref|).
final class ModelParityTests: XCTestCase {
    static let tolerance = 1e-4

    func testYOLO26n320Eval() throws { try check("yolo26n-320-eval") }
    func testYOLO26n320Train() throws { try check("yolo26n-320-train") }
    func testYOLO26n640Eval() throws { try check("yolo26n-640-eval") }
    func testYOLO26n640Train() throws { try check("yolo26n-640-train") }
    func testYOLO11n320Eval() throws { try check("yolo11n-320-eval") }
    func testYOLO11n320Train() throws { try check("yolo11n-320-train") }
    func testYOLO11n640Eval() throws { try check("yolo11n-640-eval") }
    func testYOLO11n640Train() throws { try check("yolo11n-640-train") }
    func testYOLOv8n320Eval() throws { try check("yolov8n-320-eval") }
    func testYOLOv8n320Train() throws { try check("yolov8n-320-train") }
    func testYOLOv8n640Eval() throws { try check("yolov8n-640-eval") }
    func testYOLOv8n640Train() throws { try check("yolov8n-640-train") }
    func testTrainedCheckpoint320Eval() throws { try check("tiny-yolo26-320-eval") }
    func testTrainedCheckpoint128Train() throws { try check("tiny-yolo26-128-train") }

    func testEveryFixtureCaseHasATest() throws {
        let names = try ForwardManifest.load().cases.map(\.name)
        XCTAssertEqual(Set(names).count, 14, "model_forward.py changed its cases; add a test method per case: \(names)")
    }

    /// The formula reproduces the reference's state-dict names, shapes and weight sums.
    func testFormulaWeightsMatchTheReference() throws {
        let manifest = try ForwardManifest.load()
        for (name, reference) in manifest.models.sorted(by: { $0.key < $1.key }) {
            let model = try DetectionModel(try XCTUnwrap(BuiltinModels.definition(name)))
            let (sum, absSum) = FormulaWeights.apply(to: model)
            let ours = model.stateDict()
            XCTAssertEqual(ours.map(\.name), reference.stateDict.map(\.name), name)
            XCTAssertEqual(ours.map(\.tensor.shape), reference.stateDict.map(\.shape), name)
            XCTAssertEqual(sum, try XCTUnwrap(Double(reference.sum)), accuracy: 1e-9 * absSum, name)
            XCTAssertEqual(absSum, try XCTUnwrap(Double(reference.absSum)), accuracy: 1e-9 * absSum, name)
        }
    }

    // MARK: - Running one case

    func check(_ caseName: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let manifest = try ForwardManifest.load()
        let spec = try XCTUnwrap(
            manifest.cases.first { $0.name == caseName }, "no case \(caseName)", file: file, line: line)
        let model: DetectionModel
        if spec.weights == "checkpoint" {
            let loaded = try CheckpointLoader.load(contentsOf: TestPaths.packageRoot.appendingPathComponent(spec.model))
            model = loaded.model
        } else {
            model = try DetectionModel(try XCTUnwrap(BuiltinModels.definition(spec.model)))
            FormulaWeights.apply(to: model)
        }
        let x = FormulaWeights.input(batch: spec.batch, size: spec.imgsz)
        var ours: [String: Tensor] = [:]
        if spec.mode == "eval" {
            model.eval()
            ours["decoded"] = noGrad { model.predict(x) }
            if model.detect.oneToOneCv2 != nil {
                model.detect.endToEnd = true
                ours["end2end"] = noGrad { model.predict(x) }
            }
        } else {
            model.train()
            let out = noGrad { model(x) }
            ours["one2many-boxes"] = out.oneToMany.boxes
            ours["one2many-scores"] = out.oneToMany.scores
            ours["one2one-boxes"] = out.oneToOne?.boxes
            ours["one2one-scores"] = out.oneToOne?.scores
        }
        XCTAssertEqual(Set(ours.keys), Set(spec.outputs.map(\.key)), caseName, file: file, line: line)
        for output in spec.outputs {
            let tensor = try XCTUnwrap(ours[output.key], file: file, line: line)
            XCTAssertEqual(tensor.shape, output.shape, "\(caseName) \(output.key)", file: file, line: line)
            guard tensor.shape == output.shape else { continue }
            let reference = try ForwardManifest.samples(output)
            let errors = ForwardComparison.errors(
                tensor, reference, output: output, tolerance: Self.tolerance, file: file, line: line)
            for (part, error) in errors {
                print(
                    "PARITY \(caseName) \(output.key)\(part.isEmpty ? "" : " " + part): "
                        + String(format: "%.3g", error))
                XCTAssertLessThanOrEqual(
                    error, Self.tolerance, "\(caseName) \(output.key) \(part)", file: file, line: line)
            }
        }
    }
}
