import Foundation
import XCTest
@testable import YOLOData

final class LabelCacheTests: XCTestCase {
    func testCacheIsWrittenReusedAndRebuiltWhenStale() throws {
        let b = DatasetBuilder("cache"); defer { b.remove() }
        b.jpeg("images/train/a.jpg"); b.write("labels/train/a.txt", "0 0.5 0.5 0.2 0.2\n")
        b.jpeg("images/train/b.jpg"); b.write("labels/train/b.txt", "1 0.5 0.5 0.2 0.2\n")
        let config = try DatasetConfig(contentsOf: b.write("data.yaml", "train: images/train\nval: images/train\nnames: [a, b]\n"))

        let first = try config.load(.train)
        XCTAssertTrue(first.notes.contains { $0.contains("label cache saved") }, "\(first.notes)")
        let cacheFile = b.root.appendingPathComponent("labels/train.train.cache.json")
        XCTAssertTrue(FileManager.default.fileExists(atPath: cacheFile.path))

        let second = try config.load(.train)
        XCTAssertTrue(second.notes.contains { $0.contains("read from cache") }, "\(second.notes)")
        XCTAssertEqual(second.summary, first.summary)
        XCTAssertEqual(second.images, first.images)

        // val never shares train's cache file, even for the same folder.
        _ = try config.load(.val)
        XCTAssertTrue(FileManager.default.fileExists(atPath: b.root.appendingPathComponent("labels/train.val.cache.json").path))

        // A changed label makes the cache stale.
        b.write("labels/train/b.txt", "1 0.5 0.5 0.2 0.2\n0 0.2 0.2 0.1 0.1\n")
        let third = try config.load(.train)
        XCTAssertTrue(third.notes.contains { $0.contains("stale") }, "\(third.notes)")
        XCTAssertEqual(third.summary.boxes, 3)

        // A new label file for a background image also invalidates it.
        b.jpeg("images/train/c.jpg")
        XCTAssertEqual(try config.load(.train).summary.backgrounds, 1)
        b.write("labels/train/c.txt", "1 0.5 0.5 0.2 0.2\n")
        let fifth = try config.load(.train)
        XCTAssertEqual(fifth.summary.backgrounds, 0)
        XCTAssertEqual(fifth.summary.boxes, 4)

        // Settings are part of the key.
        let single = try config.load(.train, options: ScanOptions(singleClass: true))
        XCTAssertFalse(single.notes.contains { $0.contains("read from cache") })
        XCTAssertEqual(Set(single.images.flatMap(\.labels.classes)), [0])
    }

    func testUnwritableFolderFallsBackToNoCacheWithANote() throws {
        let b = DatasetBuilder("cache-ro"); defer { b.remove() }
        b.jpeg("images/train/a.jpg"); b.write("labels/train/a.txt", "0 0.5 0.5 0.2 0.2\n")
        let config = try DatasetConfig(contentsOf: b.write("data.yaml", "train: images/train\nval: images/train\nnames: [a]\n"))
        // A regular file where the cache folder should be: writing into it fails even for root.
        let blocker = b.write("not-a-folder", "x")
        let split = try config.load(.train, options: ScanOptions(cacheDirectory: blocker))
        XCTAssertEqual(split.summary.boxes, 1)
        XCTAssertTrue(split.notes.contains { $0.contains("cannot write label cache") && $0.contains("without a cache") }, "\(split.notes)")
    }
}
