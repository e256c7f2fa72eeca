import CSPNG
import CTurboJPEG
import XCTest
import Rendering

final class EncodingTests: XCTestCase {
    func testPNGRoundTripKeepsEveryPixel() throws {
        var canvas = Canvas(width: 37, height: 23, background: RGB(1, 2, 3))
        for y in 0..<23 { for x in 0..<37 { canvas[x, y] = RGB(UInt8(x * 7 % 256), UInt8(y * 11 % 256), UInt8((x ^ y) % 256)) } }
        let png = try canvas.pngData()
        let decoded = try decodePNG(png)
        XCTAssertEqual(decoded.width, 37)
        XCTAssertEqual(decoded.height, 23)
        XCTAssertEqual(decoded.pixels, canvas.pixels)
    }

    func testJPEGDecodesToTheRightSize() throws {
        let canvas = Canvas(width: 64, height: 48, background: RGB(200, 30, 30))
        let jpeg = try canvas.jpegData(quality: 90)
        XCTAssertEqual(Array(jpeg.prefix(2)), [0xFF, 0xD8])
        let handle = tjInitDecompress()!
        defer { tjDestroy(handle) }
        var w: Int32 = 0, h: Int32 = 0, sub: Int32 = 0, cs: Int32 = 0
        var bytes = jpeg
        XCTAssertEqual(tjDecompressHeader3(handle, &bytes, UInt(bytes.count), &w, &h, &sub, &cs), 0)
        XCTAssertEqual(w, 64)
        XCTAssertEqual(h, 48)
        var rgb = [UInt8](repeating: 0, count: 64 * 48 * 3)
        XCTAssertEqual(tjDecompress2(handle, &bytes, UInt(bytes.count), &rgb, 64, 0, 48, Int32(TJPF_RGB.rawValue), 0), 0)
        XCTAssertEqual(Int(rgb[0]), 200, accuracy: 6)
        XCTAssertEqual(Int(rgb[1]), 30, accuracy: 6)
    }

    func testWriteChoosesFormatByExtension() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let canvas = Canvas(width: 10, height: 10)
        try canvas.write(to: folder.appendingPathComponent("a.png"))
        try canvas.write(to: folder.appendingPathComponent("b.JPG"))
        let png = try Data(contentsOf: folder.appendingPathComponent("a.png"))
        let jpg = try Data(contentsOf: folder.appendingPathComponent("b.JPG"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertEqual(Array(jpg.prefix(2)), [0xFF, 0xD8])
        XCTAssertThrowsError(try canvas.write(to: folder.appendingPathComponent("c.gif"))) { error in
            XCTAssertTrue("\(error)".contains("c.gif"))
        }
        XCTAssertThrowsError(try canvas.write(to: folder.appendingPathComponent("missing/d.png"))) { error in
            XCTAssertTrue("\(error)".contains("missing/d.png"))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(leftovers, ["a.png", "b.JPG"], "atomic writes leave no temporary files")
    }

    private func decodePNG(_ bytes: [UInt8]) throws -> Canvas {
        let ctx = spng_ctx_new(0)!
        defer { spng_ctx_free(ctx) }
        var ihdr = spng_ihdr()
        let format = Int32(SPNG_FMT_RGB8.rawValue)
        var size = 0
        try bytes.withUnsafeBufferPointer { buffer in
            XCTAssertEqual(spng_set_png_buffer(ctx, buffer.baseAddress, buffer.count), 0)
            XCTAssertEqual(spng_get_ihdr(ctx, &ihdr), 0)
            XCTAssertEqual(spng_decoded_image_size(ctx, format, &size), 0)
            guard size > 0 else { throw RenderingError.encodingFailed(format: "PNG", reason: "empty") }
        }
        var pixels = [UInt8](repeating: 0, count: size)
        let status = pixels.withUnsafeMutableBytes { spng_decode_image(ctx, $0.baseAddress, size, format, 0) }
        XCTAssertEqual(status, 0)
        return Canvas(rgb: pixels, width: Int(ihdr.width), height: Int(ihdr.height))
    }
}
