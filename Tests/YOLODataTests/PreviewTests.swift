import Foundation
import TestSupport
import XCTest
@testable import YOLOData

final class PreviewTests: XCTestCase {
    func testPreviewShowsTheLoadersSamplesWithBoxes() throws {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset("coco8").appendingPathComponent("data.yaml"))
        let train = try config.load(.train, options: ScanOptions(useCache: false))
        let loader = DataLoader(split: train, options: .training(imageSize: 128, batchSize: 4, workers: 1, seed: 3))
        let samples = loader.previewSamples(count: 4)
        // The preview shows exactly what the first batch holds.
        let first = Array(loader.epoch(0))[0]
        XCTAssertEqual(Batch(index: 0, samples: samples, meta: first.meta).contentHash, first.contentHash)

        let dir = TestPaths.temporaryDirectory("preview"); defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("train_batch0.jpg")
        try loader.writePreview(to: url, names: config.names, count: 4)
        let grid = try ImageDecoder.decode(contentsOf: url).image
        XCTAssertEqual([grid.width, grid.height], [256, 256])

        // Annotation paints each box outline in its class colour.
        let sample = Sample(image: Image(width: 60, height: 40, fill: 0), classes: [2], boxes: [10, 20, 50, 38])
        let drawn = PreviewGrid.annotate(sample, names: ["a", "b", "car"], lineWidth: 2)
        let c = PreviewGrid.color(2)
        XCTAssertTrue(drawn[30, 37] == c && drawn[10, 30] == c, "bottom and left edges")
        XCTAssertTrue(drawn[30, 30] == (0, 0, 0), "inside stays untouched")
        XCTAssertTrue(drawn.pixels.contains(255), "the class name is written in white")
    }
}
