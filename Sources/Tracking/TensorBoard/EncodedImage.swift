import Foundation

/// A PNG or JPEG file's bytes with the size and channel count read from its header (no decoding).
public struct EncodedImage: Equatable {
    public let bytes: [UInt8]
    public let width: Int
    public let height: Int
    /// 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA (TensorBoard's `colorspace`).
    public let channels: Int

    /// Reads the header of PNG (IHDR) or JPEG (the first SOF marker) bytes; nil for anything else or a damaged header.
    public init?(bytes: [UInt8]) {
        guard let (width, height, channels) = Self.pngHeader(bytes) ?? Self.jpegHeader(bytes),
              width > 0, height > 0
        else { return nil }
        self.bytes = bytes
        self.width = width
        self.height = height
        self.channels = channels
    }

    /// The image in a file, nil when it cannot be read or is not a PNG/JPEG.
    public init?(contentsOf url: URL) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        self.init(bytes: [UInt8](data))
    }

    /// PNG: signature, then IHDR with big-endian width and height, bit depth and colour type.
    static func pngHeader(_ b: [UInt8]) -> (Int, Int, Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard b.count >= 26, Array(b[0..<8]) == signature, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        let channels: Int
        switch b[25] {
        case 0: channels = 1  // grey
        case 2: channels = 3  // RGB
        case 3: channels = 3  // palette: RGB when decoded (4 with a tRNS chunk, which TensorBoard does not need)
        case 4: channels = 2  // grey + alpha
        case 6: channels = 4  // RGBA
        default: return nil
        }
        return (bigEndian(b, 16, 4), bigEndian(b, 20, 4), channels)
    }

    /// JPEG: walks the marker segments to the first start-of-frame (SOF0…SOF15 except DHT, JPG and DAC).
    static func jpegHeader(_ b: [UInt8]) -> (Int, Int, Int)? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var i = 2
        while i + 4 <= b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = bigEndian(b, i + 2, 2)
            guard length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                guard i + 10 <= b.count else { return nil }
                return (bigEndian(b, i + 7, 2), bigEndian(b, i + 5, 2), Int(b[i + 9]))
            }
            i += 2 + length
        }
        return nil
    }

    private static func bigEndian(_ b: [UInt8], _ offset: Int, _ count: Int) -> Int {
        (offset..<(offset + count)).reduce(0) { $0 << 8 | Int(b[$1]) }
    }
}
