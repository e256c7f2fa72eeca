/// Settings of `nms.non_max_suppression` (its keyword arguments and defaults).
public struct NMSOptions: Hashable, Sendable {
    /// Minimum class score; boxes must score strictly above it (`conf_thres`, cfg `conf`).
    public var confidenceThreshold: Float = 0.25
    /// Suppress boxes overlapping a kept one by more than this (`iou_thres`; the function's default is 0.45, the
    /// predictor and validator pass cfg `iou` = 0.7).
    public var iouThreshold: Double = 0.45
    /// Keep only these class indices (`classes`).
    public var classes: [Int]? = nil
    /// One NMS over all classes instead of one per class (`agnostic`, cfg `agnostic_nms`).
    public var agnostic: Bool = false
    /// One detection per (box, class) pair above the threshold (`multi_label`; the validator sets it).
    public var multiLabel: Bool = false
    /// At most this many detections per image (`max_det`).
    public var maxDetections: Int = 300
    /// At most this many candidates enter NMS, the highest scores (`max_nms`).
    public var maxNMS: Int = 30000
    /// Per-class coordinate offset that separates classes in class-aware NMS (`max_wh`).
    public var maxWH: Float = 7680

    public init(
        confidenceThreshold: Float = 0.25, iouThreshold: Double = 0.45, classes: [Int]? = nil, agnostic: Bool = false,
        multiLabel: Bool = false, maxDetections: Int = 300, maxNMS: Int = 30000, maxWH: Float = 7680
    ) {
        self.confidenceThreshold = confidenceThreshold
        self.iouThreshold = iouThreshold
        self.classes = classes
        self.agnostic = agnostic
        self.multiLabel = multiLabel
        self.maxDetections = maxDetections
        self.maxNMS = maxNMS
        self.maxWH = maxWH
    }

    /// What `DetectionValidator.postprocess` passes: cfg conf (0.001 in val), iou 0.7, `multi_label=True`.
    public static func validation(confidenceThreshold: Float = 0.001, iouThreshold: Double = 0.7, agnostic: Bool = false,
                                  maxDetections: Int = 300) -> NMSOptions {
        NMSOptions(confidenceThreshold: confidenceThreshold, iouThreshold: iouThreshold, agnostic: agnostic,
                   multiLabel: true, maxDetections: maxDetections)
    }

    /// What `DetectionPredictor.postprocess` passes: cfg conf (0.25 in predict), iou 0.7, one label per box.
    public static func prediction(confidenceThreshold: Float = 0.25, iouThreshold: Double = 0.7, classes: [Int]? = nil,
                                  agnostic: Bool = false, maxDetections: Int = 300) -> NMSOptions {
        NMSOptions(confidenceThreshold: confidenceThreshold, iouThreshold: iouThreshold, classes: classes,
                   agnostic: agnostic, maxDetections: maxDetections)
    }
}

/// NMS of one image's decoded prediction, as `nms.non_max_suppression` for a `(1, 4+nc, A)` tensor.
///
/// - Parameters:
///   - prediction: `(4 + nc, A)` row-major, channel-major like the head's output: rows 0–3 `cx, cy, w, h` in pixels,
///     then `nc` rows of class scores (sigmoided). `prediction[c * A + a]`.
///   - classCount: `nc`.
/// - Returns: detections sorted by descending confidence, at most `maxDetections`.
public func nonMaxSuppression(prediction: [Float], classCount nc: Int, options: NMSOptions = NMSOptions())
    -> [Detection]
{
    precondition(nc > 0 && prediction.count % (4 + nc) == 0,
                 "prediction of \(prediction.count) values is not (4+nc=\(4 + nc), A)")
    let anchors = prediction.count / (4 + nc)
    let threshold = options.confidenceThreshold
    var candidates: [Detection] = []
    prediction.withUnsafeBufferPointer { p in
        for a in 0..<anchors {
            var best: Float = -.infinity
            var bestClass = 0
            for c in 0..<nc where p[(4 + c) * anchors + a] > best {  // first maximum, as torch's max
                best = p[(4 + c) * anchors + a]
                bestClass = c
            }
            guard best > threshold else { continue }
            let box = Box(centerX: p[a], centerY: p[anchors + a], width: p[2 * anchors + a], height: p[3 * anchors + a])
            if options.multiLabel && nc > 1 {
                for c in 0..<nc where p[(4 + c) * anchors + a] > threshold {
                    candidates.append(Detection(box: box, confidence: p[(4 + c) * anchors + a], classIndex: c))
                }
            } else {
                candidates.append(Detection(box: box, confidence: best, classIndex: bestClass))
            }
        }
    }
    if let classes = options.classes {
        candidates = candidates.filter { classes.contains($0.classIndex) }
    }
    if candidates.isEmpty { return [] }
    if candidates.count > options.maxNMS {
        candidates = stableDescendingOrder(candidates.map(\.confidence)).prefix(options.maxNMS).map { candidates[$0] }
    }
    let offsetBoxes = candidates.map { d -> Box in
        let offset = options.agnostic ? 0 : Float(d.classIndex) * options.maxWH
        return d.box.offsetBy(dx: offset, dy: offset)
    }
    let keep = nms(boxes: offsetBoxes, scores: candidates.map(\.confidence), iouThreshold: options.iouThreshold)
    return keep.prefix(options.maxDetections).map { candidates[$0] }
}

/// Greedy NMS as torchvision's CPU kernel (`torchvision.ops.nms`): visit boxes by descending score (stable), keep a
/// box unless it overlaps an already kept one by IoU `> iouThreshold` (float32 IoU without eps).
/// Returns the kept indices in descending score order.
public func nms(boxes: [Box], scores: [Float], iouThreshold: Double) -> [Int] {
    precondition(boxes.count == scores.count, "nms: \(boxes.count) boxes but \(scores.count) scores")
    let order = stableDescendingOrder(scores)
    let areas = boxes.map(\.area)
    var suppressed = [Bool](repeating: false, count: boxes.count)
    var keep: [Int] = []
    for (position, i) in order.enumerated() where !suppressed[i] {
        keep.append(i)
        let a = boxes[i]
        for j in order[(position + 1)...] where !suppressed[j] {
            let b = boxes[j]
            let w = max(0, min(a.x2, b.x2) - max(a.x1, b.x1))
            let h = max(0, min(a.y2, b.y2) - max(a.y1, b.y1))
            let inter = w * h
            let overlap = inter / (areas[i] + areas[j] - inter)
            if Double(overlap) > iouThreshold { suppressed[j] = true }
        }
    }
    return keep
}
