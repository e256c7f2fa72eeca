import DataTools
import Foundation
import TestSupport
import XCTest
import YOLOData

/// `autosplit`: the reference's list format, determinism, exact counts, stratification, grouping, `move`.
final class AutosplitTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = TestPaths.temporaryDirectory("yolo-autosplit")
        // 60 images: 40 with class 0, 12 with classes 0+1, 5 with class 2, 3 with class 3 (frames of 20 "videos").
        var entries: [(name: String, classes: [Int])] = []
        for k in 0..<60 {
            let classes = k < 40 ? [0] : k < 52 ? [0, 1] : k < 57 ? [2] : [3]
            entries.append((String(format: "vid%02d_frame%d", k / 3, k % 3), classes))
        }
        _ = try TestDatasets.make(entries, in: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("labels/vid00_frame0.txt"))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func lists() throws -> [[String]] {
        ["train", "val", "test"].map { name in
            let file = root.appendingPathComponent("autosplit_\(name).txt")
            return ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    func testWritesReferenceListsWithExactCounts() throws {
        let result = try autosplit(path: root.appendingPathComponent("images"), weights: [0.7, 0.2, 0.1], seed: 1)
        XCTAssertEqual(result.counts, [42, 12, 6])
        let files = try lists()
        XCTAssertEqual(files.map(\.count), [42, 12, 6])
        XCTAssertTrue(files.joined().allSatisfy { $0.hasPrefix("./images/vid") && $0.hasSuffix(".jpg") }, "\(files[0].prefix(3))")
        XCTAssertEqual(Set(files.joined()).count, 60, "every image in exactly one list")
        // The lists load as split sources, as in the reference.
        let yaml = root.appendingPathComponent("data.yaml")
        try "path: .\ntrain: autosplit_train.txt\nval: autosplit_val.txt\nnames:\n  0: a\n  1: b\n  2: c\n  3: d\n"
            .write(to: yaml, atomically: true, encoding: .utf8)
        let val = try DatasetConfig(contentsOf: yaml).load(.val, options: ScanOptions(useCache: false))
        XCTAssertEqual(val.count, 12)
    }

    func testDeterministicForASeed() throws {
        let images = root.appendingPathComponent("images")
        let a = try autosplit(path: images, weights: [0.8, 0.2], seed: 3).assignments.map(\.split)
        let b = try autosplit(path: images, weights: [0.8, 0.2], seed: 3).assignments.map(\.split)
        let c = try autosplit(path: images, weights: [0.8, 0.2], seed: 4).assignments.map(\.split)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("autosplit_test.txt").path),
                       "no list for an empty split")
    }

    func testRatiosWithinOneImage() throws {
        for weights in [[0.8, 0.2, 0.0], [0.5, 0.3, 0.2], [0.9, 0.1, 0.0], [0.33, 0.33, 0.34]] {
            let result = try autosplit(path: root.appendingPathComponent("images"), weights: weights, seed: 0)
            for s in 0..<3 { XCTAssertLessThanOrEqual(abs(Double(result.counts[s]) - 60 * weights[s]), 1, "\(weights) \(result.counts)") }
        }
    }

    func testStratificationPutsEveryClassInEverySplit() throws {
        for seed in 0..<5 {
            let result = try autosplit(path: root.appendingPathComponent("images"), weights: [0.6, 0.2, 0.2], seed: seed)
            for split in 0..<3 {
                let classes = result.assignments.filter { $0.split == split }.reduce(into: Set<Int>()) { set, a in
                    let label = LabelPath.forImage(a.image)
                    for line in ((try? String(contentsOfFile: label, encoding: .utf8)) ?? "").split(separator: "\n") {
                        set.insert(Int(line.split(separator: " ")[0])!)
                    }
                }
                XCTAssertEqual(classes, [0, 1, 2, 3], "seed \(seed) split \(split)")
            }
        }
    }

    func testGroupsStayTogether() throws {
        let result = try autosplit(path: root.appendingPathComponent("images"), weights: [0.7, 0.3], seed: 2,
                                   group: "^(vid\\d+)_")
        XCTAssertEqual(result.groupCount, 20)
        var splitOfVideo: [String: Set<Int>] = [:]
        for a in result.assignments {
            splitOfVideo[String(URL(fileURLWithPath: a.image).lastPathComponent.prefix(5)), default: []].insert(a.split)
        }
        XCTAssertEqual(splitOfVideo.count, 20)
        XCTAssertTrue(splitOfVideo.values.allSatisfy { $0.count == 1 }, "\(splitOfVideo)")
        XCTAssertEqual(result.counts[0] + result.counts[1], 60)
        XCTAssertLessThanOrEqual(abs(result.counts[1] - 18), 3, "\(result.counts): within one group of the request")
        XCTAssertThrowsError(try autosplit(path: root.appendingPathComponent("images"), group: "(")) { error in
            XCTAssertTrue("\(error)".contains("group=("), "\(error)")
        }
    }

    func testAnnotatedOnlyAndMove() throws {
        let images = root.appendingPathComponent("images")
        let result = try autosplit(path: images, weights: [0.75, 0.25], annotatedOnly: true, move: true)
        XCTAssertEqual(result.assignments.count, 59, "the image without a label file is left out")
        let fm = FileManager.default
        let train = try fm.contentsOfDirectory(atPath: images.appendingPathComponent("train").path)
        let val = try fm.contentsOfDirectory(atPath: images.appendingPathComponent("val").path)
        XCTAssertEqual(train.count + val.count, 59)
        XCTAssertEqual(val.count, result.counts[1])
        for name in val {
            let label = root.appendingPathComponent("labels/val/" + name.replacingOccurrences(of: ".jpg", with: ".txt"))
            XCTAssertTrue(fm.fileExists(atPath: label.path), label.path)
        }
        XCTAssertTrue(fm.fileExists(atPath: images.appendingPathComponent("vid00_frame0.jpg").path))
        XCTAssertThrowsError(try autosplit(path: root.appendingPathComponent("nothere"))) { error in
            XCTAssertTrue("\(error)".contains("path="), "\(error)")
        }
    }
}
