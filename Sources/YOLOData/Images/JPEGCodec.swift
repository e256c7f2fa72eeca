import CTurboJPEG

/// JPEG decoding and encoding through libjpeg-turbo's TurboJPEG API.
public enum JPEGCodec {
    /// The result of a decode: the image and, for a damaged but readable file, libjpeg's warning.
    public struct Decoded: Sendable {
        public var image: Image
        public var warning: String?
    }

    /// Decodes JPEG bytes to RGB8 (grayscale and CMYK converted), EXIF orientation applied when asked.
    ///
    /// `minimumLongSide`, when given, lets libjpeg-turbo decode at a reduced DCT scale (1/2, 1/4, 1/8) as long as the
    /// longer side stays at least that large: several times faster for big photos that are shrunk afterwards anyway.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, applyOrientation: Bool = true,
                              minimumLongSide: Int? = nil) throws -> Decoded {
        guard let handle = tjInitDecompress() else {
            throw ImageDecodeError(file: "", problem: "libjpeg-turbo could not start", fix: "check the libturbojpeg install")
        }
        defer { tjDestroy(handle) }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        let base = UnsafeMutablePointer(mutating: bytes.baseAddress!)
        guard tjDecompressHeader3(handle, base, UInt(bytes.count), &width, &height, &subsampling, &colorspace) == 0 else {
            throw ImageDecodeError(file: "", problem: "not a readable JPEG (\(String(cString: tjGetErrorStr2(handle))))")
        }
        guard width > 0, height > 0 else { throw ImageDecodeError(file: "", problem: "JPEG has zero size") }
        var outW = Int(width), outH = Int(height)
        if let minimumLongSide {
            for denominator in [8, 4, 2] {
                let w = (Int(width) + denominator - 1) / denominator, h = (Int(height) + denominator - 1) / denominator
                if max(w, h) >= minimumLongSide { outW = w; outH = h; break }
            }
        }
        let isCMYK = colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
        let channels = isCMYK ? 4 : 3
        let format = isCMYK ? Int32(TJPF_CMYK.rawValue) : Int32(TJPF_RGB.rawValue)
        var buffer = [UInt8](repeating: 0, count: outW * outH * channels)
        let status = buffer.withUnsafeMutableBufferPointer { out in
            tjDecompress2(handle, base, UInt(bytes.count), out.baseAddress, Int32(outW), Int32(outW * channels),
                          Int32(outH), format, 0)
        }
        var warning: String?
        if status != 0 {
            let message = String(cString: tjGetErrorStr2(handle))
            if tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue) {
                warning = message
            } else {
                throw ImageDecodeError(file: "", problem: "corrupt JPEG (\(message))")
            }
        }
        if isCMYK { buffer = cmykToRGB(buffer) }
        var image = Image(width: outW, height: outH, pixels: buffer)
        if applyOrientation { image = image.oriented(ImageOrientation.fromJPEG(bytes)) }
        return Decoded(image: image, warning: warning)
    }

    /// Width and height from the JPEG header (before EXIF orientation), without decoding the pixels.
    public static func header(_ bytes: UnsafeBufferPointer<UInt8>) throws -> (width: Int, height: Int) {
        guard let handle = tjInitDecompress() else {
            throw ImageDecodeError(file: "", problem: "libjpeg-turbo could not start", fix: "check the libturbojpeg install")
        }
        defer { tjDestroy(handle) }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        guard tjDecompressHeader3(handle, UnsafeMutablePointer(mutating: bytes.baseAddress!), UInt(bytes.count),
                                  &width, &height, &subsampling, &colorspace) == 0, width > 0, height > 0 else {
            throw ImageDecodeError(file: "", problem: "not a readable JPEG (\(String(cString: tjGetErrorStr2(handle))))")
        }
        return (Int(width), Int(height))
    }

    /// Adobe-style (inverted) CMYK to RGB, as OpenCV and most viewers read CMYK JPEGs.
    static func cmykToRGB(_ cmyk: [UInt8]) -> [UInt8] {
        let n = cmyk.count / 4
        var rgb = [UInt8](repeating: 0, count: n * 3)
        for i in 0..<n {
            let k = Int(cmyk[i * 4 + 3])
            for c in 0..<3 { rgb[i * 3 + c] = UInt8(Int(cmyk[i * 4 + c]) * k / 255) }
        }
        return rgb
    }

    /// Encodes an RGB8 image as a baseline JPEG (4:2:0) at `quality` 1…100.
    public static func encode(_ image: Image, quality: Int = 90) throws -> [UInt8] {
        guard let handle = tjInitCompress() else {
            throw ImageDecodeError(file: "", problem: "libjpeg-turbo could not start", fix: "check the libturbojpeg install")
        }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = image.pixels.withUnsafeBufferPointer { src in
            tjCompress2(handle, src.baseAddress, Int32(image.width), Int32(image.rowBytes), Int32(image.height),
                        Int32(TJPF_RGB.rawValue), &output, &size, Int32(TJSAMP_420.rawValue), Int32(quality), 0)
        }
        defer { if let output { tjFree(output) } }
        guard status == 0, let output else {
            throw ImageDecodeError(file: "", problem: "JPEG encoding failed (\(String(cString: tjGetErrorStr2(handle))))",
                                   fix: "check the image size")
        }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }
}
