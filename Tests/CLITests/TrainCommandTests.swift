import Foundation
import TestSupport
import XCTest
import YOLOCLI

/// `yolo train` end to end on a small shared dataset: run folder, results.csv, checkpoints, and clear errors.
final class TrainCommandTests: XCTestCase {
    func testTrainWritesTheRunFolder() throws {
        let folder = TestPaths.temporaryDirectory("yolo-train")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = TestPaths.dataset("shapes-synth").appendingPathComponent("data.yaml").path
        let r = run(["train", "data=\(data)", "model=yolo26n.yaml", "epochs=2", "imgsz=64", "batch=16", "workers=1"],
                    in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        let runDir = folder.appendingPathComponent("runs/detect/train")
        let csv = try String(contentsOf: runDir.appendingPathComponent("results.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, csv)
        XCTAssertEqual(String(lines[0]), "epoch,time,train/box_loss,train/cls_loss,train/l1_loss,metrics/precision(B),"
            + "metrics/recall(B),metrics/mAP50(B),metrics/mAP50-95(B),val/box_loss,val/cls_loss,val/l1_loss,lr/pg0,lr/pg1,lr/pg2")
        XCTAssertTrue(lines[2].hasPrefix("2,"), csv)
        let args = try String(contentsOf: runDir.appendingPathComponent("args.yaml"), encoding: .utf8)
        XCTAssertTrue(args.hasPrefix("task: detect\nmode: train\n"), args)
        XCTAssertTrue(args.contains("\nepochs: 2\n") && args.contains("\nimgsz: 64\n"), args)
        XCTAssertTrue(args.contains("save_dir: \(runDir.path)"), args)
        for file in ["last.pt", "best.pt"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: runDir.appendingPathComponent("weights/\(file)").path), file)
        }
        XCTAssertTrue(r.output.contains("train: 64 images"), r.output)
        XCTAssertTrue(r.output.contains("2 epochs completed"), r.output)
        // A second run goes to train2.
        let again = run(["train", "data=\(data)", "epochs=1", "imgsz=64", "batch=16", "val=False"], in: folder)
        XCTAssertEqual(again.status, 0, again.errors)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs/detect/train2/results.csv").path))
    }

    func testTrainErrorsAreClear() {
        let folder = TestPaths.temporaryDirectory("yolo-train-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let nofile = run(["train", "data=nothere.yaml"], in: folder)
        XCTAssertNotEqual(nofile.status, 0)
        XCTAssertTrue(nofile.errors.contains("nothere.yaml: no such file"), nofile.errors)
        XCTAssertTrue(nofile.errors.contains("built-in synthetic dataset"), nofile.errors)
        let data = TestPaths.dataset("coco8").appendingPathComponent("data.yaml").path
        let model = run(["train", "data=\(data)", "model=missing.pt"], in: folder)
        XCTAssertNotEqual(model.status, 0)
        XCTAssertTrue(model.errors.contains("missing.pt") && model.errors.contains("no such file"), model.errors)
        let sampler = run(["train", "data=\(data)", "sampler=rare"], in: folder)
        XCTAssertNotEqual(sampler.status, 0)
        XCTAssertTrue(sampler.errors.contains("sampler"), sampler.errors)
        let noResume = run(["train", "resume"], in: folder)
        XCTAssertNotEqual(noResume.status, 0)
        XCTAssertTrue(noResume.errors.contains("resume model=runs/detect/train/weights/last.pt"), noResume.errors)
        let fraction = run(["train", "data=\(data)", "batch=1.5"], in: folder)
        XCTAssertNotEqual(fraction.status, 0)
        for r in [nofile, model, sampler, noResume, fraction] { XCTAssertFalse(r.errors.contains("Fatal error"), r.errors) }
    }
}

/// `yolo data preview`: a JPEG grid of augmented samples in the run folder.
final class DataPreviewCommandTests: XCTestCase {
    func testPreviewWritesAJPEG() throws {
        let folder = TestPaths.temporaryDirectory("yolo-preview")
        defer { try? FileManager.default.removeItem(at: folder) }
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        var out: [String] = [], err: [String] = []
        let data = TestPaths.dataset("coco8").appendingPathComponent("data.yaml").path
        let status = YOLOCommand.main(["data", "preview", "data=\(data)", "n=4", "imgsz=160"],
                                      output: { out.append($0) }, errors: { err.append($0) })
        XCTAssertEqual(status, 0, err.joined(separator: "\n"))
        let file = folder.appendingPathComponent("runs/detect/preview/train_preview.jpg")
        let bytes = try Data(contentsOf: file)
        XCTAssertGreaterThan(bytes.count, 1000)
        XCTAssertEqual(Array(bytes.prefix(3)), [0xFF, 0xD8, 0xFF], "a JPEG file")
        XCTAssertNotEqual(YOLOCommand.main(["data", "preview"], output: { _ in }, errors: { err.append($0) }), 0)
        XCTAssertTrue(err.joined().contains("data=path/to/data.yaml"), err.joined())
    }
}
