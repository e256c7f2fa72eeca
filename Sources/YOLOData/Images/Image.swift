/// An 8-bit RGB image stored row-major, channels last (HWC): `pixels[(y * width + x) * 3 + c]`.
public struct Image: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `height * width * 3` bytes, R G B per pixel.
    public var pixels: [UInt8]

    /// An image from existing RGB bytes.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 3,
                     "Image(\(width)x\(height)) needs \(width * height * 3) bytes, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image filled with one grey level (114 is the reference's padding colour).
    public init(width: Int, height: Int, fill: UInt8 = 114) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: fill, count: width * height * 3))
    }

    /// The RGB value at (x, y).
    public subscript(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// Bytes per row.
    public var rowBytes: Int { width * 3 }

    /// Copies the rectangle `source` of `image` into this image with its top-left corner at (x, y).
    /// The caller keeps both rectangles inside their images.
    public mutating func paste(_ image: Image, sourceX: Int, sourceY: Int, width w: Int, height h: Int, atX x: Int, y: Int) {
        guard w > 0, h > 0 else { return }
        precondition(sourceX >= 0 && sourceY >= 0 && sourceX + w <= image.width && sourceY + h <= image.height,
                     "paste source \(sourceX),\(sourceY) \(w)x\(h) outside \(image.width)x\(image.height)")
        precondition(x >= 0 && y >= 0 && x + w <= width && y + h <= height,
                     "paste target \(x),\(y) \(w)x\(h) outside \(width)x\(height)")
        let dstRow = rowBytes, srcRow = image.rowBytes, count = w * 3
        image.pixels.withUnsafeBufferPointer { src in
            pixels.withUnsafeMutableBufferPointer { dst in
                for row in 0..<h {
                    let s = src.baseAddress! + (sourceY + row) * srcRow + sourceX * 3
                    let d = dst.baseAddress! + (y + row) * dstRow + x * 3
                    d.update(from: s, count: count)
                }
            }
        }
    }
}
