import Foundation
import TestSupport
import XCTest

@testable import Configuration

/// The persisted settings: location, round trip, reset and recovery from a damaged file.
final class SettingsTests: XCTestCase {
    private func store() -> SettingsStore {
        SettingsStore(environment: ["YOLO_CONFIG_DIR": TestPaths.temporaryDirectory("yolo-settings").path])
    }

    func testConfigFolder() {
        XCTAssertEqual(
            SettingsStore(environment: ["YOLO_CONFIG_DIR": "/tmp/cfg", "HOME": "/home/u"]).fileURL.path,
            "/tmp/cfg/YOLOSwift/settings.json")
        XCTAssertEqual(
            SettingsStore(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/home/u"]).fileURL.path,
            "/x/YOLOSwift/settings.json")
        XCTAssertEqual(
            SettingsStore(environment: ["HOME": "/home/u"]).fileURL.path, "/home/u/.config/YOLOSwift/settings.json")
    }

    func testFirstLoadWritesDefaults() throws {
        let store = store()
        let (settings, notes) = store.load()
        XCTAssertEqual(settings, Settings())
        XCTAssertEqual(notes, [])
        XCTAssertFalse(settings.tensorboard)
        XCTAssertEqual(settings.runsDir, "runs")
        let written = try String(contentsOf: store.fileURL, encoding: .utf8)
        assertGolden(written, "settings-default.json")
        let json = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any]
        XCTAssertEqual(json?["tensorboard"] as? Bool, false)
        XCTAssertEqual(json?["runs_dir"] as? String, "runs")
    }

    func testUpdateRoundTripAndReset() throws {
        let store = store()
        try store.update([.commandLine("tensorboard", "True"), .commandLine("runs_dir", "/data/my \"runs\"")])
        let (settings, notes) = SettingsStore(fileURL: store.fileURL).load()
        XCTAssertEqual(notes, [])
        XCTAssertTrue(settings.tensorboard)
        XCTAssertEqual(settings.runsDir, "/data/my \"runs\"")
        XCTAssertFalse(settings.mlflow)
        XCTAssertTrue(store.report(settings).hasPrefix("Printing '\(store.fileURL.path)'\n\n{\n"))
        XCTAssertThrowsError(try store.update([.commandLine("tensorbord", "True")])) { error in
            XCTAssertEqual(error as? ConfigurationError, .unknownSetting("tensorbord", suggestions: ["tensorboard"]))
        }
        try store.reset()
        XCTAssertEqual(store.load().settings, Settings())
    }

    func testDamagedFileIsReportedAndReplaced() throws {
        let store = store()
        try FileManager.default.createDirectory(
            at: store.fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        for damage in ["{\"runs_dir\": \"x\", ", "\u{FF}\u{FE}garbage", "[1, 2]", "just text"] {
            try Data(damage.utf8).write(to: store.fileURL)
            let (settings, notes) = store.load()
            XCTAssertEqual(settings, Settings(), damage)
            XCTAssertEqual(notes.count, 1, damage)
            XCTAssertTrue(notes.first?.contains("is damaged") ?? false, notes.first ?? "")
            XCTAssertEqual(store.load().notes, [], "the file was replaced by the defaults")
            let backup = store.fileURL.appendingPathExtension("damaged")
            XCTAssertEqual(try String(contentsOf: backup, encoding: .utf8), damage, "the damaged file is kept")
        }
    }

    func testWrongValuesAndUnknownKeysAreRepairedOneByOne() throws {
        let store = store()
        try FileManager.default.createDirectory(
            at: store.fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"tensorboard\": \"maybe\", \"mlflow\": true, \"sync\": true}".utf8).write(to: store.fileURL)
        let (settings, notes) = store.load()
        XCTAssertFalse(settings.tensorboard)
        XCTAssertTrue(settings.mlflow, "good values are kept")
        XCTAssertEqual(notes.count, 5, notes.joined(separator: "\n"))  // bad tensorboard, unknown sync, 3 missing
        XCTAssertEqual(store.load().notes, [])
        XCTAssertTrue(store.load().settings.mlflow)
    }
}
