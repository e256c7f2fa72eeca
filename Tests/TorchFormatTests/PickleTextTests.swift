import Foundation
import TorchFormat
import XCTest

/// The model `yaml` of a checkpoint can be turned back into text for the model-definition parser.
final class PickleTextTests: XCTestCase {
    func testCheckpointYAMLBecomesParsableFlowText() throws {
        for name in ["tiny-yolo26-last.pt", "tiny-yolo26-resumable.pt"] {
            let checkpoint = try loadFixture(name)
            let yaml = try XCTUnwrap(checkpoint.modelYAML, name)
            let text = try yaml.yamlFlowText()
            // String keys only, so the flow text is JSON: parse it back and compare with Python's dict.
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            XCTAssertEqual(parsed?["nc"] as? Int, 3)
            XCTAssertEqual(parsed?["scales"] as? [String: [Double]], ["n": [0.33, 0.0625, 128]])
            let backbone = try XCTUnwrap(parsed?["backbone"] as? [[Any]])
            XCTAssertEqual(backbone.first?[2] as? String, "Conv")
            let expected = try ExpectedValues.record(name)
            let values = try XCTUnwrap(expected["values"] as? [String: Any])
            let module = try XCTUnwrap(values[name.contains("last") ? "model" : "ema"] as? [String: Any])
            let attributes = try XCTUnwrap(module["attributes"] as? [String: Any])
            assertValue(yaml, matches: attributes["yaml"], "\(name) yaml")
        }
    }

    func testFlowTextOfScalarsAndKeys() throws {
        let value = PickleValue.dict([
            PickleDictItem(.int(0), .string("a \"b\"\n")), PickleDictItem(.string("f"), .list([
                .float(1e-05), .float(2), .float(-.infinity), .none, .bool(true), .tuple([.int(-1)]),
            ])),
        ])
        XCTAssertEqual(try value.yamlFlowText(), #"{0: "a \"b\"\n", "f": [1.0e-05, 2.0, -.inf, null, true, [-1]]}"#)
        XCTAssertThrowsError(try PickleValue.tensor(TorchTensor(floats: [1], shape: [1])).yamlFlowText())
    }
}
