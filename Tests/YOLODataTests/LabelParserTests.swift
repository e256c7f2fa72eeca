import XCTest
@testable import YOLOData

final class LabelParserTests: XCTestCase {
    let parser = LabelParser(classCount: 3)

    func testBoxesAndPolygons() {
        let parsed = parser.parse("0 0.5 0.5 0.2 0.4\n\n2 0.1 0.2 0.5 0.2 0.3 0.6\n", file: "a.txt")
        XCTAssertFalse(parsed.isCorrupt)
        XCTAssertEqual(parsed.labels.classes, [0, 2])
        XCTAssertEqual(parsed.labels.boxes[0..<4], [0.5, 0.5, 0.2, 0.4])
        // Polygon (0.1,0.2) (0.5,0.2) (0.3,0.6): box x 0.1…0.5, y 0.2…0.6.
        XCTAssertEqual(parsed.labels.boxes[4], 0.3, accuracy: 1e-6)
        XCTAssertEqual(parsed.labels.boxes[5], 0.4, accuracy: 1e-6)
        XCTAssertEqual(parsed.labels.boxes[6], 0.4, accuracy: 1e-6)
        XCTAssertEqual(parsed.labels.boxes[7], 0.4, accuracy: 1e-6)
        XCTAssertEqual(parsed.polygons, 1)
        XCTAssertTrue(parsed.issues.isEmpty)
    }

    func testEachBadRowIsNamedWithItsLine() {
        let cases: [(String, [String])] = [
            ("0 0.5 0.5 0.2\n", ["x.txt:1", "4 values"]),
            ("0 0.5 0.5 0.2 0.2 0.9\n", ["x.txt:1", "6 values"]),
            ("1 0.5 0.5 0.2 0.2\n0 1.5 0.5 0.2 0.2\n", ["x.txt:2", "out of range", "max 1.5"]),
            ("0 300 200 50 40\n", ["x.txt:1", "pixel coordinates"]),
            ("3 0.5 0.5 0.2 0.2\n", ["x.txt:1", "class 3 exceeds", "0…2"]),
            ("0 nan 0.5 0.2 0.2\n", ["x.txt:1", "NaN"]),
            ("0 0.5 0.5 0 0.2\n", ["x.txt:1", "width or height"]),
            ("-1 0.5 0.5 0.2 0.2\n", ["x.txt:1", "not a non-negative integer"]),
            ("0.5 0.5 0.5 0.2 0.2\n", ["x.txt:1", "not a non-negative integer"]),
            ("a 0.5 0.5 0.2 0.2\n", ["x.txt:1", "'a' is not a number"]),
        ]
        for (text, fragments) in cases {
            let parsed = parser.parse(text, file: "x.txt")
            XCTAssertTrue(parsed.isCorrupt, text)
            XCTAssertEqual(parsed.labels.count, 0, "a corrupt file yields no boxes: \(text)")
            assertIssue(parsed.issues, contains: fragments)
            XCTAssertTrue(parsed.issues.allSatisfy { $0.description.contains(" — ") }, "every issue carries a fix")
        }
    }

    func testDuplicatesRemovedAndOvershootClipped() {
        let parsed = parser.parse("0 0.5 0.5 0.2 0.2\n1 0.5 0.5 0.2 0.2\n0 0.5 0.5 0.2 0.2\n2 0.5 0.5 1.005 0.2\n", file: "d.txt")
        XCTAssertFalse(parsed.isCorrupt)
        XCTAssertEqual(parsed.labels.classes, [0, 1, 2])
        XCTAssertEqual(parsed.duplicates, 1)
        XCTAssertEqual(parsed.clipped, 1)
        XCTAssertEqual(parsed.labels.boxes[10], 1.0)
        assertIssue(parsed.issues, contains: ["d.txt:3", "duplicate of line 1"])
        assertIssue(parsed.issues, contains: ["d.txt:4", "clipped"])
    }

    func testLabelPathRule() {
        XCTAssertEqual(LabelPath.forImage("/d/images/train/a.b.jpg"), "/d/labels/train/a.b.txt")
        XCTAssertEqual(LabelPath.forImage("/images/x/images/train/a.PNG"), "/images/x/labels/train/a.txt")
        XCTAssertEqual(LabelPath.forImage("/d/pics/a.jpg"), "/d/pics/a.txt")
        XCTAssertEqual(LabelPath.besideImage("/d/images/a.jpeg"), "/d/images/a.txt")
    }
}

final class ReportTests: XCTestCase {
    func testReportListsErrorsFirstAndCountsTheRest() {
        var summary = SplitSummary(split: "train")
        summary.images = 3; summary.corrupt = 1; summary.boxes = 2
        let issues = [
            DataIssue(.note, file: "a.txt", line: 2, problem: "duplicate of line 1, removed", fix: "delete the repeated row"),
            DataIssue(.error, file: "b.txt", line: 1, problem: "4 values in the row", fix: "fix or delete the row"),
            DataIssue(.note, file: "c.txt", line: 1, problem: "clipped", fix: "clip them"),
        ]
        let split = LabeledSplit(split: .train, images: [], summary: summary, issues: issues, notes: [])
        XCTAssertEqual(split.report(limit: 2), """
        train: 3 images, 0 backgrounds, 1 corrupt (2 boxes)
          error: b.txt:1: 4 values in the row — fix or delete the row
          note: a.txt:2: duplicate of line 1, removed — delete the repeated row
          … and 1 more (0 errors, 1 notes); see `issues` for all
        """)
    }
}
