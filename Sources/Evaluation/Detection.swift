/// One detection: a box in pixels, its confidence and class index (a row `[x1, y1, x2, y2, conf, cls]` of the
/// reference's `(N, 6)` NMS output).
public struct Detection: Hashable, Sendable {
    public var box: Box
    public var confidence: Float
    public var classIndex: Int

    public init(box: Box, confidence: Float, classIndex: Int) {
        self.box = box
        self.confidence = confidence
        self.classIndex = classIndex
    }

    /// `[x1, y1, x2, y2, conf, cls]`.
    public var row: [Float] { [box.x1, box.y1, box.x2, box.y2, confidence, Float(classIndex)] }
}

/// One labelled object of an image: its box in pixels and its class index.
public struct GroundTruth: Hashable, Sendable {
    public var box: Box
    public var classIndex: Int

    public init(box: Box, classIndex: Int) {
        self.box = box
        self.classIndex = classIndex
    }
}

/// Indices of `values` sorted by descending value, equal values keeping their original order (the order torch's
/// CPU sort and torchvision's NMS produce).
func stableDescendingOrder<T: Comparable>(_ values: [T]) -> [Int] {
    values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
}
