import Foundation
import TestSupport
import XCTest

/// Wrong invocations of the whole `yolo` command (parser, modes and trainer): each exits non-zero with a message that
/// names the problem and what to do, and nothing crashes. The transcript (invocation → exit code → message) is the
/// golden file `Tests/Fixtures/CLI/errors.txt`.
final class GoldenErrorTests: XCTestCase {
    /// A folder with the broken files the cases name.
    private func folderWithBrokenFiles() throws -> URL {
        let folder = TestPaths.temporaryDirectory("yolo-cli-errors")
        let files = [
            "bad-key.yaml": "task: detect\nmode: train\nepoch: 10\n",
            "bad-type.yaml": "epochs: 3\nimgsz: big\n",
            "no-train.yaml": "path: .\nval: images/val\nnames:\n  0: thing\n",
            "broken.pt": "this is not a checkpoint\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    /// Keys that keep a run short should a case wrongly start training.
    private static let short = ["epochs=1", "imgsz=64", "batch=4", "workers=1", "val=False"]

    /// (arguments, a fragment the message must contain). `<coco8>` stands for the shared coco8 data.yaml.
    private static let cases: [([String], String)] = [
        (["train", "epoch=10"], "Did you mean 'epochs'?"),
        (["train", "colour=red"], "'colour' is not a valid YOLO key"),
        (["train", "imgsz=abc"], "'imgsz=abc' is not valid"),
        (["train", "epochs=-3"], "'epochs' must be an integer at least 1"),
        (["train", "batch=0"], "-1 for AutoBatch"),
        (["train", "epochs="], "'epochs=' is missing its value"),
        (["fly", "model=yolo26n.yaml"], "is not a valid mode"),
        (["train", "cfg=bad-key.yaml"], "bad-key.yaml:3: 'epoch' is not a valid YOLO key"),
        (["train", "cfg=bad-type.yaml"], "bad-type.yaml:2: 'imgsz: big' is not valid"),
        (["train", "cfg=missing.yaml"], "'missing.yaml' not found"),
        (["cfg=missing.yaml"], "'missing.yaml' not found"),
        (["train", "data=nothere.yaml"] + short, "nothere.yaml: no such file"),
        (["train", "data=no-train.yaml"] + short, "no-train.yaml"),
        (["train", "data=<coco8>", "model=missing.pt"] + short, "missing.pt"),
        (["train", "data=<coco8>", "model=broken.pt"] + short, "broken.pt"),
        (["train", "data=<coco8>", "model=yolo99z.yaml"] + short, "yolo99z.yaml"),
        (["train", "resume"], "resume model=runs/detect/train/weights/last.pt"),
        (["train", "resume", "model=runs/detect/train/weights/last.pt"], "does not exist"),
        (["train", "optimizer=adam2"], "one of SGD, MuSGD, Adam"),
        (["train", "data=<coco8>", "sampler=rare"] + short, "one of uniform, balanced"),
        (["train", "data=<coco8>", "augmentations=[{Blurr: {p: 0.5}}]"] + short, "did you mean 'Blur'?"),
        (["train", "data=<coco8>", "augmentations=[{Blur: {p: 2}}]"] + short, "use a probability from 0 to 1"),
        (["data"], "needs a sub-command"),
        (["val", "model=yolo26n.yaml"], "data=path/to/data.yaml"),
        (["val", "model=missing.pt", "data=<coco8>", "imgsz=64"], "missing.pt"),
        (["predict", "model=yolo26n.yaml", "source=nothere.jpg", "imgsz=64"], "nothere.jpg"),
        (["diagnose"], "run=runs/detect/train"),
        (["diagnose", "run=runs/detect/nothere"], "no such folder"),
        (["info", "model=yolo99z.yaml"], "yolo99z.yaml"),
    ]

    func testWrongInvocations() throws {
        let folder = try folderWithBrokenFiles()
        defer { try? FileManager.default.removeItem(at: folder) }
        var transcript = ""
        for (arguments, fragment) in Self.cases {
            let args = arguments.map { $0.replacingOccurrences(of: "<coco8>", with: GoldenCLI.coco8) }
            let shown = "yolo " + arguments.joined(separator: " ")
            let r = GoldenCLI.run(args, in: folder)
            let message = GoldenCLI.masked(r.errors, folder: folder)
            XCTAssertNotEqual(r.status, 0, "\(shown) should fail:\n\(r.output)")
            XCTAssertTrue(message.contains(fragment), "\(shown): \(message)\n  should contain: \(fragment)")
            XCTAssertTrue(message.hasPrefix("error: ") || message.contains("\nerror: "), "\(shown): \(message)")
            for text in [r.output, r.errors] {
                for crash in ["Fatal error", "Stack dump", "stack trace", "Swift runtime failure", "Thread 0"] {
                    XCTAssertFalse(text.contains(crash), "\(shown): \(text)")
                }
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs/detect/train/weights/last.pt").path),
                           "\(shown) trained")
            transcript += "$ \(shown)\nexit \(r.status)\n\(message)\n\n"
        }
        XCTAssertGreaterThanOrEqual(Self.cases.count, 15)
        GoldenCLI.assertGolden(transcript, "errors.txt")
    }
}
