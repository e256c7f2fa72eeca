import Foundation
import TestSupport
import XCTest

@testable import Configuration

/// `yolo [TASK] MODE key=value ...` read as the reference's entrypoint reads it.
final class CommandLineParserTests: XCTestCase {
    private func request(
        _ line: [String], in folder: URL? = nil, file: StaticString = #filePath, line number: UInt = #line
    )
        throws -> RunRequest
    {
        let command = try CommandLineParser.parse(line, currentDirectory: folder ?? TestPaths.temporaryDirectory())
        guard case .run(let request) = command else {
            XCTFail("expected a run, got \(command)", file: file, line: number)
            throw XCTSkip()
        }
        return request
    }

    func testTutorialTrainCommand() throws {
        let run = try request("train model=weights/yolo26n.pt data=data.yaml epochs=100 imgsz=640 batch=-1".words)
        XCTAssertEqual(run.routine, .train)
        XCTAssertNil(run.explicitTask)
        XCTAssertEqual(run.configuration.model, "weights/yolo26n.pt")
        XCTAssertEqual(run.configuration.data, "data.yaml")
        XCTAssertEqual(run.configuration.batch, .auto)
        XCTAssertEqual(run.configuration.mode, .train)
        XCTAssertEqual(run.warnings, [])
        XCTAssertEqual(run.configuration.explicitKeys, ["mode", "model", "data", "epochs", "batch", "imgsz"])
    }

    func testBareResumeMeansTrue() throws {
        let run = try request("train resume model=path/to/runs/train/exp/weights/last.pt".words)
        XCTAssertEqual(run.configuration.resume, .fromModel)
        XCTAssertEqual(run.configuration["resume"], .bool(true))
        let explicit = try request(["train", "resume=runs/detect/train/weights/last.pt"])
        XCTAssertEqual(explicit.configuration.resume, .checkpoint("runs/detect/train/weights/last.pt"))
    }

    func testTaskWordAndDeviceList() throws {
        let run = try request("segment train device=0,1 imgsz=[640,480] classes=0,2".words)
        XCTAssertEqual(run.explicitTask, .segment)
        XCTAssertEqual(run.configuration.device, "0,1")
        XCTAssertEqual(run.configuration.imgsz, ImageSize(height: 640, width: 480))
        XCTAssertEqual(run.configuration.classes, [0, 2])
        XCTAssertEqual(run.warnings, [.ignoredKey("classes", routine: .train)])
    }

    func testSpacesAroundEquals() throws {
        XCTAssertEqual(
            CommandLineParser.mergeEqualsArguments([
                "train", "epochs", "=", "10", "lr0=", "0.02", "imgsz", "=320", "x=[1,", "2]",
            ]),
            ["train", "epochs=10", "lr0=0.02", "imgsz=320", "x=[1,2]"])
        let run = try request(["train", "epochs", "=", "10", "lr0=", "0.02", "imgsz", "=320", "device=[0,", "1]"])
        XCTAssertEqual(run.configuration.epochs, 10)
        XCTAssertEqual(run.configuration.lr0, 0.02)
        XCTAssertEqual(run.configuration.imgsz.square, 320)
        XCTAssertEqual(run.configuration.device, "0,1")
    }

    func testBooleansAnyCaseAndNone() throws {
        let run = try request("val plots=FALSE save_json=true conf=None half=True".words)
        XCTAssertFalse(run.configuration.plots)
        XCTAssertTrue(run.configuration.saveJson)
        XCTAssertNil(run.configuration.conf)
        XCTAssertEqual(run.configuration.quantize, "fp16", "half=True maps onto quantize as the reference does")
        XCTAssertEqual(run.warnings, [.deprecatedKey("half", replacement: "quantize")])
    }

    func testDashesAndTrailingCommaAreWarnings() throws {
        let run = try request(["train", "--epochs=3", "imgsz=320,"])
        XCTAssertEqual(run.configuration.epochs, 3)
        XCTAssertEqual(run.configuration.imgsz.square, 320)
        XCTAssertEqual(run.warnings, [.leadingDashes("--epochs=3"), .trailingComma("imgsz=320,")])
    }

