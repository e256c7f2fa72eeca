import Foundation
import TestSupport

/// Tests/Fixtures/Tracking/tensorboard_events.json, written by tools/tracking/tensorboard_fixtures.py.
struct TrackingFixture: Decodable {
    struct Case: Decodable {
        let name: String
        let event: [String: Value]
        let encoded: String
        let record: String
    }

    struct CRCVector: Decodable {
        let hex: String
        let crc32c: UInt32
        let masked: UInt32
    }

    /// A JSON number or string of a case's description.
    enum Value: Decodable {
        case number(Double), text(String)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .text(try c.decode(String.self)) }
        }
        var number: Double? { if case .number(let d) = self { return d } else { return nil } }
        var text: String? { if case .text(let s) = self { return s } else { return nil } }
    }

    let events: [Case]
    let crc32c: [CRCVector]

    static func load() throws -> TrackingFixture {
        let data = try Data(contentsOf: TestPaths.fixture("Tracking/tensorboard_events.json"))
        return try JSONDecoder().decode(TrackingFixture.self, from: data)
    }

    /// The bytes of a hex string, nil when it is not one.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for k in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[k..<(k + 2)], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
