import Foundation
import XCTest

@testable import Tracking

final class TensorBoardEncodingTests: XCTestCase {
    func testVarintsAndFixedWidthFields() {
        var w = ProtobufWriter()
        w.appendVarint(0)
        w.appendVarint(1)
        w.appendVarint(127)
        w.appendVarint(128)
        w.appendVarint(300)
        XCTAssertEqual(w.bytes, [0x00, 0x01, 0x7F, 0x80, 0x01, 0xAC, 0x02])

        var negative = ProtobufWriter()
        negative.appendInt64(2, -1)  // ten-byte two's complement varint
        XCTAssertEqual(negative.bytes, [0x10] + [UInt8](repeating: 0xFF, count: 9) + [0x01])

        var fixed = ProtobufWriter()
        fixed.appendDouble(1, 1.0)
        fixed.appendFloat(2, 1.0)
        fixed.appendString(3, "ab")
        XCTAssertEqual(fixed.bytes,
                       [0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x15, 0, 0, 0x80, 0x3F, 0x1A, 0x02, 0x61, 0x62])
    }

    /// Each event encoded by hand equals protobuf's serialisation of the same `Event` (fixture from TensorBoard).
    func testEventsMatchTensorBoardBytes() throws {
        let fixture = try TrackingFixture.load()
        XCTAssertEqual(fixture.events.count, 6)
        for c in fixture.events {
            let event = try Self.event(c)
            XCTAssertEqual(event.encoded, TrackingFixture.bytes(hex: c.encoded), "Event \(c.name)")
            XCTAssertEqual(TFRecord.framed(event.encoded), TrackingFixture.bytes(hex: c.record), "record \(c.name)")
        }
    }

    /// The fixture's records read back through the Swift TFRecord reader; a flipped bit fails the CRC check.
    func testReaderChecksFramingAndCRCs() throws {
        let fixture = try TrackingFixture.load()
        let stream = fixture.events.flatMap { TrackingFixture.bytes(hex: $0.record) ?? [] }
        let records = try TFRecord.records(in: stream)
        XCTAssertEqual(records, fixture.events.map { TrackingFixture.bytes(hex: $0.encoded) ?? [] })

        var damaged = stream
        damaged[20] ^= 0x01  // inside the first record's data
        XCTAssertThrowsError(try TFRecord.records(in: damaged)) {
            XCTAssertEqual($0 as? TFRecordError, .badDataCRC(offset: 0))
        }
        var badLength = stream
        badLength[0] ^= 0x01
        XCTAssertThrowsError(try TFRecord.records(in: badLength)) {
            XCTAssertEqual($0 as? TFRecordError, .badLengthCRC(offset: 0))
        }
        XCTAssertThrowsError(try TFRecord.records(in: Array(stream.dropLast(1)))) {
            guard case .truncated = $0 as? TFRecordError else { return XCTFail("expected truncation, got \($0)") }
        }
    }

    /// The `TensorBoardEvent` a fixture case describes.
    static func event(_ c: TrackingFixture.Case) throws -> TensorBoardEvent {
        let e = c.event
        let wallTime = try XCTUnwrap(e["wall_time"]?.number)
        let step = Int64(try XCTUnwrap(e["step"]?.number))
        if let version = e["file_version"]?.text {
            return TensorBoardEvent(wallTime: wallTime, step: step, payload: .fileVersion(version))
        }
        let tag = try XCTUnwrap(e["tag"]?.text)
        if let value = e["simple_value"]?.number {
            return TensorBoardEvent(wallTime: wallTime, step: step,
                                    payload: .summary([SummaryValue(tag: tag, kind: .scalar(Float(value)))]))
        }
        let png = try XCTUnwrap(TrackingFixture.bytes(hex: try XCTUnwrap(e["encoded_image"]?.text)))
        let image = try XCTUnwrap(EncodedImage(bytes: png))
        XCTAssertEqual(image.width, Int(try XCTUnwrap(e["width"]?.number)))
        XCTAssertEqual(image.height, Int(try XCTUnwrap(e["height"]?.number)))
        XCTAssertEqual(image.channels, Int(try XCTUnwrap(e["colorspace"]?.number)))
        let value = SummaryValue(tag: tag, kind: .image(height: Int32(image.height), width: Int32(image.width),
                                                        colorspace: Int32(image.channels), encoded: png))
        return TensorBoardEvent(wallTime: wallTime, step: step, payload: .summary([value]))
    }
}
