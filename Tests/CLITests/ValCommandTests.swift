import Foundation
import TestSupport
import XCTest
import YOLOCLI

/// `yolo val` end to end on coco8: the reference's table layout, the run folder, `save_json`/`save_txt`, and errors.
final class ValCommandTests: XCTestCase {
    var coco8: String { TestPaths.dataset("coco8").appendingPathComponent("data.yaml").path }

    func testValPrintsTheTableAndWritesTheRunFolder() throws {
        let folder = TestPaths.temporaryDirectory("yolo-val")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = run(["val", "model=yolo26n.yaml", "data=\(coco8)", "imgsz=64", "batch=4", "save_json=True",
                     "save_txt=True", "save_conf=True", "conf=0.0001"], in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        let lines = r.output.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("WARNING ⚠️ validating an untrained model YAML will result in 0 mAP."), r.output)
        XCTAssertTrue(lines.contains("                 Class     Images  Instances      Box(P          R      mAP50  mAP50-95)"),
                      r.output)
        let all = try XCTUnwrap(lines.first { $0.hasPrefix("                   all") }, r.output)
        let fields = all.split(separator: " ")
        XCTAssertEqual(fields.count, 7, all)
        XCTAssertEqual(fields[1], "4")  // images
        XCTAssertEqual(fields[2], "17")  // instances in coco8 val
        XCTAssertTrue(lines.contains { $0.hasPrefix("                person") }, "per-class rows")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Speed: ") && $0.hasSuffix("ms postprocess per image") }, r.output)
        let runDir = folder.appendingPathComponent("runs/detect/val")
        let json = try Data(contentsOf: runDir.appendingPathComponent("predictions.json"))
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        XCTAssertFalse(rows.isEmpty)
        XCTAssertEqual(Set(rows.flatMap { $0.keys }), ["image_id", "file_name", "category_id", "bbox", "score"])
        let labels = try FileManager.default.contentsOfDirectory(atPath: runDir.appendingPathComponent("labels").path)
        XCTAssertFalse(labels.isEmpty)
        for name in labels {
            let text = try String(contentsOf: runDir.appendingPathComponent("labels/\(name)"), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let v = line.split(separator: " ").compactMap { Double($0) }
                XCTAssertEqual(v.count, 6, String(line))
                XCTAssertTrue(v[1...4].allSatisfy { $0 >= 0 && $0 <= 1 }, String(line))
            }
        }
        XCTAssertTrue(r.output.contains("Results saved to \(runDir.path)"), r.output)
        let second = run(["val", "model=yolo26n.yaml", "data=\(coco8)", "imgsz=64", "nms=False", "plots=False"],
                         in: folder)
        XCTAssertEqual(second.status, 0, second.errors)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs/detect/val2").path))
    }

    func testValErrorsNameTheProblem() {
        let folder = TestPaths.temporaryDirectory("yolo-val-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let noData = run(["val", "model=yolo26n.yaml", "data=nowhere/data.yaml"], in: folder)
        XCTAssertEqual(noData.status, 1)
        XCTAssertTrue(noData.errors.contains("data=nowhere/data.yaml: no such file"), noData.errors)
        let noModel = run(["val", "model=missing.pt", "data=\(coco8)"], in: folder)
        XCTAssertEqual(noModel.status, 1)
        XCTAssertTrue(noModel.errors.contains("missing.pt: no such file"), noModel.errors)
        let badSplit = run(["val", "model=yolo26n.yaml", "data=\(coco8)", "split=test"], in: folder)
        XCTAssertEqual(badSplit.status, 1)
        XCTAssertTrue(badSplit.errors.contains("no 'test' split"), badSplit.errors)
    }
}
