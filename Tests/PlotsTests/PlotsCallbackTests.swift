import Configuration
import Evaluation
import Foundation
import TestSupport
@testable import Training
import XCTest
@testable import YOLOData
@testable import Plots

final class PlotsCallbackTests: XCTestCase {
    func testCallbackWritesTheRunPicturesAndLogsItsTime() throws {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset("coco8").appendingPathComponent("data.yaml"))
        let cache = TestPaths.temporaryDirectory("plots-cb-cache")
        let saveDir = TestPaths.temporaryDirectory("plots-cb-run")
        defer {
            try? FileManager.default.removeItem(at: cache)
            try? FileManager.default.removeItem(at: saveDir)
        }
        let train = try config.load(.train, options: ScanOptions(cacheDirectory: cache))
        let val = try config.load(.val, options: ScanOptions(cacheDirectory: cache))
        var lines: [String] = []
        let run = TrainingRun(saveDir: saveDir, arguments: [], names: config.names,
                              lossNames: ["box_loss", "cls_loss", "dfl_loss"], trainSplit: train, valSplit: val, epochs: 2,
                              batchesPerEpoch: 2, resumed: false, log: { lines.append($0) })
        let callback = PlotsCallback()
        callback.trainStart(run)
        let batch = DataPlotTests.batch(count: 4, size: 96)
        for iteration in 0..<5 { callback.trainBatchEnd(run, batch: batch, iteration: iteration) }
        let detection = Detection(box: Box(x1: 10, y1: 10, x2: 60, y2: 60), confidence: 0.8, classIndex: 0)
        callback.validationBatchEnd(run, batch: batch, predictions: [[detection], [], [], []], final: false)
        callback.validationBatchEnd(run, batch: batch, predictions: [[detection], [], [], []], final: true)

        var evaluator = DetectionEvaluator(names: config.names)
        evaluator.add(ValidationImage(predictions: [detection],
                                      groundTruth: [GroundTruth(box: Box(x1: 12, y1: 10, x2: 60, y2: 62), classIndex: 0)],
                                      path: "a.jpg", inputShape: ImageShape(height: 96, width: 96),
                                      originalShape: ImageShape(height: 96, width: 96)))
        callback.validationEnd(run, evaluator: evaluator, final: true)  // not finished: the callback finishes a copy

        try ResultsPlotTests.csv(epochs: 2).write(to: saveDir.appendingPathComponent("results.csv"), atomically: true,
                                                  encoding: .utf8)
        callback.fitEpochEnd(run, result: EpochResult(epoch: 1, seconds: 1, trainLoss: [1, 2, 3], metrics: [],
                                                      valLoss: [1, 2, 3], learningRates: [0.01, 0.01, 0.01]))
        callback.trainEnd(run)

        let files = Set(try FileManager.default.contentsOfDirectory(atPath: saveDir.path))
        let expected: Set<String> = [
            "labels.jpg", "train_batch0.jpg", "train_batch1.jpg", "train_batch2.jpg", "val_batch0_labels.jpg",
            "val_batch0_pred.jpg", "BoxPR_curve.png", "BoxF1_curve.png", "BoxP_curve.png", "BoxR_curve.png",
            "confusion_matrix.png", "confusion_matrix_normalized.png", "results.png", "results.csv",
        ]
        XCTAssertEqual(files, expected, "warnings: \(lines.filter { $0.hasPrefix("warning") })")
        XCTAssertFalse(lines.contains { $0.hasPrefix("warning") }, "\(lines)")
        let summary = try XCTUnwrap(lines.last)
        XCTAssertTrue(summary.hasPrefix("Plots: "), summary)
        XCTAssertTrue(summary.contains("% of the run"), summary)
        XCTAssertGreaterThan(callback.seconds, 0)
    }

    func testFailuresBecomeWarnings() throws {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset("coco8").appendingPathComponent("data.yaml"))
        let cache = TestPaths.temporaryDirectory("plots-cb-cache2")
        defer { try? FileManager.default.removeItem(at: cache) }
        let split = try config.load(.train, options: ScanOptions(cacheDirectory: cache))
        var lines: [String] = []
        let run = TrainingRun(saveDir: URL(fileURLWithPath: "/nonexistent/run"), arguments: [], names: config.names,
                              lossNames: ["box_loss"], trainSplit: split, valSplit: split, epochs: 1, batchesPerEpoch: 1,
                              resumed: false, log: { lines.append($0) })
        let callback = PlotsCallback()
        callback.trainStart(run)
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].hasPrefix("warning: plots: labels.jpg"), "\(lines)")
        XCTAssertTrue(lines[0].contains("/nonexistent/run/labels.jpg"), "\(lines)")
    }

    func testPlotsFalseDisablesTheCallback() throws {
        var configuration = Configuration()
        XCTAssertEqual(PlotCallbacks.make(configuration).count, 1)
        XCTAssertTrue(PlotCallbacks.make(configuration).first is PlotsCallback)
        try configuration.apply(.commandLine("plots", "False"))
        XCTAssertTrue(PlotCallbacks.make(configuration).isEmpty)
    }
}
