import Evaluation
import Foundation
import Rendering
import TestSupport
import XCTest
@testable import YOLOData
@testable import Plots

final class DataPlotTests: XCTestCase {
    /// A batch of `count` flat grey images (`size` square) with one box per image, class = image index.
    static func batch(count: Int, size: Int = 64) -> Batch {
        let samples = (0..<count).map { i in
            Sample(image: Image(width: size, height: size, fill: 60), classes: [Int32(i % 3)],
                   boxes: [Float(size) * 0.2, Float(size) * 0.3, Float(size) * 0.7, Float(size) * 0.8])
        }
        let meta = (0..<count).map {
            ImageMeta(file: "/data/img\($0).jpg", originalWidth: size, originalHeight: size, scale: 1, padLeft: 0, padTop: 0)
        }
        return Batch(index: 0, samples: samples, meta: meta)
    }

    func testTrainBatchMosaicDrawsBoxesInClassColours() throws {
        let batch = Self.batch(count: 4, size: 64)
        XCTAssertEqual(batch.targetCount, 4, "Sample boxes are xyxy pixels, batch targets normalised cxcywh")
        let mosaic = try BatchPlot.render(batch, names: ["person", "car", "dog"])
        XCTAssertEqual(mosaic.width, 128)  // 2 × 2 grid, no downscale below 1920
        XCTAssertEqual(mosaic.height, 128)
        // Image 1 sits below image 0 (column-major, as the reference): its box is class 1 (cyan).
        let image1 = PixelRect(x: 0, y: 64, width: 64, height: 64)
        XCTAssertGreaterThan(pixels(mosaic, image1, near: Colors.colors(1), tolerance: 10), 40)
        XCTAssertEqual(pixels(mosaic, image1, near: Colors.colors(2), tolerance: 10), 0)
        // The grey image stays grey in the middle of its box.
        XCTAssertEqual(mosaic[32, 64 + 40], RGB(60, 60, 60))
    }

    func testPredictionsBelowThresholdAreLeftOut() throws {
        let batch = Self.batch(count: 1, size: 96)
        let strong = Detection(box: Box(x1: 10, y1: 30, x2: 50, y2: 80), confidence: 0.9, classIndex: 0)
        let weak = Detection(box: Box(x1: 60, y1: 30, x2: 90, y2: 80), confidence: 0.2, classIndex: 2)
        let mosaic = try BatchPlot.render(batch, names: ["person", "car", "dog"], predictions: [[strong, weak]])
        XCTAssertGreaterThan(pixels(mosaic, PixelRect(x: 0, y: 0, width: 96, height: 96), near: Colors.colors(0), tolerance: 10), 40)
        XCTAssertEqual(pixels(mosaic, PixelRect(x: 55, y: 0, width: 41, height: 96), near: Colors.colors(2), tolerance: 10), 0)
    }

    func testLargeBatchIsDownscaledToTheReferenceSize() throws {
        let mosaic = try BatchPlot.render(Self.batch(count: 16, size: 640), names: ["a", "b", "c"])
        keep(mosaic, "train_batch.jpg")
        XCTAssertEqual(mosaic.width, 1920)
        XCTAssertEqual(mosaic.height, 1920)
    }

    func testLabelsPlotOfCoco8() throws {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset("coco8").appendingPathComponent("data.yaml"))
        let cache = TestPaths.temporaryDirectory("plots-labels")
        defer { try? FileManager.default.removeItem(at: cache) }
        let split = try config.load(.train, options: ScanOptions(cacheDirectory: cache))
        let canvas = try LabelsPlot.render(split, names: config.names, dpi: 50).canvas
        keep(canvas, "labels.jpg")
        keep(try LabelsPlot.render(split, names: config.names, dpi: 200).canvas, "labels-200dpi.jpg")
        XCTAssertEqual(canvas.width, 400)
        XCTAssertEqual(canvas.height, 400)
        // The most frequent class's bar, in its palette colour, is in the top-left panel.
        var counts: [Int: Int] = [:]
        for image in split.images { for c in image.labels.classes { counts[Int(c), default: 0] += 1 } }
        let top = try XCTUnwrap(counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }).key
        XCTAssertGreaterThan(pixels(canvas, PixelRect(x: 0, y: 0, width: 200, height: 200), near: Colors.colors(top), tolerance: 10), 20)
        XCTAssertGreaterThan(ink(canvas, PixelRect(x: 200, y: 0, width: 200, height: 200)), 100, "box shapes panel")
        // The 2-D histograms are blue-ish cells in the bottom panels.
        for panel in 0..<2 {
            let region = PixelRect(x: panel * 200 + 30, y: 210, width: 160, height: 150)
            XCTAssertGreaterThan(pixels(canvas, region, near: RGB(0, 0, 255), tolerance: 120), 3, "histogram \(panel)")
        }
        let folder = TestPaths.temporaryDirectory("plots-labels-out")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try LabelsPlot.write(split, names: config.names, to: folder, dpi: 50)
        XCTAssertEqual(url.lastPathComponent, "labels.jpg")
    }

    func testCurvesFromARealEvaluation() throws {
        var evaluator = DetectionEvaluator(names: ["person", "car"])
        for k in 0..<8 {
            let offset = Float(k % 3)
            let gt = [GroundTruth(box: Box(x1: 10, y1: 10, x2: 50, y2: 50), classIndex: 0),
                      GroundTruth(box: Box(x1: 60, y1: 60, x2: 100, y2: 90), classIndex: 1)]
            let predictions = [Detection(box: Box(x1: 10 + offset, y1: 10, x2: 50, y2: 50), confidence: 0.9 - 0.05 * Float(k), classIndex: 0),
                               Detection(box: Box(x1: 60, y1: 60 + offset * 4, x2: 100, y2: 90), confidence: 0.6, classIndex: k % 2),
                               Detection(box: Box(x1: 0, y1: 100, x2: 30, y2: 120), confidence: 0.3, classIndex: 1)]
            evaluator.add(ValidationImage(predictions: predictions, groundTruth: gt, path: "im\(k).jpg",
                                          inputShape: ImageShape(height: 128, width: 128),
                                          originalShape: ImageShape(height: 128, width: 128)))
        }
        evaluator.finish()
        let folder = TestPaths.temporaryDirectory("plots-curves")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try CurvePlots.write(evaluator.metrics, to: folder, dpi: 50)
        XCTAssertEqual(files.map(\.lastPathComponent), ["BoxPR_curve.png", "BoxF1_curve.png", "BoxP_curve.png", "BoxR_curve.png"])
        let pr = try CurvePlots.precisionRecall(x: evaluator.metrics.box.px, precision: evaluator.metrics.box.precisionValues,
                                                ap50: evaluator.metrics.box.ap50, names: ["person", "car"], dpi: 50).canvas
        keep(pr, "pr.png")
        XCTAssertEqual(pr.width, 450)
        XCTAssertEqual(pr.height, 300)
        XCTAssertGreaterThan(pixels(pr, PixelRect(x: 0, y: 0, width: pr.width, height: pr.height), near: RGB(0, 0, 255), tolerance: 20), 100,
                             "the thick all-classes mean line")
        XCTAssertGreaterThan(ink(pr, PixelRect(x: pr.width * 3 / 4, y: 0, width: pr.width / 4, height: 60)), 50, "legend")
        XCTAssertEqual(ink(pr, PixelRect(x: pr.width * 3 / 4, y: pr.height - 60, width: pr.width / 4, height: 60)), 0,
                       "below the legend stays empty")
    }
}
