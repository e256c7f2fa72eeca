import Foundation
import TestSupport
import XCTest

@testable import Configuration

/// Defaults < cfg file < command line, whatever the order of the arguments.
final class PrecedenceTests: XCTestCase {
    /// The tutorial's experiment.yaml, with epochs 50 and lr0 0.02 set in the file.
    private let experiment = """
        # experiment.yaml
        task: detect
        mode: train
        model: yolo26s.pt
        data: data.yaml
        epochs: 50
        batch: 16
        imgsz: 640
        lr0: 0.02
        """

    private func run(_ arguments: [String], in folder: URL) throws -> RunRequest {
        let command = try CommandLineParser.parse(arguments, currentDirectory: folder)
        guard case .run(let request) = command else {
            XCTFail("expected a run for \(arguments), got \(command)")
            throw XCTSkip("not a run")
        }
        return request
    }

    func testSameKeyInDefaultsFileAndCommandLineInEveryOrder() throws {
        let folder = try temporaryFile("experiment.yaml", experiment)
        let arguments = ["train", "cfg=experiment.yaml", "epochs=7", "imgsz=320"]
        var orders = 0
        for order in permutations(arguments) {
            let configuration = try run(order, in: folder).configuration
            XCTAssertEqual(configuration.epochs, 7, "command line beats the file: \(order)")
            XCTAssertEqual(configuration.imgsz.square, 320, "\(order)")
            XCTAssertEqual(configuration.lr0, 0.02, "the file beats the defaults: \(order)")
            XCTAssertEqual(configuration.patience, 100, "defaults fill the rest: \(order)")
            XCTAssertEqual(configuration.origin(of: "epochs"), .commandLine)
            XCTAssertEqual(configuration.origin(of: "lr0"), .file(SourceLocation(file: "experiment.yaml", line: 9)))
            XCTAssertEqual(configuration.origin(of: "patience"), .defaultValue)
            orders += 1
        }
        XCTAssertEqual(orders, 24)
    }

    func testFileAloneAndDefaultsAlone() throws {
        let folder = try temporaryFile("experiment.yaml", experiment)
        let fromFile = try run(["cfg=experiment.yaml"], in: folder)
        XCTAssertEqual(fromFile.routine, .train, "yolo cfg=experiment.yaml runs the file's mode")
        XCTAssertEqual(fromFile.explicitTask, .detect)
        XCTAssertEqual(fromFile.configuration.epochs, 50)
        XCTAssertEqual(fromFile.configuration.model, "yolo26s.pt")
        XCTAssertEqual(fromFile.configuration.cfg, "experiment.yaml")
        XCTAssertEqual(fromFile.warnings, [])
        let defaults = try run(["train"], in: folder).configuration
        XCTAssertEqual(defaults.epochs, 100)
        XCTAssertEqual(defaults.lr0, 0.01)
    }

    func testModeWordBeatsTheFilesMode() throws {
        let folder = try temporaryFile("experiment.yaml", experiment)
        let request = try run(["val", "cfg=experiment.yaml"], in: folder)
        XCTAssertEqual(request.routine, .val)
        XCTAssertEqual(request.configuration.mode, .val)
        XCTAssertEqual(request.warnings, [], "keys from a file are not warned about")
    }

    func testSwiftAPIResolution() throws {
        let folder = try temporaryFile("experiment.yaml", experiment)
        let (configuration, warnings) = try Configuration.resolve(
            cfgFile: "experiment.yaml", assignments: [Assignment("epochs", 3), Assignment("batch", -1)],
            currentDirectory: folder)
        XCTAssertEqual(configuration.epochs, 3)
        XCTAssertEqual(configuration.batch, .auto)
        XCTAssertEqual(configuration.lr0, 0.02)
        XCTAssertEqual(configuration.origin(of: "epochs"), .api)
        XCTAssertEqual(warnings, [])
    }

    /// Every ordering of `items`.
    private func permutations(_ items: [String]) -> [[String]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[String]] in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }
}
