import Foundation
import TorchFormat
import XCTest

/// Checks checkpoints too large to commit (e.g. full-size yolo26n/yolo11n/yolov8n, in-training and stripped) against
/// an oracle made by `torch_format_fixtures.py --describe ... --json out.json`; runs when
/// `TORCHFORMAT_EXTERNAL_JSON=out.json` is set, skipped otherwise.
final class ExternalCheckpointTests: XCTestCase {
    func testExternalCheckpointsMatchPython() throws {
        guard let path = ProcessInfo.processInfo.environment["TORCHFORMAT_EXTERNAL_JSON"], !path.isEmpty else {
            throw XCTSkip("set TORCHFORMAT_EXTERNAL_JSON to check large checkpoints described by the fixture script")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let records = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        XCTAssertFalse(records.isEmpty)
        for (file, record) in records.sorted(by: { $0.key < $1.key }) {
            let start = Date()
            let checkpoint = try TorchCheckpoint(contentsOf: URL(fileURLWithPath: file))
            let weights = try checkpoint.stateDict()
            let seconds = Date().timeIntervalSince(start)
            let unchecked = Date()
            _ = try TorchCheckpoint(contentsOf: URL(fileURLWithPath: file), verifyChecksums: false).stateDict()
            let uncheckedSeconds = Date().timeIntervalSince(unchecked)
            print("read \(file): \(weights.count) tensors in \(String(format: "%.2f", seconds)) s "
                + "(\(String(format: "%.2f", uncheckedSeconds)) s without CRC checks)")
            XCTAssertEqual(checkpoint.keys, record["top_keys"] as? [String], file)
            let values = try XCTUnwrap(record["values"] as? [String: Any])
            for key in checkpoint.keys { assertValue(checkpoint[key], matches: values[key], "\(file) \(key)") }
        }
    }
}
