/// An image with its boxes in pixels, as it travels through the augmentations.
public struct Sample: Sendable, Equatable {
    public var image: Image
    /// Class id per box.
    public var classes: [Int32]
    /// `x1 y1 x2 y2` per box, in pixels of `image`.
    public var boxes: [Float]

    public init(image: Image, classes: [Int32] = [], boxes: [Float] = []) {
        precondition(boxes.count == classes.count * 4, "Sample: \(classes.count) classes need \(classes.count * 4) box values, got \(boxes.count)")
        self.image = image
        self.classes = classes
        self.boxes = boxes
    }

    /// A sample from an image and normalised `cx cy w h` labels.
    public init(image: Image, labels: ImageLabels) {
        let w = Float(image.width), h = Float(image.height)
        var boxes = [Float](repeating: 0, count: labels.boxes.count)
        for k in 0..<labels.count {
            let cx = labels.boxes[k * 4] * w, cy = labels.boxes[k * 4 + 1] * h
            let bw = labels.boxes[k * 4 + 2] * w, bh = labels.boxes[k * 4 + 3] * h
            boxes[k * 4] = cx - bw / 2; boxes[k * 4 + 1] = cy - bh / 2
            boxes[k * 4 + 2] = cx + bw / 2; boxes[k * 4 + 3] = cy + bh / 2
        }
        self.init(image: image, classes: labels.classes, boxes: boxes)
    }

    public var count: Int { classes.count }

    /// The boxes as normalised `cx cy w h` labels of the current image.
    public var normalizedLabels: ImageLabels {
        let w = Float(image.width), h = Float(image.height)
        var out = [Float](repeating: 0, count: boxes.count)
        for k in 0..<count {
            let x1 = boxes[k * 4], y1 = boxes[k * 4 + 1], x2 = boxes[k * 4 + 2], y2 = boxes[k * 4 + 3]
            out[k * 4] = (x1 + x2) / 2 / w; out[k * 4 + 1] = (y1 + y2) / 2 / h
            out[k * 4 + 2] = (x2 - x1) / w; out[k * 4 + 3] = (y2 - y1) / h
        }
        return ImageLabels(classes: classes, boxes: out)
    }

    /// Moves every box by (dx, dy) pixels.
    public mutating func translateBoxes(dx: Float, dy: Float) {
        for k in 0..<count {
            boxes[k * 4] += dx; boxes[k * 4 + 1] += dy; boxes[k * 4 + 2] += dx; boxes[k * 4 + 3] += dy
        }
    }

    /// Scales every box by (sx, sy).
    public mutating func scaleBoxes(sx: Float, sy: Float) {
        for k in 0..<count {
            boxes[k * 4] *= sx; boxes[k * 4 + 1] *= sy; boxes[k * 4 + 2] *= sx; boxes[k * 4 + 3] *= sy
        }
    }

    /// Clips boxes to [0, width] × [0, height] (the reference's `Instances.clip`).
    public mutating func clipBoxes(width: Float, height: Float) {
        for k in 0..<count {
            boxes[k * 4] = min(max(boxes[k * 4], 0), width)
            boxes[k * 4 + 2] = min(max(boxes[k * 4 + 2], 0), width)
            boxes[k * 4 + 1] = min(max(boxes[k * 4 + 1], 0), height)
            boxes[k * 4 + 3] = min(max(boxes[k * 4 + 3], 0), height)
        }
    }

    /// Keeps the boxes where `keep[k]` is true.
    public mutating func filterBoxes(_ keep: [Bool]) {
        var c: [Int32] = [], b: [Float] = []
        for k in 0..<count where keep[k] {
            c.append(classes[k]); b.append(contentsOf: boxes[(k * 4)..<(k * 4 + 4)])
        }
        classes = c; boxes = b
    }

    /// Drops boxes with zero width or height (the reference's `remove_zero_area_boxes`).
    public mutating func removeZeroAreaBoxes() {
        var keep = [Bool](repeating: false, count: count)
        for k in 0..<count {
            let wide: Bool = boxes[k * 4 + 2] > boxes[k * 4]
            let tall: Bool = boxes[k * 4 + 3] > boxes[k * 4 + 1]
            keep[k] = wide && tall
        }
        filterBoxes(keep)
    }

    /// Appends another sample's boxes (already in this image's pixels).
    public mutating func appendBoxes(of other: Sample) {
        classes += other.classes
        boxes += other.boxes
    }
}
