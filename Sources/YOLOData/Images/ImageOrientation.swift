/// EXIF orientation (tag 0x0112): how the stored pixels must be turned to be shown upright.
public enum ImageOrientation: Int, Sendable {
    case up = 1, mirrored = 2, down = 3, downMirrored = 4, leftMirrored = 5, right = 6, rightMirrored = 7, left = 8

    /// True when width and height swap.
    public var swapsAxes: Bool { rawValue >= 5 }

    /// Reads the orientation from a JPEG's APP1 Exif segment; `.up` when there is none or it is unreadable.
    public static func fromJPEG(_ bytes: UnsafeBufferPointer<UInt8>) -> ImageOrientation {
        var i = 2
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return .up }
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { return .up }
            let marker = bytes[i + 1]
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            if marker == 0xDA || marker == 0xD9 { return .up }  // start of scan: no Exif before it
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            let start = i + 4, end = i + 2 + length
            guard length >= 2, end <= bytes.count else { return .up }
            if marker == 0xE1, end - start > 14, bytes[start] == 0x45, bytes[start + 1] == 0x78,
               bytes[start + 2] == 0x69, bytes[start + 3] == 0x66 {  // "Exif\0\0"
                return fromTIFF(UnsafeBufferPointer(rebasing: bytes[(start + 6)..<end]))
            }
            i = end
        }
        return .up
    }

    /// Reads tag 0x0112 from a TIFF structure (the body of an Exif segment).
    static func fromTIFF(_ t: UnsafeBufferPointer<UInt8>) -> ImageOrientation {
        guard t.count >= 8 else { return .up }
        let little: Bool
        switch (t[0], t[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return .up
        }
        func u16(_ o: Int) -> Int { little ? Int(t[o]) | Int(t[o + 1]) << 8 : Int(t[o]) << 8 | Int(t[o + 1]) }
        func u32(_ o: Int) -> Int { little ? u16(o) | u16(o + 2) << 16 : u16(o) << 16 | u16(o + 2) }
        let ifd = u32(4)
        guard ifd + 2 <= t.count else { return .up }
        let count = u16(ifd)
        for k in 0..<count {
            let entry = ifd + 2 + k * 12
            guard entry + 12 <= t.count else { return .up }
            if u16(entry) == 0x0112 {
                return ImageOrientation(rawValue: u16(entry + 8)) ?? .up
            }
        }
        return .up
    }
}

extension Image {
    /// This image turned upright according to an EXIF orientation.
    public func oriented(_ orientation: ImageOrientation) -> Image {
        if orientation == .up { return self }
        let w = width, h = height
        let outW = orientation.swapsAxes ? h : w, outH = orientation.swapsAxes ? w : h
        var out = [UInt8](repeating: 0, count: outW * outH * 3)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for oy in 0..<outH {
                    for ox in 0..<outW {
                        // (sx, sy): the stored pixel shown at (ox, oy).
                        let sx: Int, sy: Int
                        switch orientation {
                        case .up: sx = ox; sy = oy
                        case .mirrored: sx = w - 1 - ox; sy = oy
                        case .down: sx = w - 1 - ox; sy = h - 1 - oy
                        case .downMirrored: sx = ox; sy = h - 1 - oy
                        case .leftMirrored: sx = oy; sy = ox
                        case .right: sx = oy; sy = h - 1 - ox
                        case .rightMirrored: sx = w - 1 - oy; sy = h - 1 - ox
                        case .left: sx = w - 1 - oy; sy = ox
                        }
                        let s = (sy * w + sx) * 3, d = (oy * outW + ox) * 3
                        dst[d] = src[s]; dst[d + 1] = src[s + 1]; dst[d + 2] = src[s + 2]
                    }
                }
            }
        }
        return Image(width: outW, height: outH, pixels: out)
    }
}
