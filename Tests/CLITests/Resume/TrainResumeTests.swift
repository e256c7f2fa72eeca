import Configuration
import Foundation
import TestSupport
import TorchFormat
import Training
import XCTest
import YOLOData
import YOLOCLI

/// Requests a clean stop (as Ctrl-C does) at a chosen point of a run.
final class StopAt: TrainingCallback {
    let epoch: Int, batch: Int?
    init(epoch: Int, batch: Int? = nil) { (self.epoch, self.batch) = (epoch, batch) }
    func trainBatchEnd(_ run: TrainingRun, batch: Batch, iteration: Int) {
        if let b = self.batch, run.epoch == epoch, batch.index + 1 == b { StopRequest.request() }
    }
    func fitEpochEnd(_ run: TrainingRun, result: EpochResult) {
        if batch == nil, result.epoch == epoch { StopRequest.request() }
    }
}

/// Resume: stopping (at an epoch boundary or mid-epoch) and resuming gives the same rows and weights as one straight run.
final class TrainResumeTests: XCTestCase {
    let data = TestPaths.dataset("coco8").appendingPathComponent("data.yaml").path
    let settings: [String: ConfigValue] = ["workers": .int(1), "seed": .int(3), "project": .string("runs"),
                                           "save_period": .int(1)]

    func train(_ folder: URL, name: String, epochs: Int = 4, batch: Int = 2, callbacks: [TrainingCallback] = [],
               _ extra: [String: ConfigValue] = [:]) throws -> TrainingOutcome {
        let model = YOLO("yolo26n.yaml", log: { _ in }, currentDirectory: folder)
        return try model.train(data: data, epochs: epochs, imgsz: 64, batch: batch, callbacks: callbacks,
                               settings.merging(extra) { _, b in b }.merging(["name": .string(name)]) { _, b in b })
    }

    /// results.csv rows without the time column.
    func rows(_ run: TrainingOutcome) throws -> [String] {
        try String(contentsOf: run.saveDir.appendingPathComponent("results.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset != 1 }.map(\.element).joined(separator: ",") }
    }

    func weights(_ url: URL, _ key: String) throws -> [String: [Float]] {
        let c = try TorchCheckpoint(contentsOf: url)
        return Dictionary(uniqueKeysWithValues: try c.stateDict(key).map { ($0.name, $0.tensor.floats()) })
    }

    /// Same results.csv rows; same model and EMA tensors in the last epoch's unstripped `epoch{N}.pt` (save_period 1),
    /// and the same float16 weights in the finished (stripped) last.pt.
    func assertSameRun(_ a: TrainingOutcome, _ b: TrainingOutcome, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try rows(a), try rows(b), file: file, line: line)
        let lastEpoch = "weights/epoch\(try XCTUnwrap(a.results.last?.epoch) - 1).pt"
        for (url, key) in [(lastEpoch, "model"), (lastEpoch, "ema"), ("weights/last.pt", "model")] {
            let wa = try weights(a.saveDir.appendingPathComponent(url), key)
            let wb = try weights(b.saveDir.appendingPathComponent(url), key)
            XCTAssertEqual(wa.count, wb.count, file: file, line: line)
            XCTAssertGreaterThan(wa.count, 300, file: file, line: line)
            let different = wa.keys.filter { wa[$0] != wb[$0] }.sorted()
            XCTAssertTrue(different.isEmpty, "\(url) \(key): \(different.count) tensors differ, e.g. \(different.prefix(3))",
                          file: file, line: line)
        }
    }

    func testResumeAtAnEpochBoundaryRepeatsTheStraightRun() throws {
        let folder = TestPaths.temporaryDirectory("yolo-resume")
        defer { try? FileManager.default.removeItem(at: folder) }
        let straight = try train(folder, name: "straight")
        let stopped = try train(folder, name: "stopped", callbacks: [StopAt(epoch: 2)])
        XCTAssertEqual(stopped.results.count, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stopped.saveDir.appendingPathComponent("weights/epoch2.pt").path))
        var lines: [String] = []
        let resumed = try YOLO(stopped.last.path, log: { lines.append($0) }, currentDirectory: folder).train(resume: true)
        XCTAssertEqual(resumed.saveDir.standardizedFileURL.path, stopped.saveDir.standardizedFileURL.path)
        XCTAssertTrue(stopped.saveDir.path.hasPrefix(folder.path), "runs go under the API's current directory")
        XCTAssertEqual(resumed.results.map(\.epoch), [3, 4])
        XCTAssertTrue(lines.contains { $0.contains("Resuming training") }, lines.joined(separator: "\n"))
        try assertSameRun(straight, resumed)
    }

