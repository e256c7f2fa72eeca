import Evaluation
import Foundation
import Models
import TestSupport
import XCTest
import YOLOData

@testable import Training

/// The validator on real data: ground truth in batch pixels maps back to the label files, a whole pass over coco8
/// counts images and instances as the labels do, and both YOLO26 heads run.
final class ValidationTests: XCTestCase {
    func coco8Val(batch: Int = 2, imgsz: Int = 160) throws -> (DatasetConfig, LabeledSplit, DataLoader) {
        let dataset = try DatasetConfig(contentsOf: TestPaths.dataset("coco8").appendingPathComponent("data.yaml"))
        let split = try dataset.load(.val)
        let loader = DataLoader(split: split, options: .validation(imageSize: imgsz, batchSize: batch, workers: 1))
        return (dataset, split, loader)
    }

    /// Targets in rect-batch pixels, mapped back with the batch's `ratio_pad`, land on the label boxes in original
    /// pixels (to the rounding of the letterbox).
    func testGroundTruthAndRatioPadMapBackToTheLabels() throws {
        let (_, split, loader) = try coco8Val()
        var checked = 0
        for batch in loader.epoch(0) {
            for i in 0..<batch.count {
                let meta = batch.meta[i]
                let item = try XCTUnwrap(split.images.first { $0.imageFile == meta.file })
                let truth = batch.groundTruth(image: i)
                XCTAssertEqual(truth.count, item.labels.count, meta.file)
                let back = scaleBoxes(truth.map(\.box), from: ImageShape(height: batch.height, width: batch.width),
                                      to: ImageShape(height: meta.originalHeight, width: meta.originalWidth),
                                      ratioPad: batch.ratioPad(image: i, imageSize: 160))
                for k in 0..<truth.count {
                    let b = item.labels.boxes[(k * 4)..<(k * 4 + 4)].map { Double($0) }
                    let (w, h) = (Double(item.width), Double(item.height))
                    let expected = [(b[0] - b[2] / 2) * w, (b[1] - b[3] / 2) * h, (b[0] + b[2] / 2) * w,
                                    (b[1] + b[3] / 2) * h].map { max($0, 0) }
                    let got = [back[k].x1, back[k].y1, back[k].x2, back[k].y2].map(Double.init)
                    for j in 0..<4 {
                        XCTAssertEqual(got[j], min(expected[j], j % 2 == 0 ? w : h), accuracy: 1.5, "\(meta.file) box \(k)")
                    }
                    XCTAssertEqual(truth[k].classIndex, Int(item.labels.classes[k]))
                    checked += 1
                }
            }
        }
        XCTAssertEqual(checked, split.images.map(\.labels.count).reduce(0, +))
        XCTAssertGreaterThan(checked, 0)
    }

    /// A pass of an untrained yolo26n over coco8 val: every image and instance counted, the results.csv keys in
    /// order, loss items averaged over batches, the batch hook called per batch, and the one-to-one head selectable.
    func testValidatorRunsBothHeadsAndCountsEverything() throws {
        let (dataset, split, loader) = try coco8Val()
        let model = try DetectionModel(XCTUnwrap(BuiltinModels.definition("yolo26n.yaml")), nc: dataset.classCount, seed: 1)
        var batches = 0, hooked = 0
        var lines: [String] = []
        let lossCalls = { (_: DetectOutput, batch: Batch) -> [Float] in
            batches += 1
            return [Float(batch.count), 1, 2]
        }
        let result = Validator(log: { lines.append($0) }).run(
            model: model, loader: loader, names: dataset.names, lossItems: lossCalls,
            batchEnd: { batch, detections in
                hooked += 1
                XCTAssertEqual(detections.count, batch.count)
            })
        XCTAssertEqual(result.images, split.count)
        XCTAssertEqual(batches, loader.batchCount)
        XCTAssertEqual(hooked, loader.batchCount)
        XCTAssertEqual(result.metrics.map(\.key), ["metrics/precision(B)", "metrics/recall(B)", "metrics/mAP50(B)",
                                                   "metrics/mAP50-95(B)", "fitness"])
        XCTAssertEqual(result.loss, [2, 1, 2])  // 4 images in batches of 2
        XCTAssertEqual(result.evaluator.metrics.ntPerClass.reduce(0, +), split.images.map(\.labels.count).reduce(0, +))
        XCTAssertEqual(lines.first, ValidationTable.header)
        XCTAssertTrue(lines.contains { $0.hasPrefix(String(repeating: " ", count: 19) + "all") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.last?.hasPrefix("Speed: ") ?? false)
        XCTAssertGreaterThan(result.speed.inference, 0)
        XCTAssertFalse(model.detect.endToEnd, "the validator restores the head choice")

        var options = ValidationOptions()
        options.endToEnd = true
        options.maxDetections = 7
        var perImage: [Int] = []
        _ = Validator(options, log: { _ in }).run(model: model, loader: loader, names: dataset.names,
                                                  batchEnd: { _, d in perImage += d.map(\.count) })
        XCTAssertEqual(perImage.count, split.count)
        XCTAssertTrue(perImage.allSatisfy { $0 <= 7 }, "\(perImage)")
    }

    func testImageSizeAndMaxDetChecks() throws {
        var log: [String] = []
        XCTAssertEqual(ValidationJob.checkedImageSize(320, stride: 32, log: { log.append($0) }), 320)
        XCTAssertEqual(ValidationJob.checkedImageSize(330, stride: 32, log: { log.append($0) }), 352)
        XCTAssertEqual(log, ["WARNING ⚠️ imgsz=330 must be multiple of max stride 32, updating to 352"])
        let (_, split, _) = try coco8Val()
        let most = split.images.map(\.labels.count).max()!
        XCTAssertEqual(ValidationJob.checkedMaxDetections(300, split: split, log: { _ in }), 300)
        XCTAssertEqual(ValidationJob.checkedMaxDetections(most - 1, split: split, log: { _ in }), most - 1)
        XCTAssertEqual(ValidationJob.commonFolder(["/a/b/c", "/a/b/d", "/a/b"]), "/a/b")
        XCTAssertEqual(ValidationJob.names(stored: [0: "x", 1: "y"], dataset: ["a", "b", "c"], classCount: 2), ["x", "y"])
        XCTAssertEqual(ValidationJob.names(stored: [:], dataset: ["a"], classCount: 2), ["a", "1"])
    }
}
