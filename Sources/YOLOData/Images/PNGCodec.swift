import CSPNG

/// PNG decoding through libspng: any bit depth and colour type to RGB8 (alpha dropped, 16-bit reduced).
public enum PNGCodec {
    /// Decodes PNG bytes to RGB8.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Image {
        guard let ctx = spng_ctx_new(0) else {
            throw ImageDecodeError(file: "", problem: "libspng could not start", fix: "check the libspng install")
        }
        defer { spng_ctx_free(ctx) }
        spng_set_image_limits(ctx, 1 << 16, 1 << 16)
        func check(_ code: Int32, _ what: String) throws {
            if code != 0 {
                throw ImageDecodeError(file: "", problem: "corrupt PNG: \(what) (\(String(cString: spng_strerror(code))))")
            }
        }
        try check(spng_set_png_buffer(ctx, bytes.baseAddress, bytes.count), "buffer")
        var ihdr = spng_ihdr()
        try check(spng_get_ihdr(ctx, &ihdr), "header")
        let format = Int32(SPNG_FMT_RGB8.rawValue)
        var size = 0
        try check(spng_decoded_image_size(ctx, format, &size), "image size")
        let width = Int(ihdr.width), height = Int(ihdr.height)
        guard size == width * height * 3 else {
            throw ImageDecodeError(file: "", problem: "unexpected PNG decode size \(size) for \(width)x\(height)")
        }
        var pixels = [UInt8](repeating: 0, count: size)
        let status = pixels.withUnsafeMutableBytes { out in
            spng_decode_image(ctx, out.baseAddress, size, format, 0)
        }
        try check(status, "image data")
        return Image(width: width, height: height, pixels: pixels)
    }

    /// Width and height from the PNG header (signature and IHDR checked), without decoding the pixels.
    public static func header(_ bytes: UnsafeBufferPointer<UInt8>) throws -> (width: Int, height: Int) {
        guard let ctx = spng_ctx_new(0) else {
            throw ImageDecodeError(file: "", problem: "libspng could not start", fix: "check the libspng install")
        }
        defer { spng_ctx_free(ctx) }
        var ihdr = spng_ihdr()
        let status = spng_set_png_buffer(ctx, bytes.baseAddress, bytes.count) == 0 ? spng_get_ihdr(ctx, &ihdr) : 1
        guard status == 0 else {
            throw ImageDecodeError(file: "", problem: "corrupt PNG: header (\(String(cString: spng_strerror(status))))")
        }
        return (Int(ihdr.width), Int(ihdr.height))
    }
}