    func testResumeAfterAMidEpochStopRepeatsTheStraightRun() throws {
        let folder = TestPaths.temporaryDirectory("yolo-resume-mid")
        defer { try? FileManager.default.removeItem(at: folder) }
        let straight = try train(folder, name: "straight", epochs: 3)
        // coco8 has 4 training images: 2 batches of 2 per epoch; stop after batch 1 of epoch 2 (0-based 1).
        let stopped = try train(folder, name: "stopped", epochs: 3, callbacks: [StopAt(epoch: 1, batch: 1)])
        XCTAssertEqual(stopped.results.count, 1)
        let state = try ResumeState(checkpoint: TorchCheckpoint(contentsOf: stopped.last))
        XCTAssertEqual(state.epoch, 0)
        XCTAssertEqual(state.batchesDone, 1)
        let resumed = try YOLO(stopped.last.path, log: { _ in }, currentDirectory: folder).train(resume: true)
        XCTAssertEqual(resumed.results.map(\.epoch), [2, 3])
        try assertSameRun(straight, resumed)
    }

    func testResumeRefusesFinishedRunsAndChangedSettings() throws {
        let folder = TestPaths.temporaryDirectory("yolo-resume-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let done = try train(folder, name: "done", epochs: 1, ["save_period": .int(1), "val": .bool(false)])
        XCTAssertTrue(FileManager.default.fileExists(atPath: done.saveDir.appendingPathComponent("weights/epoch0.pt").path))
        var errors: [String] = []
        let cwd = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
        let finished = YOLOCommand.main(["train", "resume", "model=\(done.last.path)"], output: { _ in }, errors: { errors.append($0) })
        XCTAssertNotEqual(finished, 0)
        XCTAssertTrue(errors.joined().contains("finished all 1 epochs") && errors.joined().contains("yolo train model="), errors.joined())
        let stopped = try train(folder, name: "stopped", epochs: 3, callbacks: [StopAt(epoch: 1)])
        errors = []
        let changed = YOLOCommand.main(["train", "resume", "model=\(stopped.last.path)", "lr0=0.5"], output: { _ in },
                                       errors: { errors.append($0) })
        XCTAssertNotEqual(changed, 0)
        XCTAssertTrue(errors.joined().contains("lr0=0.5"), errors.joined())
        XCTAssertTrue(errors.joined().contains("may change on resume"), errors.joined())
    }

    func testTransferFromACheckpointWithOtherClasses() throws {
        let folder = TestPaths.temporaryDirectory("yolo-transfer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try train(folder, name: "source", epochs: 1, ["val": .bool(false)])
        var lines: [String] = []
        let shapes = TestPaths.dataset("shapes-synth").appendingPathComponent("data.yaml").path
        _ = try YOLO(source.best.path, log: { lines.append($0) }, currentDirectory: folder)
            .train(data: shapes, epochs: 1, imgsz: 64, batch: 16, ["val": .bool(false), "name": .string("tuned"), "workers": .int(1), "fraction": .float(0.25)])
        let line = try XCTUnwrap(lines.first { $0.hasPrefix("Transferred ") }, lines.joined(separator: "\n"))
        let counts = line.split(separator: " ")[1].split(separator: "/").compactMap { Int($0) }
        XCTAssertEqual(counts.count, 2)
        XCTAssertLessThan(counts[0], counts[1], "the class head differs (80 vs shapes-synth's classes)")
        // The class branches (cv3, one2one_cv3) depend on nc: everything else transfers.
        XCTAssertGreaterThan(counts[0], counts[1] * 8 / 10, line)
        XCTAssertTrue(lines.contains { $0.contains("class head was re-initialised") })
    }
}
