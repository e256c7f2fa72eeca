import Foundation
import TestSupport
import XCTest
import YOLOCLI

/// What one `yolo` invocation printed and returned.
struct CLIResult {
    var status: Int32
    var output: String
    var errors: String
}

extension XCTestCase {
    /// Runs `yolo` with `args` in `folder` (`GoldenCLI.run`), for the command tests.
    func run(_ args: [String], in folder: URL) -> CLIResult { GoldenCLI.run(args, in: folder) }
}

/// Runs `yolo` in-process and compares texts with golden files under `Tests/Fixtures/CLI/`.
enum GoldenCLI {
    /// Runs `arguments` through `YOLOCommand.main` with `folder` as the current directory.
    static func run(_ arguments: [String], in folder: URL) -> CLIResult {
        var out: [String] = [], err: [String] = []
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let status = YOLOCommand.main(arguments, output: { out.append($0) }, errors: { err.append($0) })
        return CLIResult(status: status, output: out.joined(separator: "\n"), errors: err.joined(separator: "\n"))
    }

    /// `UPDATE_GOLDEN=1` (or the configuration tests' `YOLO_RECORD_GOLDEN=1`) rewrites the golden files.
    static var recording: Bool {
        let env = ProcessInfo.processInfo.environment
        return ["UPDATE_GOLDEN", "YOLO_RECORD_GOLDEN"].contains { env[$0].map { !$0.isEmpty && $0 != "0" } ?? false }
    }

    /// Replaces machine-specific paths: `folder` by `<tmp>`, the shared data folder by `<shared>`.
    static func masked(_ text: String, folder: URL? = nil) -> String {
        var text = text
        let shared = TestPaths.shared.standardizedFileURL.path
        text = text.replacingOccurrences(of: shared, with: "<shared>")
        text = text.replacingOccurrences(of: TestPaths.shared.path, with: "<shared>")
        if let folder {
            for path in [folder.standardizedFileURL.path, folder.resolvingSymlinksInPath().path, folder.path] {
                text = text.replacingOccurrences(of: path, with: "<tmp>")
            }
        }
        return text
    }

    /// Compares `text` with `Tests/Fixtures/CLI/<name>`; when recording, writes it and fails (a recording never passes).
    static func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = TestPaths.fixture("CLI/\(name)")
        if recording {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            XCTAssertNoThrow(try Data(text.utf8).write(to: url), file: file, line: line)
            XCTFail("recorded golden file CLI/\(name); run again without UPDATE_GOLDEN", file: file, line: line)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8)
        else {
            return XCTFail("golden file \(url.path) missing: record it with UPDATE_GOLDEN=1", file: file, line: line)
        }
        guard text != expected else { return }
        let got = text.components(separatedBy: "\n"), want = expected.components(separatedBy: "\n")
        let index = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        XCTFail("CLI/\(name) differs at line \(index + 1) (UPDATE_GOLDEN=1 rewrites it):\n  got:  "
                + (index < got.count ? got[index] : "<end>") + "\n  want: " + (index < want.count ? want[index] : "<end>"),
                file: file, line: line)
    }

    /// `coco8/data.yaml` from the shared datasets.
    static var coco8: String { TestPaths.dataset("coco8").appendingPathComponent("data.yaml").path }
}
