import Foundation
import TestSupport
import XCTest
@testable import YOLOData

/// Decoding against the reference's reader: fixtures carry cv2.imread's pixels (tools/fixtures/yolodata_images.py).
final class ImageDecodingTests: XCTestCase {
    struct Manifest: Decodable {
        struct Entry: Decodable { let width: Int; let height: Int; let rgb: String }
        let files: [String: Entry]
    }

    func loadManifest() throws -> Manifest {
        let url = TestPaths.fixture("YOLOData/images/manifest.json")
        return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
    }

    func bytes(fromHex hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = hex.utf8.makeIterator()
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        while let hi = it.next(), let lo = it.next() { out.append(nibble(hi) << 4 | nibble(lo)) }
        return out
    }

    func testEveryFixtureMatchesOpenCV() throws {
        let manifest = try loadManifest()
        XCTAssertEqual(manifest.files.count, 17)
        for (name, expected) in manifest.files.sorted(by: { $0.key < $1.key }) {
            let url = TestPaths.fixture("YOLOData/images/\(name)")
            let result = try ImageDecoder.decode(contentsOf: url)
            XCTAssertEqual(result.image.width, expected.width, name)
            XCTAssertEqual(result.image.height, expected.height, name)
            let want = bytes(fromHex: expected.rgb)
            XCTAssertEqual(result.image.pixels.count, want.count, name)
            // PNG and BMP are lossless: exact. JPEG: same libjpeg-turbo IDCT, allow ±2 for upsampling/CMYK rounding.
            let tolerance = name.hasSuffix(".jpg") ? 2 : 0
            let worst = zip(result.image.pixels, want).map { abs(Int($0) - Int($1)) }.max() ?? 0
            XCTAssertLessThanOrEqual(worst, tolerance, "\(name): max pixel difference \(worst)")
            XCTAssertNil(result.warning, name)
        }
    }

    func testExifOrientationSwapsSides() throws {
        let six = try ImageDecoder.decode(contentsOf: TestPaths.fixture("YOLOData/images/exif6.jpg")).image
        let plain = try ImageDecoder.decode(contentsOf: TestPaths.fixture("YOLOData/images/rgb.jpg")).image
        XCTAssertEqual(six.width, plain.height)
        XCTAssertEqual(six.height, plain.width)
        // Orientation 6 = rotate 90° clockwise: the stored top-left pixel ends up top-right.
        XCTAssertTrue(six[six.width - 1, 0] == plain[0, 0])
    }

    func testOrientationMathOnAHandMadeImage() {
        // 3x2 image with distinct pixel values 0…5 in the red channel.
        var pixels = [UInt8](repeating: 0, count: 18)
        for i in 0..<6 { pixels[i * 3] = UInt8(i) }
        let image = Image(width: 3, height: 2, pixels: pixels)
        func reds(_ im: Image) -> [UInt8] { stride(from: 0, to: im.pixels.count, by: 3).map { im.pixels[$0] } }
        XCTAssertEqual(reds(image.oriented(.mirrored)), [2, 1, 0, 5, 4, 3])
        XCTAssertEqual(reds(image.oriented(.down)), [5, 4, 3, 2, 1, 0])
        XCTAssertEqual(reds(image.oriented(.right)), [3, 0, 4, 1, 5, 2])  // 2 wide, 3 high
        XCTAssertEqual(reds(image.oriented(.left)), [2, 5, 1, 4, 0, 3])
        XCTAssertEqual(reds(image.oriented(.leftMirrored)), [0, 3, 1, 4, 2, 5])
    }

    func testCocoJPEGAndGrayscaleCoco128() throws {
        let image = try ImageDecoder.decode(contentsOf: cocoImagePath("000000000009.jpg")).image
        XCTAssertEqual(image.width, 640)
        XCTAssertEqual(image.height, 480)
        // Reduced-size decode keeps the long side ≥ the requested minimum (1/2 scale here; 1/4 would give 160).
        let small = try ImageDecoder.decode(contentsOf: cocoImagePath("000000000009.jpg"), minimumLongSide: 300).image
        XCTAssertEqual(small.width, 320)
        XCTAssertEqual(small.height, 240)
    }

    func testBrokenFilesThrowNamedErrors() throws {
        let b = DatasetBuilder(); defer { b.remove() }
        let good = try Data(contentsOf: cocoImagePath("000000000009.jpg"))
        let cut = b.write("cut.jpg", good.prefix(300))
        let garbage = b.write("garbage.jpg", Data("hello, not an image".utf8))
        let empty = b.write("empty.png", Data())
        for url in [cut, garbage, empty] {
            XCTAssertThrowsError(try ImageDecoder.decode(contentsOf: url)) { error in
                XCTAssertTrue("\(error)".hasPrefix(url.path), "\(error)")
            }
        }
        // A file cut in the entropy-coded data decodes with a warning, not a crash.
        let half = b.write("half.jpg", good.prefix(good.count / 2))
        let decoded = try ImageDecoder.decode(contentsOf: half)
        XCTAssertNotNil(decoded.warning)
        XCTAssertEqual(decoded.image.width, 640)
    }

    func testJPEGRoundTripAndBMPRoundTrip() throws {
        var image = Image(width: 20, height: 12, fill: 0)
        for y in 0..<12 { for x in 0..<20 { let i = (y * 20 + x) * 3; image.pixels[i] = UInt8(x * 12); image.pixels[i + 1] = UInt8(y * 20); image.pixels[i + 2] = 77 } }
        let bmp = try ImageDecoder.decode(Data(BMPCodec.encode(image)))
        XCTAssertEqual(bmp.image, image)
        XCTAssertEqual(bmp.format, .bmp)
        let jpeg = try ImageDecoder.decode(Data(try JPEGCodec.encode(image, quality: 100))).image
        let worst = zip(jpeg.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.max()!
        XCTAssertLessThan(worst, 16)
    }
}
