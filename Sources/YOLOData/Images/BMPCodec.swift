/// Windows BMP decoding by hand: 1/4/8-bit palette, 16-bit 5-5-5, 24-bit and 32-bit, bottom-up or top-down.
public enum BMPCodec {
    /// Decodes BMP bytes to RGB8.
    public static func decode(_ b: UnsafeBufferPointer<UInt8>) throws -> Image {
        func fail(_ problem: String) -> ImageDecodeError { ImageDecodeError(file: "", problem: "BMP: \(problem)") }
        func u16(_ o: Int) -> Int { Int(b[o]) | Int(b[o + 1]) << 8 }
        func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
        func i32(_ o: Int) -> Int { Int(Int32(bitPattern: UInt32(u32(o)))) }
        guard b.count >= 54, b[0] == 0x42, b[1] == 0x4D else { throw fail("not a BMP file (header too short)") }
        let dataOffset = u32(10), headerSize = u32(14)
        guard headerSize >= 40 else { throw fail("OS/2 BMP headers are not supported") }
        let width = i32(18), rawHeight = i32(22), bits = u16(28), compression = u32(30)
        let height = abs(rawHeight), topDown = rawHeight < 0
        guard width > 0, height > 0, width <= 1 << 16, height <= 1 << 16 else { throw fail("bad size \(width)x\(rawHeight)") }
        guard compression == 0 || (compression == 3 && (bits == 16 || bits == 32)) else {
            throw fail("compression \(compression) (RLE) is not supported")
        }
        guard [1, 4, 8, 16, 24, 32].contains(bits) else { throw fail("\(bits) bits per pixel is not supported") }
        var palette: [(UInt8, UInt8, UInt8)] = []
        if bits <= 8 {
            let used = u32(46)
            let count = used == 0 ? 1 << bits : min(used, 1 << bits)
            let start = 14 + headerSize
            guard start + count * 4 <= b.count else { throw fail("palette truncated") }
            palette = (0..<count).map { k in (b[start + k * 4 + 2], b[start + k * 4 + 1], b[start + k * 4]) }
        }
        // Bit fields (compression 3): masks follow a 40-byte header, or sit inside larger headers.
        var masks = bits == 16 ? (0x7C00, 0x03E0, 0x001F) : (0x00FF_0000, 0x0000_FF00, 0x0000_00FF)
        if compression == 3 { masks = (u32(54), u32(58), u32(62)) }
        let rowBytes = ((bits * width + 31) / 32) * 4
        guard dataOffset + rowBytes * height <= b.count else { throw fail("pixel data truncated") }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        func channel(_ value: Int, _ mask: Int) -> UInt8 {
            guard mask != 0 else { return 0 }
            let shift = mask.trailingZeroBitCount, maxValue = mask >> shift
            return UInt8(((value & mask) >> shift) * 255 / maxValue)
        }
        pixels.withUnsafeMutableBufferPointer { out in
            for row in 0..<height {
                let src = dataOffset + (topDown ? row : height - 1 - row) * rowBytes
                var d = row * width * 3
                for x in 0..<width {
                    var rgb: (UInt8, UInt8, UInt8)
                    switch bits {
                    case 24: rgb = (b[src + x * 3 + 2], b[src + x * 3 + 1], b[src + x * 3])
                    case 32:
                        let v = u32(src + x * 4)
                        rgb = (channel(v, masks.0), channel(v, masks.1), channel(v, masks.2))
                    case 16:
                        let v = u16(src + x * 2)
                        rgb = (channel(v, masks.0), channel(v, masks.1), channel(v, masks.2))
                    default:
                        let perByte = 8 / bits
                        let byte = Int(b[src + x / perByte])
                        let shift = 8 - bits * (x % perByte + 1)
                        let index = (byte >> shift) & ((1 << bits) - 1)
                        rgb = index < palette.count ? palette[index] : (0, 0, 0)
                    }
                    out[d] = rgb.0; out[d + 1] = rgb.1; out[d + 2] = rgb.2
                    d += 3
                }
            }
        }
        return Image(width: width, height: height, pixels: pixels)
    }

    /// Encodes an RGB8 image as a 24-bit bottom-up BMP (for tests and previews).
    public static func encode(_ image: Image) -> [UInt8] {
        let rowBytes = ((24 * image.width + 31) / 32) * 4
        let size = 54 + rowBytes * image.height
        var out = [UInt8](repeating: 0, count: size)
        func put16(_ o: Int, _ v: Int) { out[o] = UInt8(v & 0xFF); out[o + 1] = UInt8((v >> 8) & 0xFF) }
        func put32(_ o: Int, _ v: Int) { put16(o, v & 0xFFFF); put16(o + 2, (v >> 16) & 0xFFFF) }
        out[0] = 0x42; out[1] = 0x4D
        put32(2, size); put32(10, 54); put32(14, 40); put32(18, image.width); put32(22, image.height)
        put16(26, 1); put16(28, 24); put32(34, rowBytes * image.height)
        for y in 0..<image.height {
            let row = 54 + (image.height - 1 - y) * rowBytes
            for x in 0..<image.width {
                let (r, g, bl) = image[x, y]
                out[row + x * 3] = bl; out[row + x * 3 + 1] = g; out[row + x * 3 + 2] = r
            }
        }
        return out
    }
}
