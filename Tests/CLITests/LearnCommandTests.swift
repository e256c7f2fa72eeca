import XCTest
import YOLOCLI

/// `yolo learn` through the command line: bad input is a clear error with a non-zero status, never a crash.
final class LearnCommandTests: XCTestCase {
    func run(_ arguments: String) -> (status: Int32, output: String, errors: String) {
        var out: [String] = [], err: [String] = []
        let status = YOLOCommand.main(arguments.split(separator: " ").map(String.init),
                                      output: { out.append($0) }, errors: { err.append($0) })
        return (status, out.joined(separator: "\n"), err.joined(separator: "\n"))
    }

    func testBadValuesAreClearErrors() {
        let cases: [(String, String)] = [
            ("learn epochs=-1", "'epochs' must be an integer at least 1"),
            ("learn lr0=abc", "'lr0' must be a number"),
            ("learn loss=hinge", "'loss' must be one of mse, bce"),
            ("learn epoch=3", "Did you mean 'epochs'?"),
            ("lern", "Did you mean 'learn'?"),
            ("learn epochs", "epochs"),
        ]
        for (args, expected) in cases {
            let r = run(args)
            XCTAssertNotEqual(r.status, 0, args)
            XCTAssertTrue(r.errors.contains(expected), "\(args): \(r.errors)")
            XCTAssertTrue(r.output.isEmpty, "\(args) printed output: \(r.output)")
        }
    }

    func testLearnRunsWithKeys() {
        let r = run("learn epochs=3 loss=bce lr0=0.001")
        XCTAssertEqual(r.status, 0, r.errors)
        XCTAssertTrue(r.output.contains("epoch    3/3"), r.output)
        XCTAssertTrue(r.output.contains("loss=bce lr0=0.001 epochs=3"), r.output)
        XCTAssertTrue(r.output.contains("MSE = (0.10 + 0.05) / 2 = 0.075"), r.output)
    }

    func testVersionAndHelp() {
        XCTAssertEqual(run("version").status, 0)
        let help = run("help")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.contains("learn"), help.output)
    }
}

/// `yolo settings`: print, persist, reset — in a temporary config folder.
final class SettingsCommandTests: XCTestCase {
    func testSettingsPersistAndReset() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yolo-settings-\(UUID().uuidString)")
        setenv("YOLO_CONFIG_DIR", folder.path, 1)
        defer { unsetenv("YOLO_CONFIG_DIR"); try? FileManager.default.removeItem(at: folder) }
        var out: [String] = [], err: [String] = []
        func run(_ a: String) -> Int32 {
            out = []; err = []
            return YOLOCommand.main(a.split(separator: " ").map(String.init), output: { out.append($0) }, errors: { err.append($0) })
        }
        XCTAssertEqual(run("settings tensorboard=True"), 0, err.joined())
        XCTAssertEqual(run("settings"), 0)
        XCTAssertTrue(out.joined().contains("\"tensorboard\": true"), out.joined())
        XCTAssertEqual(run("settings reset"), 0)
        XCTAssertTrue(out.joined().contains("\"tensorboard\": false"), out.joined())
        XCTAssertNotEqual(run("settings tensorbord=True"), 0)
        XCTAssertTrue(err.joined().contains("tensorboard"), err.joined())
    }
}

/// `yolo info`: the reference's summary line, and clear errors for unknown models.
final class InfoCommandTests: XCTestCase {
    func testInfoPrintsTheSummaryLine() {
        var out: [String] = [], err: [String] = []
        let status = YOLOCommand.main(["info", "model=yolo11n.yaml"], output: { out.append($0) }, errors: { err.append($0) })
        XCTAssertEqual(status, 0, err.joined())
        XCTAssertEqual(out.joined(), "YOLO11n summary: 181 layers, 2,624,080 parameters, 2,624,064 gradients, 6.7 GFLOPs")
        let missing = YOLOCommand.main(["info", "model=nothere.yaml"], output: { out.append($0) }, errors: { err.append($0) })
        XCTAssertNotEqual(missing, 0)
        XCTAssertTrue(err.joined().contains("nothere.yaml"), err.joined())
    }
}
