import Foundation
import TestSupport
import XCTest
@testable import YOLOData

final class DataLoaderTests: XCTestCase {
    func split(_ name: String, _ s: DatasetSplit) throws -> LabeledSplit {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset(name).appendingPathComponent("data.yaml"))
        return try config.load(s, options: ScanOptions(useCache: false))
    }

    func hashes(_ loader: DataLoader, epochs: Int) -> [UInt64] {
        (0..<epochs).flatMap { e in Array(loader.epoch(e)).map(\.contentHash) }
    }

    func testSameSeedGivesIdenticalBatchesForAnyWorkerCount() throws {
        let train = try split("coco8", .train)
        var options = LoaderOptions.training(imageSize: 96, batchSize: 3, workers: 1, seed: 7)
        options.augmentation.mixup = 0.5
        options.augmentation.custom = [.blur(limit: 5, p: 0.5)]
        options.epochs = 3; options.closeMosaic = 1
        let one = hashes(DataLoader(split: train, options: options), epochs: 3)
        options.workers = 4
        let four = hashes(DataLoader(split: train, options: options), epochs: 3)
        options.workers = 0
        let zero = hashes(DataLoader(split: train, options: options), epochs: 3)
        XCTAssertEqual(one.count, 6)  // 2 batches (3 + 1) × 3 epochs
        XCTAssertEqual(one, four)
        XCTAssertEqual(one, zero)
        XCTAssertEqual(Set(one).count, 6, "epochs and batches differ")
        options.seed = 8
        XCTAssertNotEqual(hashes(DataLoader(split: train, options: options), epochs: 1), Array(one.prefix(2)))
        // Recycled buffers are overwritten completely: same hashes.
        options.seed = 7
        let recycling = DataLoader(split: train, options: options)
        var recycledHashes: [UInt64] = []
        for e in 0..<3 { for batch in recycling.epoch(e) { recycledHashes.append(batch.contentHash); recycling.recycle(batch) } }
        XCTAssertEqual(recycledHashes, zero)
        options.seed = 7; options.cache = .ram
        XCTAssertEqual(hashes(DataLoader(split: train, options: options), epochs: 3), one, "the RAM cache changes nothing")
    }

    func testTrainingBatchLayout() throws {
        let train = try split("coco8", .train)
        let loader = DataLoader(split: train, options: .training(imageSize: 64, batchSize: 4, workers: 2, seed: 0))
        let batches = Array(loader.epoch(0))
        XCTAssertEqual(batches.count, 1)
        let b = batches[0]
        XCTAssertEqual([b.count, b.height, b.width], [4, 64, 64])
        XCTAssertEqual(b.images.count, 4 * 3 * 64 * 64)
        XCTAssertTrue(b.images.allSatisfy { $0 >= 0 && $0 <= 1 })
        XCTAssertEqual(b.targets.count % 6, 0)
        XCTAssertGreaterThan(b.targetCount, 0)
        for k in 0..<b.targetCount {
            let row = Array(b.targets[(k * 6)..<(k * 6 + 6)])
            XCTAssertTrue((0..<4).contains(Int(row[0])) && row[0] == row[0].rounded())
            XCTAssertTrue(row[1] >= 0 && row[1] < 80)
            XCTAssertTrue(row[2...].allSatisfy { $0 >= 0 && $0 <= 1 }, "\(row)")
        }
        XCTAssertEqual(loader.order(epoch: 0).sorted(), [0, 1, 2, 3])
    }

    func testRectValidationShapesAndMeta() throws {
        // shapes-synth val: 640×640 images; at imgsz 320 with pad 0.5 they are validated at 352×352.
        let synth = DataLoader(split: try split("shapes-synth", .val), options: .validation(imageSize: 320, batchSize: 16, workers: 2))
        XCTAssertEqual(synth.rect?.shapes.map { [$0.height, $0.width] }, [[352, 352]])
        let b = Array(synth.epoch(0))[0]
        XCTAssertEqual([b.count, b.height, b.width], [16, 352, 352])
        XCTAssertEqual(b.meta[0].scale, 0.5)
        XCTAssertEqual([b.meta[0].padLeft, b.meta[0].padTop], [16, 16])

        // coco8 val: one batch of four landscape/portrait images.
        let val = try split("coco8", .val)
        let loader = DataLoader(split: val, options: .validation(imageSize: 320, batchSize: 2, workers: 1))
        let ratios = val.images.map { Double($0.height) / Double($0.width) }
        XCTAssertEqual(loader.rect!.order.map { ratios[$0] }, ratios.sorted())
        for (k, batch) in Array(loader.epoch(0)).enumerated() {
            let shape = loader.rect!.shapes[k]
            XCTAssertEqual([batch.height, batch.width], [shape.height, shape.width])
            XCTAssertTrue(batch.height % 32 == 0 && batch.width % 32 == 0)
            // Each original box maps into the batch image through meta (scale, pad).
            for (n, m) in batch.meta.enumerated() {
                let item = val.images.first { $0.imageFile == m.file }!
                let rows = stride(from: 0, to: batch.targets.count, by: 6).filter { Int(batch.targets[$0]) == n }
                XCTAssertEqual(rows.count, item.labels.count)
                for (j, r) in rows.enumerated() {
                    let cx = Double(item.labels.boxes[j * 4]) * Double(m.originalWidth) * m.scale + Double(m.padLeft)
                    XCTAssertEqual(Double(batch.targets[r + 2]) * Double(batch.width), cx, accuracy: 0.5)
                }
            }
        }
    }

    func testFractionAndCloseMosaic() throws {
        let train = try split("coco8", .train)
        var options = LoaderOptions.training(imageSize: 64, batchSize: 2, workers: 0)
        options.fraction = 0.5
        XCTAssertEqual(DataLoader(split: train, options: options).count, 2)
        options.fraction = 3
        XCTAssertEqual(DataLoader(split: train, options: options).count, 3)
        options.epochs = 10; options.closeMosaic = 3
        XCTAssertEqual(options.augmentation(forEpoch: 6).mosaic, 1)
        XCTAssertEqual(options.augmentation(forEpoch: 7).mosaic, 0)
        options.closeMosaic = 0
        XCTAssertEqual(options.augmentation(forEpoch: 9).mosaic, 1)
        XCTAssertEqual(try ImageCacheMode(argument: "False"), ImageCacheMode.none)
        XCTAssertEqual(try ImageCacheMode(argument: "ram"), .ram)
        XCTAssertThrowsError(try ImageCacheMode(argument: "gpu"))
    }

    func testRectBatchesHandComputed() {
        // Aspect ratios h/w: 0.5, 2, 1, 0.75; batch 2 at imgsz 320, stride 32, pad 0.5.
        let r = RectBatches(sizes: [(100, 50), (50, 100), (80, 80), (100, 75)], batchSize: 2, imageSize: 320)
        XCTAssertEqual(r.order, [0, 3, 2, 1])
        // Batch 0: max ratio 0.75 < 1 → [0.75, 1] → ceil(7.5+0.5)=8·32, ceil(10.5)=11·32.
        // Batch 1: ratios 1 and 2 → neither all < 1 nor all > 1 → square 352.
        XCTAssertEqual(r.shapes.map { [$0.height, $0.width] }, [[256, 352], [352, 352]])
    }

    func testDiskCacheWritesAndReusesImages() throws {
        let b = DatasetBuilder("diskcache"); defer { b.remove() }
        b.jpeg("images/train/a.jpg", width: 80, height: 60, value: 40); b.write("labels/train/a.txt", "0 0.5 0.5 0.2 0.2\n")
        let config = try DatasetConfig(contentsOf: b.write("data.yaml", "train: images/train\nval: images/train\nnames: [a]\n"))
        let train = try config.load(.train, options: ScanOptions(useCache: false))
        var options = LoaderOptions.validation(imageSize: 64, batchSize: 1, workers: 0)
        let plain = Array(DataLoader(split: train, options: options).epoch(0))
        options.cache = .disk
        let first = Array(DataLoader(split: train, options: options).epoch(0))
        XCTAssertTrue(FileManager.default.fileExists(atPath: b.root.appendingPathComponent("images/train/a.jpg.64.rgb").path))
        let second = Array(DataLoader(split: train, options: options).epoch(0))
        XCTAssertEqual(first, plain)
        XCTAssertEqual(second, plain)
    }

    func testRectTrainingAugmentsIntoTheBatchShape() throws {
        let val = try split("coco8", .val)
        var options = LoaderOptions.training(imageSize: 128, batchSize: 2, workers: 1, seed: 1)
        options.rect = true; options.pad = 0; options.shuffle = false
        let loader = DataLoader(split: val, options: options)
        for (k, batch) in Array(loader.epoch(0)).enumerated() {
            XCTAssertEqual([batch.height, batch.width], [loader.rect!.shapes[k].height, loader.rect!.shapes[k].width])
            XCTAssertTrue(batch.targets.allSatisfy { $0 >= 0 && $0 <= 1 || $0 == $0.rounded() })
        }
    }

    func testAbandonedEpochStopsItsWorkers() throws {
        let train = try split("coco8", .train)
        let loader = DataLoader(split: train, options: .training(imageSize: 64, batchSize: 1, workers: 3, seed: 0))
        do {
            let epoch = loader.epoch(0)
            XCTAssertNotNil(epoch.next())
        }  // dropped after one batch: workers must exit instead of waiting forever
        // A fresh epoch still works and gives all batches.
        XCTAssertEqual(Array(loader.epoch(1)).count, 4)
    }

    func testImageBrokenAfterTheScanGivesAGreyImageAndAnIssue() throws {
        let b = DatasetBuilder("broken-later"); defer { b.remove() }
        b.jpeg("images/train/a.jpg"); b.write("labels/train/a.txt", "0 0.5 0.5 0.2 0.2\n")
        b.jpeg("images/train/b.jpg"); b.write("labels/train/b.txt", "0 0.5 0.5 0.4 0.4\n")
        let config = try DatasetConfig(contentsOf: b.write("data.yaml", "train: images/train\nval: images/train\nnames: [a]\n"))
        let train = try config.load(.train, options: ScanOptions(useCache: false))
        b.write("images/train/b.jpg", Data("no longer a JPEG".utf8))
        let loader = DataLoader(split: train, options: .validation(imageSize: 64, batchSize: 2, workers: 1))
        let batches = Array(loader.epoch(0))
        XCTAssertEqual(batches.count, 1)
        XCTAssertEqual(batches[0].count, 2)
        assertIssue(loader.store.issues, contains: ["b.jpg", "changed since the scan", "grey image without boxes"])
        XCTAssertEqual(batches[0].targetCount, 1, "only the readable image keeps its box")
    }
}