    func testProjectModes() throws {
        XCTAssertEqual(try request("learn loss=bce epochs=20".words).configuration.loss, "bce")
        let split = try request("data split path=images weights=0.8,0.2,0.0 group=^(.*)_frame".words)
        XCTAssertEqual(split.routine, .dataSplit)
        XCTAssertEqual(split.configuration.weights, [0.8, 0.2, 0.0])
        XCTAssertEqual(split.configuration.group, "^(.*)_frame")
        XCTAssertEqual(try request("data check data=data.yaml".words).routine, .dataCheck)
        XCTAssertEqual(try request("data stats data=data.yaml".words).routine, .dataStats)
        XCTAssertEqual(try request("data preview data=data.yaml n=4".words).configuration.n, 4)
        XCTAssertEqual(try request("diagnose run=runs/detect/train".words).configuration.run, "runs/detect/train")
        XCTAssertEqual(try request("info model=yolo26n.yaml".words).routine, .info)
    }

    func testRoutineDefaultsAndTypes() throws {
        let learn = try request(["learn"]).configuration
        XCTAssertEqual(learn.epochs, 100, "yolo learn has its own defaults")
        XCTAssertEqual(learn.lr0, 0.001)
        XCTAssertEqual(learn.origin(of: "lr0"), .defaultValue)
        XCTAssertEqual(try request(["learn", "lr0=25"]).configuration.lr0, 25, "the toy model accepts large rates")
        XCTAssertEqual(try request(["train"]).configuration.lr0, 0.01)
        XCTAssertThrowsError(try request(["train", "lr0=25"])) { error in
            XCTAssertTrue("\(error)".contains("'lr0' must be a number from 0.0 to 1.0"), "\(error)")
        }
        XCTAssertThrowsError(try request(["learn", "lr0=0"])) { error in
            XCTAssertTrue("\(error)".contains("'lr0' must be a number greater than 0.0, e.g. lr0=0.001"), "\(error)")
        }
        let folder = try temporaryFile("learn.yaml", "mode: train\nlr0: 5\n")
        XCTAssertThrowsError(try request(["cfg=learn.yaml"], in: folder)) { error in
            XCTAssertTrue("\(error)".hasPrefix("learn.yaml:2: 'lr0: 5' is not valid"), "\(error)")
        }
        XCTAssertEqual(try request(["learn", "cfg=learn.yaml"], in: folder).configuration.lr0, 5)
    }

    func testMissingModeRunsTrainWithAWarning() throws {
        let run = try request(["model=yolo26n.yaml"])
        XCTAssertEqual(run.routine, .train)
        XCTAssertEqual(run.warnings, [.missingMode(default: .train)])
    }

    func testSpecialCommands() throws {
        XCTAssertEqual(try CommandLineParser.parse([]), .help(.general))
        XCTAssertEqual(try CommandLineParser.parse(["help"]), .help(.general))
        XCTAssertEqual(try CommandLineParser.parse(["--help"]), .help(.general))
        XCTAssertEqual(try CommandLineParser.parse(["train", "help"]), .help(.routine(.train)))
        XCTAssertEqual(try CommandLineParser.parse(["help", "predict"]), .help(.routine(.predict)))
        XCTAssertEqual(try CommandLineParser.parse(["data", "help"]), .help(.data))
        XCTAssertEqual(try CommandLineParser.parse(["data", "split", "help"]), .help(.routine(.dataSplit)))
        XCTAssertEqual(try CommandLineParser.parse(["version"]), .version)
        XCTAssertEqual(try CommandLineParser.parse(["-v"]), .version)
        XCTAssertEqual(try CommandLineParser.parse(["checks"]), .checks)
        XCTAssertEqual(try CommandLineParser.parse(["cfg"]), .printDefaults)
        XCTAssertEqual(try CommandLineParser.parse(["copy-cfg"]), .copyDefaults)
        XCTAssertEqual(try CommandLineParser.parse(["settings"]), .settings(.show))
        XCTAssertEqual(try CommandLineParser.parse(["settings", "reset"]), .settings(.reset))
        XCTAssertEqual(
            try CommandLineParser.parse(["settings", "tensorboard=True", "runs_dir=/tmp/runs"]),
            .settings(.update([.commandLine("tensorboard", "True"), .commandLine("runs_dir", "/tmp/runs")])))
    }

    func testAugmentationsFromTheCommandLine() throws {
        let run = try request(["train", "augmentations=[{Blur: {blur_limit: 7, p: 0.5}}, {HorizontalFlip: {p: 0.5}}]"])
        XCTAssertEqual(
            run.configuration.augmentations,
            [
                .mapping([ConfigEntry("Blur", .mapping([ConfigEntry("blur_limit", 7), ConfigEntry("p", 0.5)]))]),
                .mapping([ConfigEntry("HorizontalFlip", .mapping([ConfigEntry("p", 0.5)]))]),
            ])
    }
}

extension String {
    /// The words of a command line split at spaces (the tests' commands have no quoted spaces).
    var words: [String] { split(separator: " ").map(String.init) }
}
