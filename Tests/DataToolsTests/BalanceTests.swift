import DataTools
import Foundation
import TestSupport
import XCTest
import YOLOData

/// `sampler=balanced` (repeat-factor sampling in the loader) and `DatasetStats` on a 20:1 dataset.
final class BalanceTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = TestPaths.temporaryDirectory("yolo-balance")
        // train: 100 images with one "common" box, 5 with one "rare" box, 3 backgrounds: 20:1 instances.
        var train: [(name: String, classes: [Int])] = (0..<100).map { ("c\($0)", [0]) }
        train += (0..<5).map { ("r\($0)", [1]) } + (0..<3).map { ("b\($0)", []) }
        _ = try TestDatasets.make(train, in: root, split: "train")
        _ = try TestDatasets.make([("v0", [0]), ("v1", [0])], boxSize: 0.9, in: root, split: "val")
        _ = try TestDatasets.yaml(root)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func trainSplit() throws -> LabeledSplit {
        try DatasetConfig(contentsOf: root.appendingPathComponent("data.yaml")).load(.train, options: ScanOptions(useCache: false))
    }

    /// Instances of (common, rare) in the images the loader yields over one epoch, read from the batches' targets.
    func seenInstances(_ sampler: SamplingMode, epoch: Int = 0) throws -> (common: Int, rare: Int, images: Int) {
        var options = LoaderOptions.training(imageSize: 64, batchSize: 16, workers: 0, seed: 0)
        options.augmentation = .none
        options.sampler = sampler
        let loader = DataLoader(split: try trainSplit(), options: options)
        var common = 0, rare = 0, images = 0
        for batch in loader.epoch(epoch) {
            images += batch.count
            for k in stride(from: 1, to: batch.targets.count, by: 6) { if batch.targets[k] == 0 { common += 1 } else { rare += 1 } }
        }
        return (common, rare, images)
    }

    func testBalancedSamplerEvensOutTheRareClass() throws {
        let uniform = try seenInstances(.uniform)
        XCTAssertEqual(uniform.common, 100)
        XCTAssertEqual(uniform.rare, 5)
        for epoch in 0..<3 {
            let balanced = try seenInstances(.balanced, epoch: epoch)
            XCTAssertEqual(balanced.images, 108, "the epoch keeps its length")
            let ratio = Double(balanced.common) / Double(max(balanced.rare, 1))
            print("epoch \(epoch): balanced sampler saw \(balanced.common) common vs \(balanced.rare) rare instances (ratio \(ratio))")
            XCTAssertLessThanOrEqual(ratio, 2, "rare share within 2x of the common one")
            XCTAssertGreaterThanOrEqual(ratio, 0.5)
        }
    }

    func testRepeatFactors() {
        let sampler = RepeatFactorSampler(classes: [[0], [0], [0], [0], [1], [], [0, 1]])
        // f(0) = 5/7, f(1) = 2/7, t = f(0): r(0) = 1, r(1) = 2.5; an image takes its rarest class's factor.
        XCTAssertEqual(sampler.factors, [1, 1, 1, 1, 2.5, 1, 2.5])
        let lvis = RepeatFactorSampler(classes: [[0], [0], [0], [0], [1], [], [0, 1]], threshold: 0.5, power: 0.5)
        XCTAssertEqual(lvis.factors[4], (0.5 / (2.0 / 7)).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(lvis.factors[0], 1)
        XCTAssertEqual(sampler.order(epoch: 1, seed: 0), sampler.order(epoch: 1, seed: 0))
        XCTAssertNotEqual(sampler.order(epoch: 1, seed: 0), sampler.order(epoch: 2, seed: 0))
        XCTAssertEqual(sampler.order(epoch: 0, seed: 0).count, 7)
    }

    func testStatsTable() throws {
        let dataset = try DatasetConfig(contentsOf: root.appendingPathComponent("data.yaml"))
        let stats = DatasetStats(names: dataset.names, splits: try dataset.loadAvailableSplits(), imageSize: 320)
        XCTAssertEqual(stats.imbalanceRatio, 20)
        XCTAssertEqual(stats.rareClasses, [1])
        XCTAssertEqual(stats.reference?.instances, [100, 5])
        XCTAssertEqual(stats.reference?.imagesWith, [100, 5])
        XCTAssertEqual(stats.reference?.backgrounds, 3)
        // 0.2 of a 64x48 image scaled to 320 long side: 64x48 px boxes → medium; 0.9 → 288x216 → large.
        XCTAssertEqual(stats.reference?.boxSizes, DatasetStats.BoxSizes(small: 0, medium: 105, large: 0))
        XCTAssertEqual(stats.splits.last?.boxSizes, DatasetStats.BoxSizes(small: 0, medium: 0, large: 2))
        XCTAssertEqual(stats.classesMissingFromASplit.map(\.id), [1])
        let table = stats.table()
        XCTAssertTrue(table.contains("imbalance ratio (train): 20.0"), table)
        XCTAssertTrue(table.contains("rare classes (< 10 train instances): 1: rare (5)"), table)
        let rows = table.split(separator: "\n")
        let common = rows.first { $0.hasPrefix("common") }!
        XCTAssertEqual(common.split(separator: " ", omittingEmptySubsequences: true), ["common", "100", "100", "2", "2"])
        XCTAssertEqual(rows[0].count, common.count, "aligned columns:\n\(table)")
        let small = DatasetStats(names: dataset.names, splits: try dataset.loadAvailableSplits(), imageSize: 64)
        XCTAssertEqual(small.reference?.boxSizes.small, 105, "the same boxes are small at imgsz=64 (12.8x9.6 px)")
    }
}
