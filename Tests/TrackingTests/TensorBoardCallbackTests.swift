import Foundation
import TestSupport
import Training
import XCTest

@testable import Tracking

final class TensorBoardCallbackTests: XCTestCase {
    /// A run's event file read back: version first, every scalar at step = epoch with the results' values (flushed
    /// after each epoch), and the run folder's pictures as image summaries at the end.
    func testWritesScalarsPerEpochAndPicturesAtTheEnd() throws {
        let recording = RecordingRun()
        let run = recording.run
        let callback = TensorBoardCallback()
        callback.trainStart(run)
        let files = try FileManager.default.contentsOfDirectory(atPath: run.saveDir.path)
            .filter { $0.hasPrefix("events.out.tfevents.") }
        XCTAssertEqual(files.count, 1)
        let file = run.saveDir.appendingPathComponent(try XCTUnwrap(files.first))
        let parts = file.lastPathComponent.split(separator: ".")
        XCTAssertEqual(parts.count, 7, file.lastPathComponent)
        XCTAssertEqual(parts.last, "0")
        XCTAssertEqual(parts[5], "\(ProcessInfo.processInfo.processIdentifier)")

        callback.fitEpochEnd(run, result: RecordingRun.result(epoch: 1))
        let afterFirstEpoch = try Self.events(file)
        XCTAssertEqual(afterFirstEpoch.count, 1 + 13, "version + 13 scalars flushed after the epoch")
        callback.fitEpochEnd(run, result: RecordingRun.result(epoch: 2))

        let jpeg = TestPaths.dataset("coco8").appendingPathComponent("images/val/000000000042.jpg")
        try FileManager.default.copyItem(at: jpeg, to: run.saveDir.appendingPathComponent("val_batch0_pred.jpg"))
        let png = try XCTUnwrap(TrackingFixture.bytes(hex: try Self.fixturePNG()))
        try Data(png).write(to: run.saveDir.appendingPathComponent("results.png"))
        try Data("not an image".utf8).write(to: run.saveDir.appendingPathComponent("broken.png"))
        callback.trainEnd(run)
        XCTAssertEqual(recording.warnings, [])

        let events = try Self.events(file)
        XCTAssertEqual(events.first?.version, "brain.Event:2")
        var scalars: [String: [Int64: Float]] = [:]
        var images: [String: (step: Int64, height: Int, width: Int, channels: Int, bytes: [UInt8])] = [:]
        for e in events.dropFirst() {
            XCTAssertNil(e.version)
            XCTAssertGreaterThan(e.wallTime, 1.7e9)
            for (tag, value) in e.scalars { scalars[tag, default: [:]][e.step] = value }
            for image in e.images {
                images[image.tag] = (e.step, image.height, image.width, image.channels, image.bytes)
            }
        }
        let expectedTags = ["train/box_loss", "train/cls_loss", "train/dfl_loss", "lr/pg0", "lr/pg1", "lr/pg2",
                            "metrics/precision(B)", "metrics/recall(B)", "metrics/mAP50(B)", "metrics/mAP50-95(B)",
                            "val/box_loss", "val/cls_loss", "val/dfl_loss"]
        XCTAssertEqual(Set(scalars.keys), Set(expectedTags))
        for epoch in 1...2 {
            let r = RecordingRun.result(epoch: epoch)
            XCTAssertEqual(scalars["train/cls_loss"]?[Int64(epoch)], r.trainLoss[1])
            XCTAssertEqual(scalars["lr/pg2"]?[Int64(epoch)], Float(r.learningRates[2]))
            XCTAssertEqual(scalars["metrics/mAP50(B)"]?[Int64(epoch)], Float(r.metrics[2].value))
            XCTAssertEqual(scalars["val/dfl_loss"]?[Int64(epoch)], r.valLoss[2])
        }
        XCTAssertEqual(Set(images.keys), ["results", "val_batch0_pred"])
        XCTAssertEqual(images["results"]?.bytes, png)
        XCTAssertEqual(images["val_batch0_pred"].map { [$0.width, $0.height, $0.channels] }, [640, 478, 3])
        XCTAssertEqual(images["val_batch0_pred"]?.step, 2)
    }

    func testUnwritableFolderGivesOneWarning() throws {
        let recording = RecordingRun()
        try Data().write(to: recording.folder.appendingPathComponent("blocked"))
        let run = TrainingRun(
            saveDir: recording.folder.appendingPathComponent("blocked/run"), arguments: [], names: [], lossNames: [],
            trainSplit: RecordingRun.emptySplit(.train), valSplit: RecordingRun.emptySplit(.val), epochs: 1,
            batchesPerEpoch: 1, resumed: false, log: { recording.run.log($0) })
        let callback = TensorBoardCallback()
        callback.trainStart(run)
        callback.fitEpochEnd(run, result: RecordingRun.result(epoch: 1))
        callback.trainStart(run)
        callback.trainEnd(run)
        XCTAssertEqual(recording.warnings.count, 1, "\(recording.lines)")
        XCTAssertTrue(recording.warnings.first?.contains("TensorBoard") == true)
    }

    // MARK: - Reading event files back

    struct Event {
        var wallTime = 0.0
        var step: Int64 = 0
        var version: String?
        var scalars: [(String, Float)] = []
        var images: [(tag: String, height: Int, width: Int, channels: Int, bytes: [UInt8])] = []
    }

    /// The events of a file, decoded with the test's own protobuf reader after the TFRecord CRC checks.
    static func events(_ file: URL) throws -> [Event] {
        try TFRecord.records(in: [UInt8](try Data(contentsOf: file))).map { record in
            var event = Event()
            for (number, value) in try ProtobufReader.fields(record) {
                switch (number, value) {
                case (1, .fixed64(let bits)): event.wallTime = Double(bitPattern: bits)
                case (2, .varint(let step)): event.step = Int64(bitPattern: step)
                case (3, .bytes(let text)): event.version = String(decoding: text, as: UTF8.self)
                case (5, .bytes(let summary)):
                    for (_, valueField) in try ProtobufReader.fields(summary) {
                        guard case .bytes(let valueBytes) = valueField else { continue }
                        try decodeValue(valueBytes, into: &event)
                    }
                default: throw ProtobufReader.DecodeError()
                }
            }
            return event
        }
    }

    private static func decodeValue(_ bytes: [UInt8], into event: inout Event) throws {
        var tag = ""
        for (number, value) in try ProtobufReader.fields(bytes) {
            switch (number, value) {
            case (1, .bytes(let text)): tag = String(decoding: text, as: UTF8.self)
            case (2, .fixed32(let bits)): event.scalars.append((tag, Float(bitPattern: bits)))
            case (4, .bytes(let imageBytes)):
                var image = (tag: tag, height: 0, width: 0, channels: 0, bytes: [UInt8]())
                for (n, v) in try ProtobufReader.fields(imageBytes) {
                    switch (n, v) {
                    case (1, .varint(let x)): image.height = Int(x)
                    case (2, .varint(let x)): image.width = Int(x)
                    case (3, .varint(let x)): image.channels = Int(x)
                    case (4, .bytes(let b)): image.bytes = b
                    default: throw ProtobufReader.DecodeError()
                    }
                }
                event.images.append(image)
            default: throw ProtobufReader.DecodeError()
            }
        }
    }

    static func fixturePNG() throws -> String {
        let fixture = try TrackingFixture.load()
        return try XCTUnwrap(fixture.events.compactMap { $0.event["encoded_image"]?.text }.first)
    }
}
