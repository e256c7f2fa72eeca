import DataTools
import Foundation
import TestSupport
import XCTest
import YOLOData

/// The leakage check on a copy of a shared dataset with val pictures copied into train.
final class LeakageCheckTests: XCTestCase {
    /// Copies raccoon, then puts 5 val images into train under new names: 3 byte copies, 2 resized and re-encoded.
    static func leakyRaccoon() throws -> (root: URL, planted: Set<[String]>) {
        let root = try TestDatasets.copyShared("raccoon")
        let fm = FileManager.default
        // raccoon-186 (val) is a burst frame of raccoon-199 (train): drop it so the base is clean.
        try fm.removeItem(at: root.appendingPathComponent("images/val/raccoon-186.jpg"))
        try fm.removeItem(at: root.appendingPathComponent("labels/val/raccoon-186.txt"))
        let valFolder = root.appendingPathComponent("images/val")
        let val = try fm.contentsOfDirectory(atPath: valFolder.path).sorted()
        var planted = Set<[String]>()
        for (k, name) in [val[0], val[7], val[15], val[22], val[31]].enumerated() {
            let source = valFolder.appendingPathComponent(name)
            let target = root.appendingPathComponent("images/train/leak\(k).jpg")
            if k < 3 {
                try fm.copyItem(at: source, to: target)
            } else {
                let image = try ImageDecoder.decode(contentsOf: source).image
                let factor = k == 3 ? 0.6 : 1.3
                let resized = Resize.bilinear(image, width: Int(Double(image.width) * factor), height: Int(Double(image.height) * factor))
                try Data(try JPEGCodec.encode(resized, quality: 75)).write(to: target)
            }
            let label = root.appendingPathComponent("labels/val/" + name.replacingOccurrences(of: ".jpg", with: ".txt"))
            try fm.copyItem(at: label, to: root.appendingPathComponent("labels/train/leak\(k).txt"))
            planted.insert([target.standardizedFileURL.path, source.standardizedFileURL.path])
        }
        return (root, planted)
    }

    func splits(_ root: URL) throws -> [(DatasetSplit, [String])] {
        let dataset = try DatasetConfig(contentsOf: root.appendingPathComponent("data.yaml"))
        return try dataset.loadAvailableSplits().map { ($0.split, $0.images.map(\.imageFile)) }
    }

    func testFindsAllPlantedPairsAndNothingElse() throws {
        let (root, planted) = try Self.leakyRaccoon()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let start = Date()
        let report = LeakageCheck.run(try splits(root), threshold: 10)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(Set(report.pairs.map { [$0.first, $0.second] }), planted, report.lines().joined(separator: "\n"))
        XCTAssertEqual(report.pairs.count, 5)
        XCTAssertEqual(report.pairs.filter { $0.kind == .exact }.count, 3)
        XCTAssertEqual(report.pairs.filter { $0.kind == .near }.count, 2)
        XCTAssertTrue(report.pairs.allSatisfy { $0.firstSplit == .train && $0.secondSplit == .val })
        XCTAssertTrue(report.hasLeakage)
        XCTAssertTrue(report.unreadable.isEmpty)
        print("leakage check on \(report.imageCount) images: \(String(format: "%.2f", seconds)) s; near distances",
              report.pairs.filter { $0.kind == .near }.map(\.distance))

        // The training-start check sees only the exact copies.
        let dataset = try DatasetConfig(contentsOf: root.appendingPathComponent("data.yaml"))
        let train = try dataset.load(.train, options: ScanOptions(useCache: false))
        let val = try dataset.load(.val, options: ScanOptions(useCache: false))
        let exact = LeakageCheck.exactDuplicates(train: train, val: val)
        XCTAssertEqual(exact.count, 3)
        XCTAssertTrue(exact.allSatisfy { planted.contains([$0.first, $0.second]) })
    }

    func testCleanDatasetHasNoLeakage() throws {
        let (root, planted) = try Self.leakyRaccoon()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        for pair in planted { try FileManager.default.removeItem(atPath: pair[0]) }
        let report = LeakageCheck.run(try splits(root), threshold: 10)
        XCTAssertFalse(report.hasLeakage, report.lines().joined(separator: "\n"))
        XCTAssertEqual(report.imageCount, 199)
    }

    /// The shared raccoon set holds one real cross-split near copy: two burst frames of the same raccoon.
    func testSharedRaccoonHasOneBurstPair() throws {
        let report = LeakageCheck.run(try splits(TestPaths.dataset("raccoon")), threshold: 10)
        XCTAssertEqual(report.pairs.count, 1, report.lines().joined(separator: "\n"))
        XCTAssertEqual(report.pairs.first.map { URL(fileURLWithPath: $0.first).lastPathComponent }, "raccoon-199.jpg")
        XCTAssertEqual(report.pairs.first.map { URL(fileURLWithPath: $0.second).lastPathComponent }, "raccoon-186.jpg")
        XCTAssertEqual(report.pairs.first?.kind, .near)
    }

    func testSameFolderForTrainAndValIsReported() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.dataset("coco8").appendingPathComponent("images/val").path)
            .sorted().map { TestPaths.dataset("coco8").appendingPathComponent("images/val/\($0)").standardizedFileURL.path }
        let pairs = LeakageCheck.exactDuplicates(train: files, val: files)
        XCTAssertEqual(pairs.count, 4)
        XCTAssertTrue(pairs.allSatisfy { $0.kind == .sameFile })
    }

    func testHashes() throws {
        let a = Data((0..<1000).map { UInt8($0 % 251) })
        var b = a
        b[999] ^= 1
        XCTAssertEqual(ContentHash(a), ContentHash(Data(a)))
        XCTAssertNotEqual(ContentHash(a), ContentHash(b))
        XCTAssertNotEqual(ContentHash(Data(a.prefix(999))), ContentHash(Data(a.prefix(998))))
        // A horizontal gradient: every left neighbour is darker, so no bit is set; its mirror sets all 64.
        var ramp = Image(width: 90, height: 80, fill: 0)
        for y in 0..<80 { for x in 0..<90 { for c in 0..<3 { ramp.pixels[(y * 90 + x) * 3 + c] = UInt8(x * 2) } } }
        XCTAssertEqual(PerceptualHash(ramp).bits, 0)
        var mirror = ramp
        for y in 0..<80 { for x in 0..<90 { for c in 0..<3 { mirror.pixels[(y * 90 + x) * 3 + c] = UInt8((89 - x) * 2) } } }
        XCTAssertEqual(PerceptualHash(mirror).bits, UInt64.max)
        XCTAssertEqual(PerceptualHash(ramp).distance(to: PerceptualHash(mirror)), 64)
    }
}
