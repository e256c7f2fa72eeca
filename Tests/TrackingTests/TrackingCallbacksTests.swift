import Configuration
import Foundation
import Training
import XCTest

@testable import Tracking

final class TrackingCallbacksTests: XCTestCase {
    func testRunKeysOverrideSettings() throws {
        var both = Settings()
        try both.set("tensorboard", .bool(true))
        try both.set("mlflow", .bool(true))
        XCTAssertEqual(names(TrackingCallbacks.make(tensorboard: nil, mlflow: nil, settings: { both })),
                       ["TensorBoard", "MLflow"])
        XCTAssertEqual(names(TrackingCallbacks.make(tensorboard: false, mlflow: nil, settings: { both })), ["MLflow"])
        XCTAssertEqual(names(TrackingCallbacks.make(tensorboard: nil, mlflow: nil, settings: { Settings() })), [])
        XCTAssertEqual(names(TrackingCallbacks.make(tensorboard: true, mlflow: false, settings: {
            XCTFail("settings read although both keys were given")
            return Settings()
        })), ["TensorBoard"])
    }

    func testTimingIsReportedAtTrainEnd() {
        let recording = RecordingRun()
        let timed = TimedCallbacks([("TensorBoard", TensorBoardCallback())])
        timed.trainStart(recording.run)
        timed.fitEpochEnd(recording.run, result: RecordingRun.result(epoch: 1))
        timed.trainEnd(recording.run)
        let report = recording.lines.last ?? ""
        XCTAssertTrue(report.hasPrefix("Tracking: TensorBoard "), report)
        XCTAssertTrue(report.contains("% of "), report)
        XCTAssertGreaterThan(timed.seconds[0], 0)
    }

    /// A server that refuses connections: one warning for the whole run, no exception, no run id file.
    func testUnreachableServerGivesOneWarning() {
        let recording = RecordingRun()
        let callback = MLflowCallback(environment: ["MLFLOW_TRACKING_URI": "http://127.0.0.1:9"])
        let start = Date()
        callback.trainStart(recording.run)
        callback.fitEpochEnd(recording.run, result: RecordingRun.result(epoch: 1))
        callback.fitEpochEnd(recording.run, result: RecordingRun.result(epoch: 2))
        callback.trainEnd(recording.run)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        XCTAssertEqual(recording.warnings.count, 1, "\(recording.lines)")
        XCTAssertTrue(recording.warnings.first?.hasPrefix("warning: MLflow: GET experiments/get-by-name") == true,
                      "\(recording.warnings)")
        XCTAssertFalse(FileManager.default.fileExists(
            atPath: recording.folder.appendingPathComponent(MLflowCallback.runIDFile).path))
    }

    func testMissingOrBadTrackingURIGivesOneWarning() {
        for (environment, expected) in [([:], "needs MLFLOW_TRACKING_URI"),
                                        (["MLFLOW_TRACKING_URI": "file:///tmp/mlruns"], "is not an http(s)")] {
            let recording = RecordingRun()
            let callback = MLflowCallback(environment: environment)
            callback.trainStart(recording.run)
            callback.fitEpochEnd(recording.run, result: RecordingRun.result(epoch: 1))
            callback.trainEnd(recording.run)
            XCTAssertEqual(recording.warnings.count, 1, "\(recording.lines)")
            XCTAssertTrue(recording.warnings.first?.contains(expected) == true, "\(recording.warnings)")
        }
    }

    func testMetricKeysAndParamsAsTheReference() {
        XCTAssertEqual(MLflowCallback.sanitized("metrics/mAP50-95(B)"), "metrics/mAP50-95B")
        let params = MLflowCallback.params([("model", "yolo26n.yaml"), ("project", "null")])
        XCTAssertEqual(params.map(\.value), ["yolo26n.yaml", "None"])
        let recording = RecordingRun()
        XCTAssertEqual(MLflowCallback.experimentName(recording.run, [:]), "/Shared/Ultralytics")
        XCTAssertEqual(MLflowCallback.experimentName(recording.run, ["MLFLOW_EXPERIMENT_NAME": "e"]), "e")
    }

    func testArtefactsAreWeightsThenRunFiles() throws {
        let recording = RecordingRun()
        let folder = recording.folder
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("weights"),
                                                withIntermediateDirectories: true)
        for name in ["weights/best.pt", "weights/last.pt", "results.csv", "args.yaml", "results.png", "events.out.x",
                     "notes.txt"] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(name))
        }
        XCTAssertEqual(MLflowCallback.artefacts(in: folder).map(\.path),
                       ["weights/best.pt", "weights/last.pt", "args.yaml", "results.csv", "results.png"])
    }

    private func names(_ callbacks: [TrainingCallback]) -> [String] {
        callbacks.flatMap { ($0 as? TimedCallbacks)?.trackers.map(\.name) ?? ["?"] }
    }
}
