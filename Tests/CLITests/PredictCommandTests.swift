import Foundation
import TestSupport
import XCTest
import YOLOCLI

/// `yolo predict` end to end: one line per image, annotated copies and labels in runs/detect/predict, broken images
/// skipped with a note, clear errors for a missing source.
final class PredictCommandTests: XCTestCase {
    func testPredictFolderWithABrokenImage() throws {
        let folder = TestPaths.temporaryDirectory("yolo-predict")
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = folder.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let val = TestPaths.dataset("coco8").appendingPathComponent("images/val")
        let names = try FileManager.default.contentsOfDirectory(atPath: val.path).sorted()
        for name in names.prefix(2) {
            try FileManager.default.copyItem(at: val.appendingPathComponent(name), to: images.appendingPathComponent(name))
        }
        try Data("not a jpeg".utf8).write(to: images.appendingPathComponent("broken.jpg"))
        let r = run(["predict", "model=yolo26n.yaml", "source=images", "imgsz=160", "conf=0.00001", "max_det=2",
                     "save_txt=True", "save_conf=True"], in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        let lines = r.output.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("WARNING ⚠️ image 3/3 \(images.path)/broken.jpg: skipped") }, r.output)
        for (i, name) in names.prefix(2).enumerated() {
            let line = try XCTUnwrap(lines.first { $0.hasPrefix("image \(i + 1)/3 \(images.path)/\(name): ") }, r.output)
            XCTAssertNotNil(line.range(of: #": \d+x\d+ (\d+ class\d+s?, )+\d+\.\dms$"#, options: .regularExpression), line)
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("Speed: ") && $0.contains("per image at shape (1, 3, ") }, r.output)
        let runDir = folder.appendingPathComponent("runs/detect/predict")
        for name in names.prefix(2) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: runDir.appendingPathComponent(name).path), name)
            let stem = (name as NSString).deletingPathExtension
            let text = try String(contentsOf: runDir.appendingPathComponent("labels/\(stem).txt"), encoding: .utf8)
            let rows = text.split(separator: "\n")
            XCTAssertEqual(rows.count, 2, text)
            for row in rows {
                let v = row.split(separator: " ").compactMap { Double($0) }
                XCTAssertEqual(v.count, 6, String(row))
                XCTAssertEqual(v[0], v[0].rounded())
                XCTAssertTrue(v[1...4].allSatisfy { $0 >= 0 && $0 <= 1 } && v[5] > 0.00001, String(row))
            }
        }
        XCTAssertTrue(r.output.contains("Results saved to \(runDir.path)\n2 labels saved to \(runDir.path)/labels"),
                      r.output)
    }

    func testMissingSourceIsAClearError() {
        let folder = TestPaths.temporaryDirectory("yolo-predict-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = run(["predict", "model=yolo26n.yaml", "source=nothing/here.jpg"], in: folder)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.errors.contains("source=nothing/here.jpg: no such file or folder"), r.errors)
        let noSource = run(["predict", "model=yolo26n.yaml"], in: folder)
        XCTAssertEqual(noSource.status, 1)
        XCTAssertTrue(noSource.errors.contains("source="), noSource.errors)
        let broken = folder.appendingPathComponent("one.jpg")
        try? Data("garbage".utf8).write(to: broken)
        let single = run(["predict", "model=yolo26n.yaml", "source=one.jpg"], in: folder)
        XCTAssertEqual(single.status, 1)
        XCTAssertTrue(single.errors.contains("cannot read the image"), single.errors)
    }
}
