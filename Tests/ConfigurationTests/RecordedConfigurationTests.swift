import XCTest

@testable import Configuration

/// Reading recorded configurations (checkpoint `train_args`) leniently, and comparing configurations for resume.
final class RecordedConfigurationTests: XCTestCase {
    func testRecordedEntriesSkipWhatTheyCannotRead() {
        let entries = [
            ConfigEntry("epochs", 30), ConfigEntry("imgsz", 320), ConfigEntry("save_hybrid", false),
            ConfigEntry("batch", 0), ConfigEntry("save_dir", "runs/detect/train"), ConfigEntry("name", "exp"),
        ]
        let (configuration, skipped) = Configuration.recorded(entries, source: "last.pt")
        XCTAssertEqual(configuration.epochs, 30)
        XCTAssertEqual(configuration.imgsz.square, 320)
        XCTAssertEqual(configuration.name, "exp")
        XCTAssertEqual(configuration.batch, .fixed(16), "an invalid recorded value keeps the default")
        XCTAssertEqual(skipped.count, 2, skipped.joined(separator: "\n"))
        XCTAssertTrue(skipped[0].hasPrefix("save_hybrid=False skipped: last.pt: 'save_hybrid' is not a valid YOLO key."), skipped[0])
        XCTAssertTrue(skipped[1].hasPrefix("batch=0 skipped: last.pt: 'batch: 0' is not valid"))
    }

    func testChangedKeys() throws {
        let recorded = Configuration.recorded([ConfigEntry("epochs", 30), ConfigEntry("workers", 2)], source: "x").0
        guard case .run(let request) = try CommandLineParser.parse("train resume epochs=30 workers=4 lr0=0.02".words)
        else { return XCTFail() }
        XCTAssertEqual(request.configuration.changedKeys(comparedTo: recorded), ["workers", "resume", "lr0"])
    }
}
