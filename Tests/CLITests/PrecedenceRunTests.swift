import Configuration
import Foundation
import TestSupport
import XCTest
import YOLOCLI

/// Defaults < cfg file < command line (or Swift API), checked end to end: the args.yaml and results.csv of real
/// `yolo train` runs, in every order of the arguments. (Parsing alone is covered by ConfigurationTests/PrecedenceTests.)
final class PrecedenceRunTests: XCTestCase {
    var folder: URL!

    /// epochs in the file (3) and on the command line (1); lr0 only in the file; patience only in the defaults.
    override func setUpWithError() throws {
        folder = TestPaths.temporaryDirectory("yolo-precedence")
        try """
            task: detect
            mode: train
            model: yolo26n.yaml
            data: \(GoldenCLI.coco8)
            epochs: 3
            imgsz: 64
            batch: 4
            workers: 1
            val: False
            plots: False
            lr0: 0.02
            """.write(to: folder.appendingPathComponent("experiment.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// The value of `key` in the args.yaml of `run`.
    func recorded(_ key: String, in run: URL) throws -> String? {
        try String(contentsOf: run.appendingPathComponent("args.yaml"), encoding: .utf8).split(separator: "\n")
            .first { $0.hasPrefix("\(key): ") }.map { String($0.dropFirst(key.count + 2)) }
    }

    func epochsRun(_ run: URL) throws -> Int {
        try String(contentsOf: run.appendingPathComponent("results.csv"), encoding: .utf8).split(separator: "\n").count - 1
    }

    func testCommandLineBeatsFileBeatsDefaultsInEveryOrder() throws {
        let orders = [
            ["train", "cfg=experiment.yaml", "epochs=1"], ["train", "epochs=1", "cfg=experiment.yaml"],
            ["cfg=experiment.yaml", "train", "epochs=1"], ["cfg=experiment.yaml", "epochs=1", "train"],
            ["epochs=1", "train", "cfg=experiment.yaml"], ["epochs=1", "cfg=experiment.yaml", "train"],
            ["cfg=experiment.yaml", "epochs=1"], ["epochs=1", "cfg=experiment.yaml"],
        ]
        for (k, order) in orders.enumerated() {
            let r = GoldenCLI.run(order + ["name=order\(k)"], in: folder)
            XCTAssertEqual(r.status, 0, "\(order): \(r.errors)")
            let run = folder.appendingPathComponent("runs/detect/order\(k)")
            XCTAssertEqual(try recorded("epochs", in: run), "1", "command line beats the file: \(order)")
            XCTAssertEqual(try epochsRun(run), 1, "the trainer ran the command line's epochs: \(order)")
            XCTAssertEqual(try recorded("lr0", in: run), "0.02", "the file beats the defaults: \(order)")
            XCTAssertEqual(try recorded("imgsz", in: run), "64", "\(order)")
            XCTAssertEqual(try recorded("patience", in: run), "100", "the defaults fill the rest: \(order)")
            XCTAssertEqual(try recorded("cfg", in: run), "experiment.yaml", "\(order)")
        }
    }

    func testFileAloneAndSwiftAPI() throws {
        let file = GoldenCLI.run(["cfg=experiment.yaml", "name=file"], in: folder)
        XCTAssertEqual(file.status, 0, file.errors)
        let fileRun = folder.appendingPathComponent("runs/detect/file")
        XCTAssertEqual(try recorded("epochs", in: fileRun), "3")
        XCTAssertEqual(try epochsRun(fileRun), 3)

        let api = try YOLO("yolo26n.yaml", log: { _ in }, currentDirectory: folder)
            .train(epochs: 1, cfg: "experiment.yaml", ["lr0": .float(0.03), "name": .string("api")])
        XCTAssertEqual(try recorded("epochs", in: api.saveDir), "1", "API arguments beat the file")
        XCTAssertEqual(try recorded("lr0", in: api.saveDir), "0.03")
        XCTAssertEqual(try recorded("batch", in: api.saveDir), "4", "the file beats the defaults")
        XCTAssertEqual(api.results.count, 1)
    }
}
