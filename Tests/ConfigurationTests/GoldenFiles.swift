import Foundation
import TestSupport
import XCTest

/// Compares text with a committed golden file under `Tests/Fixtures/Configuration/`.
/// `YOLO_RECORD_GOLDEN=1 swift test ...` rewrites the files (and fails, so a recording is never a pass).
func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = TestPaths.fixture("Configuration/\(name)")
    let record = ProcessInfo.processInfo.environment["YOLO_RECORD_GOLDEN"].map { !$0.isEmpty && $0 != "0" } ?? false
    if record {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        XCTAssertNoThrow(try Data(text.utf8).write(to: url), file: file, line: line)
        XCTFail("recorded golden file \(name); run again without YOLO_RECORD_GOLDEN", file: file, line: line)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8)
    else {
        XCTFail("golden file \(url.path) missing: record it with YOLO_RECORD_GOLDEN=1", file: file, line: line)
        return
    }
    guard text != expected else { return }
    let actualLines = text.components(separatedBy: "\n")
    let expectedLines = expected.components(separatedBy: "\n")
    let index =
        (0..<min(actualLines.count, expectedLines.count)).first { actualLines[$0] != expectedLines[$0] }
        ?? min(actualLines.count, expectedLines.count)
    let got = index < actualLines.count ? actualLines[index] : "<end>"
    let want = index < expectedLines.count ? expectedLines[index] : "<end>"
    XCTFail("\(name) differs at line \(index + 1):\n  got:  \(got)\n  want: \(want)", file: file, line: line)
}

/// Writes `text` to a file in a fresh temporary folder and returns the folder and the file's name.
func temporaryFile(_ name: String, _ text: String) throws -> URL {
    let folder = TestPaths.temporaryDirectory("yolo-config")
    try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    return folder
}
