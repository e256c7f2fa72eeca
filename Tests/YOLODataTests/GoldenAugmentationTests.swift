import Foundation
import TestSupport
import XCTest
@testable import YOLOData

/// Golden outputs of the training pipeline for a fixed seed, so any change to augmentation results is noticed.
/// Re-record on purpose with `YOLO_RECORD_GOLDEN=1` (and say why in the commit).
final class GoldenAugmentationTests: XCTestCase {
    struct Golden: Codable, Equatable {
        var setting: String
        var batchHashes: [String]
        /// The first batch's targets, rounded to 1e-4, for a readable diff.
        var firstTargets: [[Float]]
    }

    func testCoco8PipelineMatchesGolden() throws {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset("coco8").appendingPathComponent("data.yaml"))
        let train = try config.load(.train, options: ScanOptions(useCache: false))
        var options = LoaderOptions.training(imageSize: 96, batchSize: 4, workers: 2, seed: 0)
        options.augmentation.mixup = 0.3
        options.augmentation.degrees = 5
        options.augmentation.custom = [.randomBrightnessContrast(p: 0.5), .clahe(p: 0.3)]
        let loader = DataLoader(split: train, options: options)
        var hashes: [String] = []
        var first: [[Float]] = []
        for epoch in 0..<3 {
            for batch in loader.epoch(epoch) {
                hashes.append(String(batch.contentHash, radix: 16))
                if first.isEmpty {
                    first = stride(from: 0, to: batch.targets.count, by: 6).map { r in
                        batch.targets[r..<(r + 6)].map { ($0 * 10_000).rounded() / 10_000 }
                    }
                }
            }
        }
        let got = Golden(setting: "coco8 train, imgsz 96, batch 4, seed 0, mixup 0.3, degrees 5, RandomBrightnessContrast 0.5, CLAHE 0.3, 3 epochs",
                         batchHashes: hashes, firstTargets: first)
        let url = TestPaths.fixture("YOLOData/golden/coco8-pipeline-seed0.json")
        if ProcessInfo.processInfo.environment["YOLO_RECORD_GOLDEN"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(got).write(to: url)
            return
        }
        let want = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        XCTAssertEqual(got.firstTargets, want.firstTargets)
        XCTAssertEqual(got.batchHashes, want.batchHashes, "augmentation output changed; re-record with YOLO_RECORD_GOLDEN=1 if intended")
    }
}
