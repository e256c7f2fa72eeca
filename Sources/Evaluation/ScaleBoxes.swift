/// Image sizes in pixels, `(height, width)` like the reference's shapes.
public struct ImageShape: Hashable, Sendable {
    public var height: Int
    public var width: Int

    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }
}

/// The letterbox transform of one image, the reference's `ratio_pad = ((gain_h, gain_w), (pad_w, pad_h))`:
/// `resized = original · gain`, then `pad` pixels added on the left and top.
public struct RatioPad: Hashable, Sendable {
    public var gainY: Double
    public var gainX: Double
    public var padX: Double
    public var padY: Double

    public init(gainY: Double, gainX: Double, padX: Double, padY: Double) {
        self.gainY = gainY
        self.gainX = gainX
        self.padX = padX
        self.padY = padY
    }

    /// The letterbox `scale_boxes` assumes when no `ratio_pad` is given: one gain, each side rounded, centred pad.
    public init(letterboxing original: ImageShape, into input: ImageShape) {
        let gain = min(Double(input.height) / Double(original.height), Double(input.width) / Double(original.width))
        let newHeight = max(Int((Double(original.height) * gain).rounded(.toNearestOrEven)), 1)
        let newWidth = max(Int((Double(original.width) * gain).rounded(.toNearestOrEven)), 1)
        gainY = Double(newHeight) / Double(original.height)
        gainX = Double(newWidth) / Double(original.width)
        padX = ((Double(input.width - newWidth) / 2) - 0.1).rounded(.toNearestOrEven)
        padY = ((Double(input.height - newHeight) / 2) - 0.1).rounded(.toNearestOrEven)
    }
}

/// Boxes on the network input (`input`, letterboxed) mapped back to the `original` image and clipped to it, as
/// `ops.scale_boxes(img1_shape, boxes, img0_shape, ratio_pad)` does on float32 tensors (pad subtracted, then
/// divided by the gain, both rounded to float32).
public func scaleBoxes(
    _ boxes: [Box], from input: ImageShape, to original: ImageShape, ratioPad: RatioPad? = nil, padding: Bool = true
) -> [Box] {
    let rp = ratioPad ?? RatioPad(letterboxing: original, into: input)
    let padX = padding ? Float(rp.padX) : 0
    let padY = padding ? Float(rp.padY) : 0
    let gainX = Float(rp.gainX)
    let gainY = Float(rp.gainY)
    let scaled = boxes.map { b in
        Box(x1: (b.x1 - padX) / gainX, y1: (b.y1 - padY) / gainY, x2: (b.x2 - padX) / gainX, y2: (b.y2 - padY) / gainY)
    }
    return clipBoxes(scaled, to: original)
}

/// `ops.scale_boxes` in float64 (what it computes for numpy float64 arrays), boxes as `[x1, y1, x2, y2]`.
public func scaleBoxes(
    _ boxes: [[Double]], from input: ImageShape, to original: ImageShape, ratioPad: RatioPad? = nil,
    padding: Bool = true
) -> [[Double]] {
    let rp = ratioPad ?? RatioPad(letterboxing: original, into: input)
    let (padX, padY) = padding ? (rp.padX, rp.padY) : (0, 0)
    let w = Double(original.width)
    let h = Double(original.height)
    return boxes.map { b in
        precondition(b.count == 4, "a box needs 4 values, got \(b.count)")
        return [
            min(max((b[0] - padX) / rp.gainX, 0), w), min(max((b[1] - padY) / rp.gainY, 0), h),
            min(max((b[2] - padX) / rp.gainX, 0), w), min(max((b[3] - padY) / rp.gainY, 0), h),
        ]
    }
}

/// Boxes clipped to `[0, width] × [0, height]` (`ops.clip_boxes`).
public func clipBoxes(_ boxes: [Box], to shape: ImageShape) -> [Box] {
    let w = Float(shape.width)
    let h = Float(shape.height)
    return boxes.map {
        Box(x1: min(max($0.x1, 0), w), y1: min(max($0.y1, 0), h), x2: min(max($0.x2, 0), w), y2: min(max($0.y2, 0), h))
    }
}
