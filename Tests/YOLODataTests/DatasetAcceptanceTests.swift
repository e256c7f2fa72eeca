import Foundation
import TestSupport
import XCTest
@testable import YOLOData

/// The issue's acceptance: every detection dataset in ../shared/datasets loads with the right counts, and a
/// damaged dataset gives one clear message per problem with exact counts.
final class DatasetAcceptanceTests: XCTestCase {
    /// Loads a shared dataset split without writing caches into the shared folder.
    func load(_ name: String, _ split: DatasetSplit) throws -> LabeledSplit {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset(name).appendingPathComponent("data.yaml"))
        return try config.load(split, options: ScanOptions(useCache: false))
    }

    func assertCounts(_ s: LabeledSplit, images: Int, backgrounds: Int, corrupt: Int, boxes: Int,
                      file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(s.summary.images, images, "images", file: file, line: line)
        XCTAssertEqual(s.summary.backgrounds, backgrounds, "backgrounds", file: file, line: line)
        XCTAssertEqual(s.summary.corrupt, corrupt, "corrupt", file: file, line: line)
        XCTAssertEqual(s.summary.boxes, boxes, "boxes", file: file, line: line)
        XCTAssertEqual(s.images.count, images - corrupt, "usable", file: file, line: line)
        XCTAssertEqual(s.images.reduce(0) { $0 + $1.labels.count }, boxes, file: file, line: line)
    }

    func testSmallSetsLoadWithTheirCounts() throws {
        assertCounts(try load("coco8", .train), images: 4, backgrounds: 0, corrupt: 0, boxes: 13)
        assertCounts(try load("coco8", .val), images: 4, backgrounds: 0, corrupt: 0, boxes: 17)
        let seg = try load("coco8-seg", .train)
        assertCounts(seg, images: 4, backgrounds: 0, corrupt: 0, boxes: 13)
        XCTAssertEqual(seg.summary.polygons, 13, "coco8-seg rows are polygons turned into boxes")
        assertCounts(try load("coco8-seg", .val), images: 4, backgrounds: 0, corrupt: 0, boxes: 17)
        assertCounts(try load("raccoon", .train), images: 160, backgrounds: 0, corrupt: 0, boxes: 173)
        assertCounts(try load("raccoon", .val), images: 40, backgrounds: 0, corrupt: 0, boxes: 44)
        assertCounts(try load("shapes-synth", .train), images: 64, backgrounds: 0, corrupt: 0, boxes: 220)
        assertCounts(try load("shapes-synth", .val), images: 16, backgrounds: 0, corrupt: 0, boxes: 49)
    }

    func testCoco128Quirks() throws {
        let train = try load("coco128", .train)
        assertCounts(train, images: 128, backgrounds: 2, corrupt: 0, boxes: 929)
        XCTAssertEqual(train.summary.line.prefix(43), "train: 128 images, 2 backgrounds, 0 corrupt")
        XCTAssertEqual(train.summary.missingLabels, 2)
        XCTAssertEqual(train.summary.orphanLabels, 2)
        let orphans = train.issues.filter { $0.problem.contains("without an image") }.map { ($0.file as NSString).lastPathComponent }
        XCTAssertEqual(orphans, ["000000000656.txt", "000000000659.txt"])
        let backgrounds = train.images.filter { $0.labelFile == nil }.map { ($0.imageFile as NSString).lastPathComponent }
        XCTAssertEqual(backgrounds, ["000000000250.jpg", "000000000508.jpg"])
        // val is the same folder: same counts.
        let val = try load("coco128", .val)
        XCTAssertEqual(val.summary.images, 128)
        XCTAssertEqual(val.summary.boxes, 929)
        // The grayscale JPEG decodes to RGB with equal channels.
        let gray = try ImageDecoder.decode(contentsOf: TestPaths.dataset("coco128").appendingPathComponent("images/train2017/000000000086.jpg")).image
        let p = gray.pixels
        var colored = 0
        for k in stride(from: 0, to: p.count, by: 3) where p[k] != p[k + 1] || p[k] != p[k + 2] { colored += 1 }
        XCTAssertEqual(colored, 0)
    }

    func testDamagedDatasetGivesEachMessageAndExactCounts() throws {
        let b = DatasetBuilder("damaged"); defer { b.remove() }
        let labels: [(String, String?)] = [
            ("good", "0 0.5 0.5 0.2 0.2\n1 0.3 0.3 0.1 0.1\n"),
            ("columns", "0 0.5 0.5 0.2\n"),
            ("range", "0 0.5 0.5 0.2 0.2\n1 1.5 0.5 0.2 0.2\n"),
            ("klass", "3 0.5 0.5 0.2 0.2\n"),
            ("nan", "0 nan 0.5 0.2 0.2\n"),
            ("broken", "0 0.5 0.5 0.2 0.2\n"),
            ("empty", ""),
            ("nolabel", nil),
            ("dup", "0 0.5 0.5 0.2 0.2\n0 0.5 0.5 0.2 0.2\n"),
            ("clip", "2 0.5 0.5 1.005 0.2\n"),
            ("zero", "0 0.5 0.5 0 0.2\n"),
            ("poly", "1 0.1 0.1 0.4 0.1 0.4 0.5\n"),
            ("tiny", "0 0.5 0.5 0.2 0.2\n"),
        ]
        for (name, text) in labels {
            if name == "broken" {
                b.write("images/train/broken.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46]))
            } else {
                b.jpeg("images/train/\(name).jpg", width: name == "tiny" ? 8 : 64, height: name == "tiny" ? 8 : 48)
            }
            if let text { b.write("labels/train/\(name).txt", text) }
        }
        b.write("labels/train/orphan.txt", "0 0.5 0.5 0.2 0.2\n")
        b.jpeg("images/val/v.jpg"); b.write("labels/val/v.txt", "1 0.5 0.5 0.5 0.5\n")
        let yaml = b.write("data.yaml", "path: .\ntrain: images/train\nval: images/val\nnames: [a, b, c]\n")
        let config = try DatasetConfig(contentsOf: yaml)
        let train = try config.load(.train, options: ScanOptions(useCache: false))

        XCTAssertEqual(train.summary.images, 13)
        XCTAssertEqual(train.summary.corrupt, 7)  // columns, range, klass, nan, broken, zero, tiny
        XCTAssertEqual(train.summary.backgrounds, 2)  // empty, nolabel
        XCTAssertEqual(train.summary.emptyLabels, 1)
        XCTAssertEqual(train.summary.missingLabels, 1)
        XCTAssertEqual(train.summary.boxes, 5)  // good 2, dup 1, clip 1, poly 1
        XCTAssertEqual(train.summary.duplicatesRemoved, 1)
        XCTAssertEqual(train.summary.clipped, 1)
        XCTAssertEqual(train.summary.orphanLabels, 1)
        XCTAssertEqual(train.images.map { ($0.imageFile as NSString).lastPathComponent },
                       ["clip.jpg", "dup.jpg", "empty.jpg", "good.jpg", "nolabel.jpg", "poly.jpg"])
        XCTAssertEqual(train.summary.line,
                       "train: 13 images, 2 backgrounds, 7 corrupt (5 boxes, 1 from polygons, 1 duplicate rows removed, 1 rows clipped, 1 label files without images)")

        let issues = train.issues
        let l = b.root.appendingPathComponent("labels/train").path, i = b.root.appendingPathComponent("images/train").path
        assertIssue(issues, contains: ["\(l)/columns.txt:1: 4 values"])
        assertIssue(issues, contains: ["\(l)/range.txt:2: coordinates out of range"])
        assertIssue(issues, contains: ["\(l)/klass.txt:1: class 3 exceeds the dataset's class count 3"])
        assertIssue(issues, contains: ["\(l)/nan.txt:1: value 2 is nan (NaN or infinite)"])
        assertIssue(issues, contains: ["\(i)/broken.jpg: ", "image skipped"])
        assertIssue(issues, contains: ["\(l)/zero.txt:1: box width or height"])
        assertIssue(issues, contains: ["\(i)/tiny.jpg: image is 8x8"])
        assertIssue(issues, contains: ["\(l)/dup.txt:2: duplicate of line 1, removed"])
        assertIssue(issues, contains: ["\(l)/clip.txt:1:", "clipped"])
        assertIssue(issues, contains: ["\(l)/orphan.txt: label file without an image"])
        // Nothing dropped silently: every corrupt image has an error naming the image.
        for name in ["columns", "range", "klass", "nan", "broken", "zero", "tiny"] {
            assertIssue(issues.filter { $0.severity == .error }, contains: ["\(i)/\(name).jpg"])
        }
        let val = try config.load(.val, options: ScanOptions(useCache: false))
        XCTAssertEqual(val.summary.boxes, 1)
    }

    func testNoUsableLabelsIsAnError() throws {
        let b = DatasetBuilder(); defer { b.remove() }
        b.jpeg("images/train/a.jpg"); b.jpeg("images/train/b.jpg")
        b.write("labels/training/a.txt", "0 0.5 0.5 0.2 0.2\n")  // wrong folder name
        let config = try DatasetConfig(contentsOf: b.write("data.yaml", "train: images/train\nval: images/train\nnames: [a]\n"))
        XCTAssertThrowsError(try config.load(.train, options: ScanOptions(useCache: false))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("train: 2 images, 2 backgrounds, 0 corrupt"), text)
            XCTAssertTrue(text.contains("labels/train/a.txt"), "the message shows where labels are expected: \(text)")
        }
        let empty = try DatasetConfig(contentsOf: b.write("d2.yaml", "train: labels\nval: labels\nnames: [a]\n"))
        XCTAssertThrowsError(try empty.load(.train, options: ScanOptions(useCache: false))) { error in
            XCTAssertTrue("\(error)".contains("no images found"), "\(error)")
        }
    }

    func testLabelsBesideImagesAreFoundWithANote() throws {
        let b = DatasetBuilder(); defer { b.remove() }
        b.jpeg("pics/a.jpg"); b.write("pics/a.txt", "0 0.5 0.5 0.2 0.2\n")
        let config = try DatasetConfig(contentsOf: b.write("data.yaml", "train: pics\nval: pics\nnames: [a]\n"))
        let split = try config.load(.train, options: ScanOptions(useCache: false))
        XCTAssertEqual(split.summary.boxes, 1)
        XCTAssertEqual(split.summary.labelsBesideImages, 0, "without /images/ the rule itself points beside the image")
        b.jpeg("images/b.jpg"); b.write("images/b.txt", "0 0.5 0.5 0.2 0.2\n")
        let config2 = try DatasetConfig(contentsOf: b.write("d2.yaml", "train: images\nval: images\nnames: [a]\n"))
        let split2 = try config2.load(.train, options: ScanOptions(useCache: false))
        XCTAssertEqual(split2.summary.labelsBesideImages, 1)
        XCTAssertTrue(split2.notes.contains { $0.contains("beside their images") })
    }

    func testHeaderOnlyScanAgreesWithFullDecode() throws {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset("coco128").appendingPathComponent("data.yaml"))
        let full = try config.load(.train, options: ScanOptions(useCache: false))
        let quick = try config.load(.train, options: ScanOptions(useCache: false, fullDecode: false))
        XCTAssertEqual(quick.summary, full.summary)
        XCTAssertEqual(quick.images, full.images, "same sizes (EXIF-aware) and labels")
        // Damage the header, and cut a file short: both are still caught without a full decode.
        let b = DatasetBuilder(); defer { b.remove() }
        let good = try Data(contentsOf: cocoImagePath("000000000009.jpg"))
        b.write("images/train/ok.jpg", good); b.write("labels/train/ok.txt", "0 0.5 0.5 0.2 0.2\n")
        b.write("images/train/bad.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1, 2]))
        b.write("images/train/cut.jpg", good.prefix(good.count / 2))
        let damaged = try DatasetConfig(contentsOf: b.write("data.yaml", "train: images/train\nval: images/train\nnames: [a]\n"))
        let scan = try damaged.load(.train, options: ScanOptions(useCache: false, fullDecode: false))
        XCTAssertEqual(scan.summary.corrupt, 1)
        assertIssue(scan.issues, contains: ["cut.jpg", "decoded with a warning"])
    }
}
