import Foundation
import TestSupport
import XCTest

@testable import Configuration

/// `args.yaml` in the reference's order and PyYAML's formatting, and back.
final class ArgsYAMLTests: XCTestCase {
    func testDefaultArgsYAML() {
        let text = Configuration.defaults.argsYAML(appending: [ConfigEntry("save_dir", "runs/detect/train")])
        assertGolden(text, "args-default.yaml")
        XCTAssertTrue(text.hasPrefix("task: detect\nmode: train\nmodel: null\ndata: null\nepochs: 100\ntime: null\n"))
        XCTAssertTrue(text.contains("\nweight_decay: 0.0005\n"))
        XCTAssertTrue(text.contains("\nsave: true\nsave_period: -1\ncache: false\n"))
        XCTAssertTrue(text.hasSuffix("\nsave_dir: runs/detect/train\n"))
    }

    func testArgsYAMLOfATrainingRun() throws {
        let arguments = [
            "train", "model=weights/yolo26n.pt", "data=data.yaml", "epochs=3", "imgsz=[320,256]", "batch=-1",
            "device=0,1", "name=001", "lr0=1e-5", "project=my: runs",
            "augmentations=[{Blur: {blur_limit: 7, p: 0.5}}, {ToGray: {p: 0.1}}]",
            "freeze=[0,'23.cv2']", "cache=disk",
        ]
        guard case .run(let request) = try CommandLineParser.parse(arguments) else { return XCTFail() }
        let text = request.configuration.argsYAML(appending: [ConfigEntry("save_dir", "runs/detect/train2")])
        assertGolden(text, "args-train.yaml")
        XCTAssertTrue(text.contains("\nimgsz:\n- 320\n- 256\n"))
        XCTAssertTrue(text.contains("\nlr0: 1.0e-05\n"))
        XCTAssertTrue(text.contains("\nname: '001'\n"))
        XCTAssertTrue(text.contains("\nproject: 'my: runs'\n"))
        XCTAssertTrue(
            text.contains("\naugmentations:\n- Blur:\n    blur_limit: 7\n    p: 0.5\n- ToGray:\n    p: 0.1\n"))

        // Read back (a run's args.yaml is a valid cfg file; save_dir is ignored): the same configuration.
        let loaded = try Configuration.load(argsYAML: text, file: "args.yaml")
        XCTAssertEqual(loaded.entries, request.configuration.entries)
    }

    func testWritesAtomically() throws {
        let url = TestPaths.temporaryDirectory().appendingPathComponent("args.yaml")
        try Configuration.defaults.writeArgsYAML(to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), Configuration.defaults.argsYAML())
    }

    func testScalarsAsPyYAMLWritesThem() {
        let cases: [(ConfigValue, String)] = [
            (.none, "null"), (true, "true"), (false, "false"), (640, "640"), (-1, "-1"), (0.01, "0.01"),
            (1.0, "1.0"), (100.0, "100.0"), (1e-5, "1.0e-05"), (2.5e-7, "2.5e-07"), (1e16, "1.0e+16"),
            (.float(.infinity), ".inf"), ("data.yaml", "data.yaml"), ("", "''"), ("640", "'640'"),
            ("1.5", "'1.5'"), ("yes", "'yes'"), ("True", "'True'"), ("null", "'null'"), ("~", "'~'"),
            ("a: b", "'a: b'"), ("a:b", "a:b"), ("x #y", "'x #y'"), ("x#y", "x#y"), ("#x", "'#x'"),
            ("-x", "-x"), ("- x", "'- x'"), ("it's", "it's"), ("'q'", "'''q'''"), (" lead", "' lead'"),
            ("2026-11-27", "'2026-11-27'"), ("runs/detect/train", "runs/detect/train"), ("*", "'*'"),
            ("line\nbreak", "\"line\\nbreak\""), ("[]", "'[]'"), (.list([]), "[]"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(YAMLWriter.scalar(value), expected, "\(value)")
        }
    }
}
