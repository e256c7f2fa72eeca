import Foundation
import TestSupport
import XCTest

/// `yolo help` and `yolo train help` as the command prints them (golden files `Tests/Fixtures/CLI/help*.txt`).
final class GoldenHelpTests: XCTestCase {
    func testGeneralHelp() {
        let folder = TestPaths.temporaryDirectory("yolo-help")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = GoldenCLI.run(["help"], in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        XCTAssertEqual(r.errors, "", "help writes nothing to standard error")
        GoldenCLI.assertGolden(r.output + "\n", "help.txt")
        XCTAssertTrue(r.output.contains("yolo train"), r.output)
    }

    func testTrainHelp() {
        let folder = TestPaths.temporaryDirectory("yolo-help")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = GoldenCLI.run(["train", "help"], in: folder)
        XCTAssertEqual(r.status, 0, r.errors)
        XCTAssertEqual(r.errors, "")
        GoldenCLI.assertGolden(r.output + "\n", "help-train.txt")
        XCTAssertTrue(r.output.contains("epochs=100"), r.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs").path),
                       "help starts no run")
    }
}
