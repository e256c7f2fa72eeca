/// The reference's rectangular batches (`set_rectangle`): images sorted by aspect ratio, each batch given the
/// smallest stride-multiple shape that holds its images at `imgsz`, plus `pad` strides.
public struct RectBatches: Sendable, Equatable {
    /// Image indices in aspect-ratio order.
    public var order: [Int]
    /// Height and width per batch.
    public var shapes: [(height: Int, width: Int)]

    public static func == (a: RectBatches, b: RectBatches) -> Bool {
        a.order == b.order && a.shapes.map { [$0.height, $0.width] } == b.shapes.map { [$0.height, $0.width] }
    }

    /// Computes the order and shapes for images of the given (width, height) sizes.
    public init(sizes: [(width: Int, height: Int)], batchSize: Int, imageSize: Int, stride: Int = 32, pad: Double = 0.5) {
        precondition(batchSize > 0 && !sizes.isEmpty, "rect batches need images and a positive batch size")
        let ratios = sizes.map { Double($0.height) / Double($0.width) }
        // Stable sort so ties keep file order (numpy's default argsort is not stable; ties are rare).
        order = sizes.indices.sorted { ratios[$0] < ratios[$1] || (ratios[$0] == ratios[$1] && $0 < $1) }
        let sorted = order.map { ratios[$0] }
        let batches = (sizes.count + batchSize - 1) / batchSize
        shapes = (0..<batches).map { b in
            let slice = sorted[(b * batchSize)..<min((b + 1) * batchSize, sorted.count)]
            let lo = slice.min()!, hi = slice.max()!
            var shape = (1.0, 1.0)  // h, w relative to imgsz
            if hi < 1 { shape = (hi, 1) } else if lo > 1 { shape = (1, 1 / lo) }
            func size(_ r: Double) -> Int { Int((r * Double(imageSize) / Double(stride) + pad).rounded(.up)) * stride }
            return (size(shape.0), size(shape.1))
        }
    }
}
