import Foundation
import YOLOData

/// The predictor's `LetterBox(imgsz, auto=True, stride)`: scale the long side to fit `size` (up or down), then pad
/// with 114 only to the next multiple of `stride` (the "minimum rectangle"), centred as the reference rounds it.
public struct PredictLetterbox: Sendable {
    public var size: Int
    public var stride: Int

    public init(size: Int, stride: Int = 32) {
        self.size = size
        self.stride = stride
    }

    /// The network input (`[3, H, W]` floats 0…1, RGB planes) and its shape.
    public func callAsFunction(_ image: Image) -> (input: [Float], height: Int, width: Int) {
        let r = min(Double(size) / Double(image.height), Double(size) / Double(image.width))
        let newW = max(Int((Double(image.width) * r).rounded(.toNearestOrEven)), 1)
        let newH = max(Int((Double(image.height) * r).rounded(.toNearestOrEven)), 1)
        let dw = Double((size - newW) % stride) / 2, dh = Double((size - newH) % stride) / 2
        let top = Int((dh - 0.1).rounded(.toNearestOrEven)), bottom = Int((dh + 0.1).rounded(.toNearestOrEven))
        let left = Int((dw - 0.1).rounded(.toNearestOrEven)), right = Int((dw + 0.1).rounded(.toNearestOrEven))
        let resized = (newW, newH) == (image.width, image.height)
            ? image : Resize.bilinear(image, width: newW, height: newH)
        let (h, w) = (newH + top + bottom, newW + left + right)
        let plane = h * w
        var input = [Float](repeating: 114.0 / 255.0, count: 3 * plane)
        let scale: Float = 1.0 / 255.0
        resized.pixels.withUnsafeBufferPointer { px in
            input.withUnsafeMutableBufferPointer { out in
                for y in 0..<newH {
                    for x in 0..<newW {
                        let s = (y * newW + x) * 3, d = (y + top) * w + x + left
                        out[d] = Float(px[s]) * scale
                        out[plane + d] = Float(px[s + 1]) * scale
                        out[2 * plane + d] = Float(px[s + 2]) * scale
                    }
                }
            }
        }
        return (input, h, w)
    }
}
