import Foundation
import TestSupport
import XCTest

@testable import Configuration

/// The key table against the reference's default.yaml, and against the typed accessors.
final class KeyTableTests: XCTestCase {
    /// The reference's default.yaml (`../shared/reference`), or a skip where the checkout has no `../shared`.
    private func referenceDefaults() throws -> String {
        let url = TestPaths.shared.appendingPathComponent("reference/ultralytics-cfg/default.yaml")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XCTSkip("reference default.yaml not found at \(url.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    func testEveryReferenceKeyInItsOrder() throws {
        let text = try referenceDefaults()
        let referenceKeys = try ConfigFile.assignments(yaml: text, file: "default.yaml").map(\.key) + ["cfg"]
        let ours = KeyTable.all.filter(\.isReferenceKey).map(\.name)
        XCTAssertEqual(ours.sorted(), referenceKeys.sorted(), "same key set as default.yaml")
        let referenceOrder = text.split(separator: "\n").compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("#"), !line.hasPrefix(" ") else { return nil }
            return String(line[..<colon])
        }
        XCTAssertEqual(ours, referenceOrder, "args.yaml order is default.yaml's order")
    }

    func testDefaultsEqualTheReference() throws {
        let text = try referenceDefaults()
        for assignment in try ConfigFile.assignments(yaml: text, file: "default.yaml") {
            let spec = try XCTUnwrap(KeyTable.spec(assignment.key))
            XCTAssertEqual(
                spec.normalized(assignment.value, text: assignment.text), spec.defaultValue,
                "default of \(assignment.key)")
        }
        // The whole default.yaml is also a valid cfg file that changes nothing.
        let loaded = try Configuration.load(argsYAML: text, file: "default.yaml")
        XCTAssertEqual(loaded.entries, Configuration.defaults.entries)
    }

    func testEveryDefaultIsAcceptedByItsOwnType() {
        for spec in KeyTable.all {
            XCTAssertEqual(spec.normalized(spec.defaultValue), spec.defaultValue, spec.name)
            XCTAssertFalse(spec.help.isEmpty, spec.name)
            XCTAssertFalse(spec.routines.isEmpty, spec.name)
            XCTAssertNotNil(
                spec.normalized(
                    ValueParser.parse(spec.exampleValue ?? spec.defaultValue.commandLineText), text: spec.exampleValue),
                "example of \(spec.name): \(spec.example)")
        }
    }

    func testNamesAreUniqueAndEveryKeyHasAnAccessor() {
        XCTAssertEqual(Set(KeyTable.names).count, KeyTable.names.count)
        XCTAssertEqual(Set(Configuration.accessors.keys), Set(KeyTable.names))
        let defaults = Configuration.defaults
        for (key, path) in Configuration.accessors {
            XCTAssertNotNil(defaults[keyPath: path] as Any?, key)
        }
    }

    func testTypedAccessors() throws {
        var configuration = Configuration()
        XCTAssertEqual(configuration.epochs, 100)
        XCTAssertEqual(configuration.imgsz, ImageSize(height: 640, width: 640))
        XCTAssertEqual(configuration.batch, .fixed(16))
        XCTAssertEqual(configuration.lr0, 0.01)
        XCTAssertEqual(configuration.amp, .fp16)
        XCTAssertNil(configuration.device)
        XCTAssertEqual(configuration.task, .detect)
        XCTAssertEqual(configuration.resume, .no)
        XCTAssertEqual(configuration.weights, [0.9, 0.1, 0.0])
        let changes: [(String, String)] = [
            ("batch", "-1"), ("imgsz", "[480,640]"), ("device", "0,1"), ("cache", "disk"), ("amp", "bf16"),
            ("pretrained", "weights/x.pt"), ("resume", "True"), ("freeze", "10"), ("classes", "3"),
            ("quantize", "16"), ("compile", "True"), ("optimizer", "adamw"), ("name", "001"), ("conf", "0.25"),
        ]
        for (key, text) in changes { try configuration.apply(.commandLine(key, text)) }
        XCTAssertEqual(configuration.batch, .auto)
        XCTAssertEqual(configuration.imgsz, ImageSize(height: 480, width: 640))
        XCTAssertEqual(configuration.imgsz.square, 640)
        XCTAssertEqual(configuration.device, "0,1")
        XCTAssertEqual(configuration.cache, .disk)
        XCTAssertEqual(configuration.amp, .bf16)
        XCTAssertEqual(configuration.pretrained, .file("weights/x.pt"))
        XCTAssertEqual(configuration.resume, .fromModel)
        XCTAssertEqual(configuration.freeze, .first(10))
        XCTAssertEqual(configuration.classes, [3])
        XCTAssertEqual(configuration.quantize, "fp16")
        XCTAssertEqual(configuration.compile, "default")
        XCTAssertEqual(configuration.optimizer, "AdamW", "choices are stored as the table spells them")
        XCTAssertEqual(configuration.name, "001", "text keys keep the text as typed")
        XCTAssertEqual(configuration.conf, 0.25)
        try configuration.apply(.commandLine("batch", "0.7"))
        XCTAssertEqual(configuration.batch, .memoryFraction(0.7))
        try configuration.apply(.commandLine("cache", "True"))
        XCTAssertEqual(configuration.cache, .ram)
    }

    func testRoutinesOfKeys() {
        let train = Set(KeyTable.keys(for: .train).map(\.name))
        XCTAssertTrue(train.isSuperset(of: ["epochs", "lr0", "mosaic", "data", "model", "imgsz", "sampler", "cls_pw"]))
        XCTAssertFalse(train.contains("source"))
        XCTAssertFalse(train.contains("loss"))
        XCTAssertTrue(Set(KeyTable.keys(for: .learn).map(\.name)).isSuperset(of: ["epochs", "lr0", "loss", "seed"]))
        XCTAssertTrue(
            Set(KeyTable.keys(for: .dataSplit).map(\.name)).isSuperset(of: ["path", "weights", "stratify", "group"]))
        XCTAssertTrue(Set(KeyTable.keys(for: .diagnose).map(\.name)).contains("run"))
        XCTAssertTrue(Set(KeyTable.keys(for: .dataCheck).map(\.name)).isSuperset(of: ["data", "threshold"]))
    }
}
