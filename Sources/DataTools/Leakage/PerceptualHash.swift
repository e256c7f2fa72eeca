import YOLOData

/// A 64-bit difference hash (dHash) of an image: grey levels averaged over a 9×8 grid, one bit per horizontally
/// adjacent pair (left brighter than right). Resizing, re-encoding and small crops change only a few bits;
/// different photos differ in about half of them.
public struct PerceptualHash: Hashable, Sendable, CustomStringConvertible {
    public var bits: UInt64

    public init(bits: UInt64) { self.bits = bits }

    /// The hash of an RGB image.
    public init(_ image: Image) {
        let grid = PerceptualHash.greyGrid(image, columns: 9, rows: 8)
        var bits: UInt64 = 0
        for y in 0..<8 {
            for x in 0..<8 where grid[y * 9 + x] > grid[y * 9 + x + 1] {
                bits |= 1 << UInt64(y * 8 + x)
            }
        }
        self.bits = bits
    }

    /// The number of differing bits (0 for the same picture, about 32 for unrelated ones).
    public func distance(to other: PerceptualHash) -> Int { (bits ^ other.bits).nonzeroBitCount }

    public var description: String { String(bits, radix: 16) }

    /// Mean luma (BT.601) over each cell of a `columns`×`rows` grid laid over the whole image (area averaging, so
    /// the result hardly depends on the image's resolution).
    static func greyGrid(_ image: Image, columns: Int, rows: Int) -> [Double] {
        var grid = [Double](repeating: 0, count: columns * rows)
        guard image.width > 0, image.height > 0 else { return grid }
        let w = image.width, h = image.height
        image.pixels.withUnsafeBufferPointer { p in
            for gy in 0..<rows {
                let y0 = gy * h / rows, y1 = max(y0 + 1, (gy + 1) * h / rows)
                for gx in 0..<columns {
                    let x0 = gx * w / columns, x1 = max(x0 + 1, (gx + 1) * w / columns)
                    var sum = 0
                    for y in y0..<min(y1, h) {
                        var i = (y * w + x0) * 3
                        for _ in x0..<min(x1, w) {
                            sum += 299 * Int(p[i]) + 587 * Int(p[i + 1]) + 114 * Int(p[i + 2])
                            i += 3
                        }
                    }
                    grid[gy * columns + gx] = Double(sum) / Double(1000 * (min(y1, h) - y0) * (min(x1, w) - x0))
                }
            }
        }
        return grid
    }
}
