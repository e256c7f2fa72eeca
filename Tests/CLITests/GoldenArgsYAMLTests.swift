import Foundation
import TestSupport
import XCTest

/// `args.yaml` of a real short `yolo train` run on coco8 (golden `Tests/Fixtures/CLI/args-train-coco8.yaml`, with
/// the run folder and the dataset path masked as `<tmp>` and `<shared>`).
final class GoldenArgsYAMLTests: XCTestCase {
    func testArgsYAMLOfAShortRun() throws {
        let folder = TestPaths.temporaryDirectory("yolo-args")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = GoldenCLI.run(["train", "data=\(GoldenCLI.coco8)", "epochs=1", "imgsz=64", "batch=4", "workers=1", "val=False"],
                              in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        let runDir = folder.appendingPathComponent("runs/detect/train")
        let text = try String(contentsOf: runDir.appendingPathComponent("args.yaml"), encoding: .utf8)
        // The unmasked values are the real ones.
        XCTAssertTrue(text.contains("\ndata: \(GoldenCLI.coco8)\n"), text)
        XCTAssertTrue(text.contains("\nsave_dir: \(runDir.standardizedFileURL.path)\n"), text)
        let masked = GoldenCLI.masked(text, folder: folder)
        XCTAssertFalse(masked.contains(folder.path) || masked.contains("/shared/"), masked)
        GoldenCLI.assertGolden(masked, "args-train-coco8.yaml")
        XCTAssertTrue(masked.hasPrefix("task: detect\nmode: train\nmodel: yolo26n.yaml\ndata: <shared>/datasets/coco8/data.yaml\n"
                                       + "epochs: 1\n"), masked)
        for line in ["name: train", "imgsz: 64", "batch: 4", "workers: 1", "val: false", "save_dir: <tmp>/runs/detect/train"] {
            XCTAssertTrue(masked.contains("\n\(line)\n"), line)
        }
    }
}
