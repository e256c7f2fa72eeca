import Foundation
import TestSupport
import XCTest

@testable import Tracking

final class EncodedImageTests: XCTestCase {
    /// Sizes of coco8's validation JPEGs as PIL reports them (width, height).
    func testReadsJPEGSizesOfRealFiles() throws {
        let expected = [("000000000036.jpg", 481, 640), ("000000000042.jpg", 640, 478),
                        ("000000000049.jpg", 381, 500), ("000000000061.jpg", 640, 488)]
        for (name, width, height) in expected {
            let url = TestPaths.dataset("coco8").appendingPathComponent("images/val/\(name)")
            let image = try XCTUnwrap(EncodedImage(contentsOf: url), name)
            XCTAssertEqual([image.width, image.height, image.channels], [width, height, 3], name)
        }
    }

    func testReadsHandMadeHeaders() throws {
        // JPEG: SOI, an APP0 segment to skip, then SOF2 (progressive) 1 channel 7 wide 9 high.
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0xAA, 0xBB,
                             0xFF, 0xC2, 0x00, 0x0B, 0x08, 0x00, 0x09, 0x00, 0x07, 0x01, 0x01, 0x11, 0x00]
        let j = try XCTUnwrap(EncodedImage(bytes: jpeg))
        XCTAssertEqual([j.width, j.height, j.channels], [7, 9, 1])
        XCTAssertNil(EncodedImage(bytes: Array(jpeg.prefix(10))), "truncated before the frame header")

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        png += [0, 0, 0x01, 0x2C, 0, 0, 0, 0xC8, 8, 6, 0, 0, 0]
        let p = try XCTUnwrap(EncodedImage(bytes: png))
        XCTAssertEqual([p.width, p.height, p.channels], [300, 200, 4])
        XCTAssertNil(EncodedImage(bytes: Array("GIF89a....................".utf8)))
    }
}
