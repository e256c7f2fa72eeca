import Foundation
import TestSupport
import XCTest

@testable import Configuration

/// Wrong invocations: each is a typed error whose text names the key (or file and line) and the fix.
/// The full texts are in the golden file `errors.txt`; each case also checks the part that matters.
final class ErrorMessageTests: XCTestCase {
    /// A folder with the cfg files the cases name.
    private func folderWithConfigFiles() throws -> URL {
        let folder = try temporaryFile("bad-key.yaml", "task: detect\nmode: train\nepoch: 10\n")
        try Data("model: yolo26n.yaml\nepochs: 3\nbatch: 8\nimgsz: big\n".utf8)
            .write(to: folder.appendingPathComponent("bad-type.yaml"))
        try Data("epochs: 3\nimgsz: [320, 320\nbatch: 4\n".utf8).write(to: folder.appendingPathComponent("broken.yaml"))
        try Data("- epochs\n- 3\n".utf8).write(to: folder.appendingPathComponent("list.yaml"))
        return folder
    }

    /// (command line, a fragment the message must contain).
    private let cases: [(String, String)] = [
        ("train epoch=10", "Did you mean 'epochs'?"),
        ("train epochs=-3", "'epochs' must be an integer at least 1"),
        ("train imgsz=abc", "'imgsz=abc' is not valid"),
        ("train batch=0", "-1 for AutoBatch"),
        ("train lr0=abc", "'lr0' must be a number from 0.0 to 1.0"),
        ("train lr0=1.5", "'lr0=1.5' is not valid"),
        ("train epochs=", "'epochs=' is missing its value"),
        ("train epochs", "missing '=' and a value: try epochs=100"),
        ("=10 train", "has no key before '='"),
        ("trian model=yolo26n.pt", "Did you mean 'train'?"),
        ("train mode=trian", "Did you mean 'train'?"),
        ("train lr", "Did you mean 'lrf' or 'lr0'?"),
        ("export model=yolo26n.pt", "'yolo export' is not available"),
        ("pose train", "task 'pose' is not supported"),
        ("train val", "two modes given"),
        ("train optimizer=adam2", "one of SGD, MuSGD, Adam"),
        ("predict conf=2", "'conf' must be a number from 0.0 to 1.0"),
        ("train fraction=0", "'fraction=0' is not valid"),
        ("data", "needs a sub-command"),
        ("data splt path=images", "Did you mean 'split'?"),
        ("data split weights=0.8", "'weights' must be 2 or 3 fractions"),
        ("train cfg=missing.yaml", "'missing.yaml' not found"),
        ("train cfg=bad-key.yaml", "bad-key.yaml:3: 'epoch' is not a valid YOLO key. Did you mean 'epochs'?"),
        ("train cfg=bad-type.yaml epochs=5", "bad-type.yaml:4: 'imgsz: big' is not valid"),
        ("cfg=broken.yaml", "broken.yaml:3: is not valid YAML"),
        ("cfg=list.yaml", "list.yaml:1: must be a mapping"),
        ("settings tensorbord=True", "Did you mean 'tensorboard'?"),
        ("settings tensorboard=maybe", "setting 'tensorboard' must be True or False"),
    ]

    func testWrongInvocations() throws {
        let folder = try folderWithConfigFiles()
        var transcript = ""
        for (line, fragment) in cases {
            do {
                let command = try CommandLineParser.parse(line.words, currentDirectory: folder)
                XCTFail("'yolo \(line)' should fail, got \(command)")
            } catch let error as ConfigurationError {
                let message = error.description
                XCTAssertTrue(message.contains(fragment), "'yolo \(line)': \(message)\n  should contain: \(fragment)")
                transcript += "$ yolo \(line)\n\(message)\n\n"
            }
        }
        XCTAssertGreaterThanOrEqual(cases.count, 15)
        assertGolden(transcript, "errors.txt")
    }

    func testErrorsAreTyped() {
        XCTAssertThrowsError(try CommandLineParser.parse(["train", "epoch=10"])) { error in
            XCTAssertEqual(error as? ConfigurationError, .unknownKey("epoch", suggestions: ["epochs"], location: nil))
        }
        XCTAssertThrowsError(try CommandLineParser.parse(["train", "batch=0"])) { error in
            guard case .invalidValue(let key, let text, _, let example, nil)? = error as? ConfigurationError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual([key, text, example], ["batch", "0", "batch=16"])
        }
    }

    func testValuesThatLookWrongButAreAccepted() throws {
        // The reference accepts these; so do we.
        for line in [
            "train batch=-1", "train batch=0.7", "train imgsz=[640,480]", "train fraction=200", "train amp=bf16",
            "train cache=ram", "train save_period=-1", "predict conf=0", "train name=1.50",
            "train EPOCHS=3".lowercased(),
        ] {
            XCTAssertNoThrow(try CommandLineParser.parse(line.words), line)
        }
    }
}
