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
    public static func validation(
        confidenceThreshold: Float = 0.001, iouThreshold: Double = 0.7, agnostic: Bool = false,
        maxDetections: Int = 300
    ) -> NMSOptions {
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
        // `x[:, 4].argsort(descending=True)[:max_nms]`: torch's unstable sort decides among equal scores.
        candidates = torchArgsortDescending(candidates.map(\.confidence)).prefix(options.maxNMS).map { candidates[$0] }
    }
    let offsetBoxes = candidates.map { d -> Box in
        let offset = options.agnostic ? 0 : Float(d.classIndex) * options.maxWH
        return d.box.offsetBy(dx: offset, dy: offset)
    }
    let keep = nms(boxes: offsetBoxes, scores: candidates.map(\.confidence), iouThreshold: options.iouThreshold,
                   maxKept: options.maxDetections)
    return keep.map { candidates[$0] }
}

/// Greedy NMS as torchvision's CPU kernel (`torchvision.ops.nms`, what `non_max_suppression` runs once torchvision
/// is imported, as it is in real predict/val runs): visit boxes by descending score (stable sort), keep a box unless
/// it overlaps an already kept one by IoU `> iouThreshold` (float32 IoU without eps).
/// Returns the kept indices in descending score order. Kept boxes never depend on later ones, so stopping after
/// `maxKept` gives exactly the first `maxKept` of the full result (what `non_max_suppression` truncates to).
public func nms(boxes: [Box], scores: [Float], iouThreshold: Double, maxKept: Int = .max) -> [Int] {
    precondition(boxes.count == scores.count, "nms: \(boxes.count) boxes but \(scores.count) scores")
    let order = stableDescendingOrder(scores)
    let n = order.count
    // Coordinates in visiting order, so the inner loop runs over contiguous memory.
    let x1 = order.map { boxes[$0].x1 }, y1 = order.map { boxes[$0].y1 }
    let x2 = order.map { boxes[$0].x2 }, y2 = order.map { boxes[$0].y2 }
    let areas = order.map { boxes[$0].area }
    var suppressed = [Bool](repeating: false, count: n)
    var keep: [Int] = []
    var position = 0
    while position < n && keep.count < maxKept {
        defer { position += 1 }
        if suppressed[position] { continue }
        keep.append(order[position])
        let (ax1, ay1, ax2, ay2, areaA) = (x1[position], y1[position], x2[position], y2[position], areas[position])
        for j in (position + 1)..<max(n, position + 1) where !suppressed[j] {
            let w = max(0, min(ax2, x2[j]) - max(ax1, x1[j]))
            let h = max(0, min(ay2, y2[j]) - max(ay1, y1[j]))
            let inter = w * h
            let overlap = inter / (areaA + areas[j] - inter)
            if Double(overlap) > iouThreshold { suppressed[j] = true }
        }
    }
    return keep
}
