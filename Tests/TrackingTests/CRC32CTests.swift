import Foundation
import TestSupport
import XCTest

@testable import Tracking

final class CRC32CTests: XCTestCase {
    /// RFC 3720 (iSCSI) appendix B.4 vectors and the common check value.
    func testPublishedVectors() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8($0) }), 0x46DD_794E)
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }), 0x113F_DB5C)
        XCTAssertEqual(CRC32C.checksum([UInt8]()), 0)
    }

    /// TensorBoard's own crc32c and masked_crc32c on the fixture's inputs.
    func testMatchesTensorBoard() throws {
        let fixture = try TrackingFixture.load()
        XCTAssertGreaterThanOrEqual(fixture.crc32c.count, 8)
        for vector in fixture.crc32c {
            let bytes = try XCTUnwrap(TrackingFixture.bytes(hex: vector.hex))
            XCTAssertEqual(CRC32C.checksum(bytes), vector.crc32c, "crc32c of \(vector.hex.prefix(40))")
            XCTAssertEqual(CRC32C.masked(bytes), vector.masked, "masked crc32c of \(vector.hex.prefix(40))")
        }
    }

    func testNonContiguousSequenceGivesTheSameChecksum() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        XCTAssertEqual(CRC32C.checksum(bytes.lazy.map { $0 }), CRC32C.checksum(bytes))
    }
}
