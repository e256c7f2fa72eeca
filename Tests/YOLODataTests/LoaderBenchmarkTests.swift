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

    /// CPU seconds used by the whole process (all threads): robust to other load on a shared machine.
    func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    func testDecodeAndPipelineThroughput() throws {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset("coco128").appendingPathComponent("data.yaml"))
        var start = Date()
        let train = try config.load(.train, options: ScanOptions(useCache: false))
        print("bench scan coco128 (decode all + labels, \(ProcessInfo.processInfo.activeProcessorCount) threads): \(String(format: "%.3f", Date().timeIntervalSince(start))) s")

        start = Date()
        _ = try config.load(.train, options: ScanOptions(useCache: false, fullDecode: false))
        print("bench scan coco128 headers only (fullDecode false): \(String(format: "%.3f", Date().timeIntervalSince(start))) s")

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

        // Stage costs on one 640×480 photo (1 thread).
        let photo = try ImageDecoder.decode(datas[0]).image
        func time(_ label: String, _ body: () -> Void) {
            var t: [Double] = []
            for _ in 0..<7 { let s = Date(); body(); t.append(Date().timeIntervalSince(s)) }
            print("bench stage \(label): \(String(format: "%.2f", median(t) * 1000)) ms")
        }
        time("HSV \(photo.width)x\(photo.height)") { var im = photo; RandomHSV.apply(&im, gains: (0.01, 0.5, -0.3)) }
        let m = Matrix3([0.9, 0.1, 20, -0.1, 0.9, 30, 0, 0, 1])
        time("warp affine to 640x640") { _ = Warp.apply(photo, matrix: m, width: 640, height: 640) }
        time("flip 640x480") { _ = Flip.horizontal(Sample(image: photo)) }
        time("resize to 320x240") { _ = Resize.bilinear(photo, width: 320, height: 240) }
        time("batch of 16 640x640 to Float") {
            _ = Batch(index: 0, samples: Array(repeating: Sample(image: Image(width: 640, height: 640)), count: 16), meta: [])
        }

        for (workers, reduced) in [(1, false), (2, false), (2, true)] {
            var options = LoaderOptions.training(imageSize: 640, batchSize: 16, workers: workers, seed: 0)
            options.epochs = 100  // mosaic stays on
            options.reducedDecode = reduced
            let loader = DataLoader(split: train, options: options)
            var rates: [Double] = [], cpuRates: [Double] = []
            for epoch in 0..<3 {
                start = Date()
                let cpu = cpuSeconds()
                var images = 0
                for batch in loader.epoch(epoch) { images += batch.count; loader.recycle(batch) }
                rates.append(Double(images) / Date().timeIntervalSince(start))
                cpuRates.append(Double(images) / (cpuSeconds() - cpu))
            }
            print("bench pipeline coco128 imgsz 640 mosaic on, batch 16, workers \(workers)\(reduced ? ", reduced decode" : ""): \(String(format: "%.1f", median(rates))) images/s wall, \(String(format: "%.1f", median(cpuRates))) images per CPU-second (epochs: \(rates.map { String(format: "%.1f", $0) }.joined(separator: ", ")))")
        }
    }
}
