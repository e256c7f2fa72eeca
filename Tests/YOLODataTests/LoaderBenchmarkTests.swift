import Foundation
import TestSupport
import XCTest
@testable import YOLOData

/// Throughput of decoding and of the whole training pipeline on coco128 (imgsz 640, mosaic on).
/// Skipped unless `YOLO_BENCH=1`; run in release: `YOLO_BENCH=1 swift test -c release --filter LoaderBenchmark`.
/// The reference's side of the comparison is tools/bench/yolodata_loader_reference.py.
final class LoaderBenchmarkTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["YOLO_BENCH"] == "1", "set YOLO_BENCH=1 to run benchmarks")
    }

    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

    func testDecodeAndPipelineThroughput() throws {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset("coco128").appendingPathComponent("data.yaml"))
        var start = Date()
        let train = try config.load(.train, options: ScanOptions(useCache: false))
        print("bench scan coco128 (decode all + labels, \(ProcessInfo.processInfo.activeProcessorCount) threads): \(String(format: "%.3f", Date().timeIntervalSince(start))) s")

        // Decode only, one thread.
        let files = train.images.map(\.imageFile)
        let datas = files.map { FileManager.default.contents(atPath: $0)! }
        var times: [Double] = []
        for _ in 0..<3 {
            start = Date()
            for d in datas { _ = try ImageDecoder.decode(d) }
            times.append(Date().timeIntervalSince(start))
        }
        let perImage = median(times) / Double(datas.count) * 1000
        print("bench decode coco128 JPEG (in memory, 1 thread): \(String(format: "%.2f", perImage)) ms/image, \(String(format: "%.0f", 1000 / perImage)) images/s")

        for (workers, reduced) in [(1, false), (2, false), (2, true)] {
            var options = LoaderOptions.training(imageSize: 640, batchSize: 16, workers: workers, seed: 0)
            options.epochs = 100  // mosaic stays on
            options.reducedDecode = reduced
            let loader = DataLoader(split: train, options: options)
            var rates: [Double] = []
            for epoch in 0..<3 {
                start = Date()
                var images = 0
                for batch in loader.epoch(epoch) { images += batch.count }
                rates.append(Double(images) / Date().timeIntervalSince(start))
            }
            print("bench pipeline coco128 imgsz 640 mosaic on, batch 16, workers \(workers)\(reduced ? ", reduced decode" : ""): \(String(format: "%.1f", median(rates))) images/s (epochs: \(rates.map { String(format: "%.1f", $0) }.joined(separator: ", ")))")
        }
    }
}
