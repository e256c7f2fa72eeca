import Foundation
import TestSupport
import XCTest
@testable import YOLOData

/// Builds small datasets on disk for tests.
struct DatasetBuilder {
    let root: URL

    init(_ label: String = "yolodata") { root = TestPaths.temporaryDirectory(label) }

    /// Writes text at a path relative to the root (folders created).
    @discardableResult
    func write(_ relative: String, _ text: String) -> URL {
        write(relative, Data(text.utf8))
    }

    /// Writes bytes at a path relative to the root (folders created).
    @discardableResult
    func write(_ relative: String, _ data: Data) -> URL {
        let url = root.appendingPathComponent(relative)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! data.write(to: url)
        return url
    }

    /// Writes a JPEG of a flat colour.
    @discardableResult
    func jpeg(_ relative: String, width: Int = 64, height: Int = 48, value: UInt8 = 90) -> URL {
        let image = Image(width: width, height: height, fill: value)
        return write(relative, Data(try! JPEGCodec.encode(image)))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Reads a file from the coco8 dataset, failing the test when it is missing.
func cocoImagePath(_ name: String, file: StaticString = #filePath, line: UInt = #line) -> URL {
    let url = TestPaths.dataset("coco8").appendingPathComponent("images/train/\(name)")
    XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "missing \(url.path)", file: file, line: line)
    return url
}

/// Asserts that some issue's text contains every fragment.
func assertIssue(_ issues: [DataIssue], contains fragments: [String], file: StaticString = #filePath, line: UInt = #line) {
    let texts = issues.map(\.description)
    XCTAssertTrue(texts.contains { t in fragments.allSatisfy { t.contains($0) } },
                  "no issue contains \(fragments); issues:\n\(texts.joined(separator: "\n"))", file: file, line: line)
}
