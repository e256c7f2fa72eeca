import Foundation
import TestSupport
@testable import TorchFormat
import XCTest

/// Reads the committed real Ultralytics checkpoints and torch.save files and compares them with the Python oracle.
final class ReaderFixtureTests: XCTestCase {
    func testStrippedCheckpointMatchesPython() throws {
        let checkpoint = try loadFixture("tiny-yolo26-last.pt")
        let expected = try ExpectedValues.record("tiny-yolo26-last.pt")
        XCTAssertEqual(checkpoint.keys, expected["top_keys"] as? [String])
        XCTAssertEqual(checkpoint.archivePrefix, "last/", "torch names the folder after the file stem")
        try assertCheckpointValues(checkpoint, expected)
        // The stripped file's weights are the fp16 EMA stored under `model`.
        let weights = try checkpoint.stateDict()
        XCTAssertEqual(weights.count, 708)
        XCTAssertEqual(weights.names.first, "model.0.conv.weight")
        XCTAssertEqual(weights.names.last, "model.23.one2one_cv3.2.2.bias")
    }

    func testResumableCheckpointMatchesPython() throws {
        let checkpoint = try loadFixture("tiny-yolo26-resumable.pt")
        let expected = try ExpectedValues.record("tiny-yolo26-resumable.pt")
        XCTAssertEqual(checkpoint.keys, expected["top_keys"] as? [String])
        XCTAssertEqual(checkpoint.archivePrefix, "archive/", "the trainer saves through a BytesIO")
        try assertCheckpointValues(checkpoint, expected)
        XCTAssertEqual(checkpoint["epoch"], .int(0))
        XCTAssertEqual(try checkpoint.stateDict(), try checkpoint.stateDict("ema"), "resumable weights are the EMA")
        // The EMA keeps its args as an IterableSimpleNamespace object with the settings in its state.
        let args = checkpoint["ema"]?["args"]
        XCTAssertEqual(args?.object?.className, "ultralytics.utils.IterableSimpleNamespace")
        XCTAssertEqual(args?["imgsz"], .int(64))
    }

    func testModuleAttributesMatchPython() throws {
        let checkpoint = try loadFixture("tiny-yolo26-last.pt")
        let expected = try ExpectedValues.record("tiny-yolo26-last.pt")
        let values = try XCTUnwrap(expected["values"] as? [String: Any])
        let attributes = try XCTUnwrap((values["model"] as? [String: Any])?["attributes"] as? [String: Any])
        let model = try XCTUnwrap(checkpoint["model"])
        XCTAssertEqual(model.object?.className, "ultralytics.nn.tasks.DetectionModel")
        for name in ["yaml", "names", "stride"] { assertValue(model[name], matches: attributes[name], "model.\(name)") }
        let layers = try XCTUnwrap(model["_modules"]?["model"]?["_modules"]?.dictItems)
        let detect = try XCTUnwrap(layers.last?.value)
        XCTAssertEqual(detect.object?.className, attributes["detect_class"] as? String)
        assertValue(detect["anchors"], matches: attributes["detect_anchors"], "Detect.anchors")
        assertValue(detect["strides"], matches: attributes["detect_strides"], "Detect.strides")
        assertValue(detect["shape"], matches: attributes["detect_shape"], "Detect.shape")
        // The anchors are a transposed view: reading them must follow the strides.
        let anchors = try XCTUnwrap(detect["anchors"]?.tensor)
        XCTAssertFalse(anchors.isContiguous)
        XCTAssertEqual(Array(anchors.floats().prefix(2)), [0.5, 1.5])
    }

    func testPlainStateDictMatchesPython() throws {
        let checkpoint = try loadFixture("tiny-yolo26-state-dict.pt")
        let expected = try ExpectedValues.record("tiny-yolo26-state-dict.pt")
        assertValue(checkpoint.root, matches: expected, "state dict")
        let weights = try checkpoint.stateDict()
        let stripped = try loadFixture("tiny-yolo26-last.pt").stateDict()
        XCTAssertEqual(weights.names, stripped.names)
        for (saved, half) in zip(weights, stripped) where half.tensor.dtype == .float16 {
            XCTAssertEqual(saved.tensor.dtype, .float32)
            XCTAssertEqual(saved.tensor.floats(), half.tensor.floats(), "\(saved.name): .float() of fp16 is exact")
        }
    }

    func testEveryDtypeAndViewMatchesPython() throws {
        let checkpoint = try loadFixture("dtypes.pt")
        assertValue(checkpoint.root, matches: try ExpectedValues.record("dtypes.pt"), "dtypes")
        let expanded = try XCTUnwrap(checkpoint["expanded"]?.tensor)
        XCTAssertEqual(expanded.strides, [0, 1])
        XCTAssertEqual(expanded.floats(), [1.5, -2, 3.25, 1.5, -2, 3.25, 1.5, -2, 3.25, 1.5, -2, 3.25])
        let transposed = try XCTUnwrap(checkpoint["f32_transposed"]?.tensor)
        XCTAssertEqual(transposed.storage.key, checkpoint["f32"]?.tensor?.storage.key, "views share one storage")
        XCTAssertEqual(checkpoint["i64"]?.tensor?.int64s().first, -6_000_000_042)
    }

    func testPythonValuesMatchForEveryProtocol() throws {
        let expected = try ExpectedValues.record("values")
        for protocolVersion in [2, 4, 5] {
            let checkpoint = try loadFixture("values-p\(protocolVersion).pt")
            assertValue(checkpoint.root, matches: expected, "protocol \(protocolVersion)")
        }
    }

    func testNumPyScalarsBecomePlainNumbers() throws {
        let expected = try ExpectedValues.record("numpy")
        for protocolVersion in [2, 4] {
            let checkpoint = try loadFixture("numpy-p\(protocolVersion).pt")
            assertValue(checkpoint.root, matches: expected, "numpy protocol \(protocolVersion)")
        }
    }

    /// Compares every top-level value of `checkpoint` with the oracle (modules through their state dicts).
    private func assertCheckpointValues(_ checkpoint: TorchCheckpoint, _ expected: [String: Any],
                                        file: StaticString = #filePath, line: UInt = #line) throws {
        let values = try XCTUnwrap(expected["values"] as? [String: Any])
        for key in checkpoint.keys {
            assertValue(checkpoint[key], matches: values[key], key, file: file, line: line)
        }
    }
}
