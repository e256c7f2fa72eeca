import Foundation
import TestSupport
import XCTest
import YOLOCLI

/// The validation inside training and a standalone `yolo val` of the saved best.pt agree (same data, imgsz, rect
/// batches: the trainer validates with batch·2, so `yolo val` gets that batch size).
final class ValTrainingParityTests: XCTestCase {
    func testValidationInTrainingEqualsYoloValOfBestPt() throws {
        let folder = TestPaths.temporaryDirectory("yolo-val-parity")
        defer { try? FileManager.default.removeItem(at: folder) }
        // shapes-synth has 3 classes, so a model near its initial biases scores above conf 0.001 (a tiny SGD step
        // keeps it there): non-zero P and R at imgsz 320, where the initial boxes overlap the shapes.
        let data = TestPaths.dataset("shapes-synth").appendingPathComponent("data.yaml").path
        let train = run(["train", "data=\(data)", "model=yolo26n.yaml", "epochs=1", "imgsz=320", "batch=8", "workers=1",
                         "plots=False", "optimizer=SGD", "lr0=0.00001", "warmup_epochs=0"], in: folder)
        XCTAssertEqual(train.status, 0, train.errors)
        let runDir = folder.appendingPathComponent("runs/detect/train")
        let csv = try String(contentsOf: runDir.appendingPathComponent("results.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let header = try XCTUnwrap(rows.first)
        let columns = ["metrics/precision(B)", "metrics/recall(B)", "metrics/mAP50(B)", "metrics/mAP50-95(B)"]
            .map { header.firstIndex(of: $0)! }
        // best.pt is the first epoch with the highest fitness (mAP50-95).
        let epochs = rows.dropFirst().map { row in columns.map { Double(row[$0])! } }
        let best = try XCTUnwrap(epochs.enumerated().max { $0.element[3] < $1.element[3] || ($0.element[3] == $1.element[3] && $0.offset > $1.offset) }?.element)
        XCTAssertGreaterThan(best[1], 0, "recall should be non-zero so the comparison means something: \(csv)")

        let bestPath = runDir.appendingPathComponent("weights/best.pt").path
        let val = run(["val", "model=\(bestPath)", "data=\(data)", "imgsz=320", "batch=16", "plots=False"], in: folder)
        XCTAssertEqual(val.status, 0, val.errors)
        let all = try XCTUnwrap(val.output.split(separator: "\n").first { $0.hasPrefix(String(repeating: " ", count: 19) + "all") },
                                val.output)
        let standalone = all.split(separator: " ").suffix(4).map { Double($0)! }
        for (k, (a, b)) in zip(standalone, best).enumerated() {
            // The table prints 3 significant digits: allow that rounding on top of the 0.001 tolerance.
            XCTAssertEqual(a, b, accuracy: 0.001 + 0.0005 * abs(b), "\(columns[k]): yolo val \(a), training \(b)\n\(csv)")
        }
    }
}
