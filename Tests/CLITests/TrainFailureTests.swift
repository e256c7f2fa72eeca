import Configuration
import Foundation
import TestSupport
import TorchFormat
import Training
import XCTest
import YOLOCLI

/// Records which end of a run the callbacks saw.
final class EndRecorder: TrainingCallback {
    var started = 0, ended = 0, stoppedByRequest = false
    var failures: [String] = []
    func trainStart(_ run: TrainingRun) { started += 1 }
    func trainEnd(_ run: TrainingRun) { ended += 1; stoppedByRequest = run.stoppedByRequest }
    func trainFailed(_ run: TrainingRun, error: Error) { failures.append("\(error)") }
}

/// A run that fails after it started tells its callbacks (MLflow closes its run FAILED); a run stopped by request ends
/// with `trainEnd` and `stoppedByRequest` (MLflow: KILLED); a finished run's checkpoints are stripped.
final class TrainFailureTests: XCTestCase {
    let data = TestPaths.dataset("coco8").appendingPathComponent("data.yaml").path

    func train(_ folder: URL, name: String, epochs: Int, callbacks: [TrainingCallback]) throws -> TrainingOutcome {
        try YOLO("yolo26n.yaml", log: { _ in }, currentDirectory: folder).train(
            data: data, epochs: epochs, imgsz: 64, batch: 4, callbacks: callbacks,
            ["workers": .int(1), "project": .string("runs"), "name": .string(name), "exist_ok": .bool(true),
             "plots": .bool(false)])
    }

    func testAnErrorAfterTheStartReachesTheCallbacks() throws {
        let folder = TestPaths.temporaryDirectory("yolo-train-failure")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A non-empty folder where last.pt goes: the first checkpoint write fails.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("runs/broken/weights/last.pt/x"),
                                                withIntermediateDirectories: true)
        let recorder = EndRecorder()
        XCTAssertThrowsError(try train(folder, name: "broken", epochs: 2, callbacks: [recorder])) { error in
            XCTAssertTrue("\(error)".contains("last.pt"), "\(error)")
        }
        XCTAssertEqual(recorder.started, 1)
        XCTAssertEqual(recorder.ended, 0)
        XCTAssertEqual(recorder.failures.count, 1, "\(recorder.failures)")
    }

    func testStopByRequestEndsWithTrainEndAndAResumableLastPt() throws {
        let folder = TestPaths.temporaryDirectory("yolo-train-stopped")
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = EndRecorder()
        let stopped = try train(folder, name: "stopped", epochs: 3, callbacks: [recorder, StopAt(epoch: 1)])
        XCTAssertEqual(recorder.ended, 1)
        XCTAssertTrue(recorder.stoppedByRequest)
        XCTAssertTrue(recorder.failures.isEmpty)
        let last = try TorchCheckpoint(contentsOf: stopped.last)
        XCTAssertFalse(TrainingCheckpoint.isFinished(last))
        XCTAssertNotEqual(last["optimizer"], PickleValue.none)
    }

    func testAFinishedRunsCheckpointsAreStripped() throws {
        let folder = TestPaths.temporaryDirectory("yolo-train-finished")
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = EndRecorder()
        let done = try train(folder, name: "done", epochs: 1, callbacks: [recorder])
        XCTAssertEqual(recorder.ended, 1)
        XCTAssertFalse(recorder.stoppedByRequest)
        for url in [done.last, done.best] {
            let file = try TorchCheckpoint(contentsOf: url)
            XCTAssertTrue(TrainingCheckpoint.isFinished(file), url.path)
            XCTAssertEqual(try file.stateDict("model")["model.0.conv.weight"]?.dtype, .float32)
            XCTAssertEqual(file["optimizer"], PickleValue.none)
            XCTAssertEqual(file["ema"], PickleValue.none)
            // yolo26n's weights in float32 are ~10 MB (a resumable last.pt with EMA, optimizer and gradients ~50 MB).
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            XCTAssertLessThan(size, 12_000_000, url.path)
        }
    }
}
