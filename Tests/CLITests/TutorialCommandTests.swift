import Configuration
import Foundation
import TestSupport
import Training
import XCTest
import YOLOCLI

/// Requests a clean stop (as Ctrl-C does) at the end of epoch `epoch` (1-based), so a run can be resumed.
final class TutorialStop: TrainingCallback {
    let epoch: Int
    init(after epoch: Int) { self.epoch = epoch }
    func fitEpochEnd(_ run: TrainingRun, result: EpochResult) {
        if result.epoch == epoch { StopRequest.request() }
    }
}

/// The tutorial's commands, verbatim but for epochs/imgsz, on coco8 in a temporary folder.
final class TutorialCommandTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = TestPaths.temporaryDirectory("yolo-tutorial")
        // The tutorial's `data=data.yaml`: a data.yaml in the current folder, pointing at the shared coco8 images.
        let coco8 = TestPaths.dataset("coco8").path
        let names = try String(contentsOfFile: GoldenCLI.coco8, encoding: .utf8)
            .components(separatedBy: "\nnames:\n")[1]
        try "path: \(coco8)\ntrain: images/train\nval: images/val\nnames:\n\(names)"
            .write(to: folder.appendingPathComponent("data.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    func args(_ run: URL) throws -> String {
        try String(contentsOf: run.appendingPathComponent("args.yaml"), encoding: .utf8)
    }

    func csvRows(_ run: URL) throws -> [Substring] {
        try String(contentsOf: run.appendingPathComponent("results.csv"), encoding: .utf8).split(separator: "\n").dropFirst().map { $0 }
    }

    /// `yolo train model=<our .pt> data=data.yaml epochs=100 imgsz=640 batch=-1`: transfer from our own checkpoint, AutoBatch.
    func testTrainFromOurCheckpointWithAutoBatch() throws {
        let first = GoldenCLI.run(["train", "data=data.yaml", "epochs=1", "imgsz=64", "batch=4", "workers=1", "val=False"], in: folder)
        XCTAssertEqual(first.status, 0, first.errors)
        let weights = "runs/detect/train/weights/last.pt"
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(weights).path))
        let r = GoldenCLI.run(["train", "model=\(weights)", "data=data.yaml", "epochs=1", "imgsz=64", "batch=-1"], in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        XCTAssertTrue(r.output.contains("AutoBatch: Using batch-size "), r.output)
        let transferred = try XCTUnwrap(r.output.split(separator: "\n").first { $0.hasPrefix("Transferred ") }, r.output)
        let counts = transferred.split(separator: " ")[1].split(separator: "/").compactMap { Int($0) }
        XCTAssertEqual(counts.count, 2, String(transferred))
        XCTAssertEqual(counts.first, counts.last, "same classes: every tensor transfers: \(transferred)")
        let run = folder.appendingPathComponent("runs/detect/train2")
        let text = try args(run)
        let batch = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("batch: ") })
        XCTAssertGreaterThan(Int(batch.dropFirst(7)) ?? 0, 0, "args.yaml records the batch AutoBatch chose: \(batch)")
        XCTAssertTrue(text.contains("\nmodel: \(weights)\n") || text.contains("\nmodel: \(folder.path)/\(weights)\n"), text)
        XCTAssertEqual(try csvRows(run).count, 1)
    }

    /// `yolo train resume model=path/to/last.pt` continues a run stopped after epoch 1 of 3 in the same folder.
    func testResumeAStoppedRun() throws {
        let stopped = try YOLO("yolo26n.yaml", log: { _ in }, currentDirectory: folder)
            .train(data: "data.yaml", epochs: 3, imgsz: 64, batch: 4, callbacks: [TutorialStop(after: 1)],
                   ["workers": .int(1), "val": .bool(false)])
        XCTAssertEqual(stopped.results.map(\.epoch), [1])
        XCTAssertEqual(try csvRows(stopped.saveDir).count, 1)
        let r = GoldenCLI.run(["train", "resume", "model=runs/detect/train/weights/last.pt"], in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        XCTAssertTrue(r.output.contains("Resuming training"), r.output)
        XCTAssertEqual(try csvRows(stopped.saveDir).map { $0.split(separator: ",")[0] }, ["1", "2", "3"],
                       "the resumed epochs are appended to the same results.csv")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs/detect/train2").path),
                       "resume continues in the stopped run's folder")
        let again = GoldenCLI.run(["train", "resume", "model=runs/detect/train/weights/last.pt"], in: folder)
        XCTAssertNotEqual(again.status, 0, "a finished run is not resumed again")
        XCTAssertTrue(again.errors.contains("finished all 3 epochs"), again.errors)
    }

    /// The tutorial's experiment.yaml (task, mode, model, data, epochs, batch, imgsz).
    static let experiment = """
        # experiment.yaml
        task: detect
        mode: train
        model: yolo26n.yaml
        data: data.yaml
        epochs: 2
        batch: 4
        imgsz: 64
        """

    /// `yolo cfg=experiment.yaml` runs the file's mode with the file's keys.
    func testConfigFileAlone() throws {
        try Self.experiment.write(to: folder.appendingPathComponent("experiment.yaml"), atomically: true, encoding: .utf8)
        let r = GoldenCLI.run(["cfg=experiment.yaml"], in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        let run = folder.appendingPathComponent("runs/detect/train")
        let text = try args(run)
        for line in ["task: detect", "mode: train", "model: yolo26n.yaml", "epochs: 2", "batch: 4", "imgsz: 64",
                     "cfg: experiment.yaml", "data: \(folder.standardizedFileURL.path)/data.yaml"] {
            XCTAssertTrue(text.contains("\n\(line)\n") || text.hasPrefix("\(line)\n"), "\(line)\n\(text)")
        }
        XCTAssertEqual(try csvRows(run).count, 2)
    }

    /// `model.train(cfg: "experiment.yaml", augmentations: [.blur(limit: 3, p: 0.5)])`: file keys and the custom
    /// transform both reach args.yaml.
    func testSwiftAPIWithConfigFileAndCustomAugmentation() throws {
        try Self.experiment.replacingOccurrences(of: "epochs: 2", with: "epochs: 1")
            .write(to: folder.appendingPathComponent("experiment.yaml"), atomically: true, encoding: .utf8)
        var lines: [String] = []
        let run = try YOLO("yolo26n.yaml", log: { lines.append($0) }, currentDirectory: folder)
            .train(cfg: "experiment.yaml", augmentations: [.blur(limit: 3, p: 0.5)], ["workers": .int(1), "val": .bool(false)])
        XCTAssertEqual(run.results.count, 1)
        let text = try args(run.saveDir)
        // The API records blur_limit as 3.0 (a float), the command line as 3: both read back as 3.
        XCTAssertNotNil(text.range(of: "\naugmentations:\n- Blur:\n    blur_limit: 3(\\.0)?\n    p: 0.5\n", options: .regularExpression), text)
        for line in ["epochs: 1", "batch: 4", "imgsz: 64", "cfg: experiment.yaml"] {
            XCTAssertTrue(text.contains("\n\(line)\n"), "\(line)\n\(text)")
        }
    }

    /// `yolo settings tensorboard=True` persists in `$YOLO_CONFIG_DIR`, `yolo settings` shows it, `yolo settings reset` undoes it.
    func testSettingsTensorBoard() throws {
        let previous = ProcessInfo.processInfo.environment["YOLO_CONFIG_DIR"]
        let config = folder.appendingPathComponent("config")
        setenv("YOLO_CONFIG_DIR", config.path, 1)
        defer { if let previous { setenv("YOLO_CONFIG_DIR", previous, 1) } else { unsetenv("YOLO_CONFIG_DIR") } }
        let file = config.appendingPathComponent("YOLOSwift/settings.json")

        let set = GoldenCLI.run(["settings", "tensorboard=True"], in: folder)
        XCTAssertEqual(set.status, 0, set.errors)
        XCTAssertTrue(set.output.contains("\"tensorboard\": true"), set.output)
        XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).contains("\"tensorboard\": true"))
        let show = GoldenCLI.run(["settings"], in: folder)
        XCTAssertEqual(show.status, 0, show.errors)
        XCTAssertTrue(show.output.contains(file.path) && show.output.contains("\"tensorboard\": true"), show.output)

        let reset = GoldenCLI.run(["settings", "reset"], in: folder)
        XCTAssertEqual(reset.status, 0, reset.errors)
        XCTAssertTrue(reset.output.contains("\"tensorboard\": false"), reset.output)
        XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).contains("\"tensorboard\": false"))
    }
}
