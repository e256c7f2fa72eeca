import Foundation

/// The image formats the loader reads.
public enum ImageFormat: String, Sendable, Codable {
    case jpeg, png, bmp

    /// File extensions listed as images (the reference's IMG_FORMATS); only jpeg/png/bmp decode, others are reported.
    public static let listedExtensions: Set<String> = [
        "bmp", "dng", "jpeg", "jpg", "mpo", "png", "tif", "tiff", "webp", "pfm", "heic",
    ]
    /// Extensions this loader can decode.
    public static let decodableExtensions: Set<String> = ["bmp", "jpeg", "jpg", "mpo", "png"]

    /// The format from the file's first bytes (its signature), whatever its extension says.
    public static func sniff(_ bytes: UnsafeBufferPointer<UInt8>) -> ImageFormat? {
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        if bytes.count >= 8, bytes[0] == 0x89, bytes[1] == 0x50, bytes[2] == 0x4E, bytes[3] == 0x47 { return .png }
        if bytes.count >= 2, bytes[0] == 0x42, bytes[1] == 0x4D { return .bmp }
        return nil
    }
}

/// Reads image files of any supported format into RGB8 `Image`s.
public enum ImageDecoder {
    /// A decoded image with its format and any warning (a damaged JPEG that still decoded).
    public struct Result: Sendable {
        public var image: Image
        public var format: ImageFormat
        public var warning: String?
    }

    /// Decodes the file at `url`; errors name the file.
    public static func decode(contentsOf url: URL, minimumLongSide: Int? = nil) throws -> Result {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ImageDecodeError(file: url.path, problem: "cannot read the file", fix: "check that it exists and is readable")
        }
        do {
            return try decode(data, minimumLongSide: minimumLongSide)
        } catch let error as ImageDecodeError {
            throw error.named(url.path)
        }
    }

    /// Decodes image bytes; the format is taken from the signature.
    public static func decode(_ data: Data, minimumLongSide: Int? = nil) throws -> Result {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count > 0 else { throw ImageDecodeError(file: "", problem: "empty file (0 bytes)") }
            guard let format = ImageFormat.sniff(bytes) else {
                throw ImageDecodeError(file: "", problem: "unknown image format (not JPEG, PNG or BMP)",
                                       fix: "convert it to JPEG or PNG, or remove it")
            }
            switch format {
            case .jpeg:
                let decoded = try JPEGCodec.decode(bytes, minimumLongSide: minimumLongSide)
                var warning = decoded.warning
                if warning == nil, !(bytes.count >= 2 && bytes[bytes.count - 2] == 0xFF && bytes[bytes.count - 1] == 0xD9) {
                    warning = "JPEG ends without its end marker (truncated?)"
                }
                return Result(image: decoded.image, format: .jpeg, warning: warning)
            case .png:
                return Result(image: try PNGCodec.decode(bytes), format: .png, warning: nil)
            case .bmp:
                return Result(image: try BMPCodec.decode(bytes), format: .bmp, warning: nil)
            }
        }
    }

    /// An image's upright size and format from its header alone (JPEG, PNG), or a full decode (BMP, and JPEGs
    /// without their end marker, which may be truncated): the fast check of a scan with `fullDecode` off.
    public static func info(contentsOf url: URL) throws -> (width: Int, height: Int, format: ImageFormat, warning: String?) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ImageDecodeError(file: url.path, problem: "cannot read the file", fix: "check that it exists and is readable")
        }
        do {
            let quick: (Int, Int, ImageFormat)? = try data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                guard bytes.count > 0, let format = ImageFormat.sniff(bytes) else { return nil }
                switch format {
                case .jpeg:
                    guard bytes.count >= 2, bytes[bytes.count - 2] == 0xFF, bytes[bytes.count - 1] == 0xD9 else { return nil }
                    let (w, h) = try JPEGCodec.header(bytes)
                    let upright = ImageOrientation.fromJPEG(bytes).swapsAxes
                    return (upright ? h : w, upright ? w : h, .jpeg)
                case .png:
                    let (w, h) = try PNGCodec.header(bytes)
                    return (w, h, .png)
                case .bmp:
                    return nil
                }
            }
            if let quick { return (quick.0, quick.1, quick.2, nil) }
            let full = try decode(data)
            return (full.image.width, full.image.height, full.format, full.warning)
        } catch let error as ImageDecodeError {
            throw error.named(url.path)
        }
    }
}
