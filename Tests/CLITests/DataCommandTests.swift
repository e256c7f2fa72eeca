import Foundation
import TestSupport
import XCTest
import YOLOCLI
import YOLOData

/// `yolo data split|check|stats` end to end: files written, exit codes for CI, clear errors.
final class DataCommandTests: XCTestCase {
    /// A copy of raccoon in a temporary folder with 5 val images put into train: 3 byte copies, 2 resized and
    /// re-encoded. Returns the dataset folder and the planted (train copy, val original) paths.
    static func leakyRaccoon() throws -> (root: URL, planted: Set<[String]>) {
        let fm = FileManager.default
        let root = TestPaths.temporaryDirectory("yolo-leaky").appendingPathComponent("raccoon")
        try fm.copyItem(at: TestPaths.dataset("raccoon"), to: root)
        for cache in (fm.enumerator(atPath: root.path)?.allObjects as? [String] ?? []) where cache.hasSuffix(".cache") {
            try? fm.removeItem(at: root.appendingPathComponent(cache))
        }
        // raccoon-186 (val) is a burst frame of raccoon-199 (train), dHash distance 7: drop it for a clean base.
        try fm.removeItem(at: root.appendingPathComponent("images/val/raccoon-186.jpg"))
        try fm.removeItem(at: root.appendingPathComponent("labels/val/raccoon-186.txt"))
        let valFolder = root.appendingPathComponent("images/val")
        let val = try fm.contentsOfDirectory(atPath: valFolder.path).sorted()
        var planted = Set<[String]>()
        for (k, name) in [val[2], val[9], val[18], val[27], val[36]].enumerated() {
            let source = valFolder.appendingPathComponent(name)
            let target = root.appendingPathComponent("images/train/copy_\(k).jpg")
            if k < 3 {
                try fm.copyItem(at: source, to: target)
            } else {
                let image = try ImageDecoder.decode(contentsOf: source).image
                let factor = k == 3 ? 0.5 : 0.75
                let resized = Resize.bilinear(image, width: Int(Double(image.width) * factor), height: Int(Double(image.height) * factor))
                try Data(try JPEGCodec.encode(resized, quality: 70)).write(to: target)
            }
            try fm.copyItem(at: root.appendingPathComponent("labels/val/" + name.replacingOccurrences(of: ".jpg", with: ".txt")),
                            to: root.appendingPathComponent("labels/train/copy_\(k).txt"))
            planted.insert([target.standardizedFileURL.path, source.standardizedFileURL.path])
        }
        return (root, planted)
    }

    func testCheckFindsLeakageAndExitsNonZero() throws {
        let (root, planted) = try Self.leakyRaccoon()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let r = run(["data", "check", "data=data.yaml"], in: root)
        XCTAssertEqual(r.status, 1, r.output + r.errors)
        XCTAssertTrue(r.output.contains("train: 165 images"), r.output)
        XCTAssertTrue(r.output.contains("leakage: 5 pairs across splits (3 exact, 2 near, threshold 10)"), r.output)
        let pairLines = r.output.split(separator: "\n").filter { $0.contains(" ↔ ") }
        XCTAssertEqual(pairLines.count, 5, r.output)
        for pair in planted {
            XCTAssertTrue(pairLines.contains { $0.contains(pair[0]) && $0.contains(pair[1]) }, "\(pair) missing:\n\(r.output)")
        }
        // A threshold of 0 keeps the exact copies only (the resized ones differ in a few hash bits).
        let strict = run(["data", "check", "data=data.yaml", "threshold=0"], in: root)
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.output.contains("leakage: 3 pairs"), strict.output)
    }

    func testCheckOnCleanDatasetExitsZero() throws {
        let (root, planted) = try Self.leakyRaccoon()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        for pair in planted { try FileManager.default.removeItem(atPath: pair[0]) }
        let r = run(["data", "check", "data=data.yaml"], in: root)
        XCTAssertEqual(r.status, 0, r.output + r.errors)
        XCTAssertTrue(r.output.contains("leakage: none — 199 images"), r.output)
        // The shared raccoon itself holds one burst pair across its splits: a real finding.
        let shared = run(["data", "check", "data=\(TestPaths.dataset("raccoon").path)/data.yaml"], in: root)
        XCTAssertEqual(shared.status, 1, shared.output)
        XCTAssertTrue(shared.output.contains("raccoon-199.jpg ↔ val ") && shared.output.contains("raccoon-186.jpg: near, distance 7"), shared.output)
    }

    func testStatsPrintsTheClassTable() {
        let folder = TestPaths.temporaryDirectory("yolo-stats")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = run(["data", "stats", "data=\(TestPaths.dataset("coco8").path)/data.yaml", "imgsz=640"], in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        let person = r.output.split(separator: "\n").first { $0.hasPrefix("person ") }
        // coco8: no person in train, 10 persons in 3 val images.
        XCTAssertEqual(person?.split(separator: " ").map(String.init), ["person", "0", "0", "10", "3"], r.output)
        XCTAssertTrue(r.output.contains("classes: 12 present of 80 (68 without any instance)"), r.output)
        XCTAssertTrue(r.output.contains("Boxes at imgsz=640"), r.output)
        XCTAssertTrue(r.output.contains("classes missing from a split: 11"), r.output)
    }

    func testSplitWritesTheReferenceLists() throws {
        let folder = TestPaths.temporaryDirectory("yolo-split")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        try fm.copyItem(at: TestPaths.dataset("coco128").appendingPathComponent("images/train2017"),
                        to: folder.appendingPathComponent("images"))
        try fm.copyItem(at: TestPaths.dataset("coco128").appendingPathComponent("labels/train2017"),
                        to: folder.appendingPathComponent("labels"))
        let r = run(["data", "split", "path=images", "weights=0.8,0.2,0.0", "seed=0"], in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        XCTAssertTrue(r.output.contains("Autosplitting 128 images"), r.output)
        XCTAssertTrue(r.output.contains("102 train, 26 val, 0 test"), r.output)
        let train = try String(contentsOf: folder.appendingPathComponent("autosplit_train.txt"), encoding: .utf8)
        XCTAssertEqual(train.split(separator: "\n").count, 102)
        XCTAssertTrue(train.hasPrefix("./images/0000000"), train)
        XCTAssertFalse(fm.fileExists(atPath: folder.appendingPathComponent("autosplit_test.txt").path))
        let missing = run(["data", "split"], in: folder)
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.errors.contains("path=<images folder>"), missing.errors)
        let notAFolder = run(["data", "split", "path=nothere"], in: folder)
        XCTAssertNotEqual(notAFolder.status, 0)
        XCTAssertTrue(notAFolder.errors.contains("path=") && notAFolder.errors.contains("not a folder"), notAFolder.errors)
    }

    func testCheckAndStatsNeedData() {
        let folder = TestPaths.temporaryDirectory("yolo-data-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        for mode in ["check", "stats"] {
            let r = run(["data", mode], in: folder)
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.errors.contains("data=path/to/data.yaml"), r.errors)
            let nofile = run(["data", mode, "data=nothere.yaml"], in: folder)
            XCTAssertTrue(nofile.errors.contains("nothere.yaml: no such file"), nofile.errors)
        }
    }
}
