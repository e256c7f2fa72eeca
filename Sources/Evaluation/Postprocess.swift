/// How raw head output becomes detections, the two paths 8.4.190 chooses between (REFERENCE.md §5.3, §8.1).
public enum Postprocess: Hashable, Sendable {
    /// One-to-many head (YOLOv8/11, and YOLO26 by default): `(4+nc, A)` `xywh` + scores → `non_max_suppression`.
    case nms(NMSOptions)
    /// YOLO26 one-to-one head (`nms=False`): `(4+nc, A)` `xyxy` + scores → top-k (`Detect.postprocess`), then the
    /// end-to-end branch of `non_max_suppression` (confidence `>` threshold, `classes`, `max_det`).
    case endToEnd(confidenceThreshold: Float, maxDetections: Int = 300, agnostic: Bool = false, classes: [Int]? = nil)

    /// Detections of one image, by descending confidence.
    public func callAsFunction(prediction: [Float], classCount: Int) -> [Detection] {
        switch self {
        case .nms(let options):
            return nonMaxSuppression(prediction: prediction, classCount: classCount, options: options)
        case let .endToEnd(confidenceThreshold, maxDetections, agnostic, classes):
            let top = endToEndTopK(prediction: prediction, classCount: classCount, maxDetections: maxDetections,
                                   agnostic: agnostic)
            return filterEndToEnd(top, confidenceThreshold: confidenceThreshold, classes: classes,
                                  maxDetections: maxDetections)
        }
    }

    /// What the validator uses: NMS with `multi_label` (conf 0.001, iou 0.7), or top-k filtered at conf 0.001.
    public static func validation(endToEnd: Bool, confidenceThreshold: Float = 0.001, iouThreshold: Double = 0.7,
                                  maxDetections: Int = 300, agnostic: Bool = false) -> Postprocess {
        endToEnd
            ? .endToEnd(confidenceThreshold: confidenceThreshold, maxDetections: maxDetections, agnostic: agnostic)
            : .nms(.validation(confidenceThreshold: confidenceThreshold, iouThreshold: iouThreshold,
                               agnostic: agnostic, maxDetections: maxDetections))
    }

    /// What the predictor uses: NMS with one label per box (conf 0.25, iou 0.7), or top-k filtered at conf 0.25.
    public static func prediction(endToEnd: Bool, confidenceThreshold: Float = 0.25, iouThreshold: Double = 0.7,
                                  maxDetections: Int = 300, agnostic: Bool = false, classes: [Int]? = nil)
        -> Postprocess
    {
        endToEnd
            ? .endToEnd(confidenceThreshold: confidenceThreshold, maxDetections: maxDetections, agnostic: agnostic,
                        classes: classes)
            : .nms(.prediction(confidenceThreshold: confidenceThreshold, iouThreshold: iouThreshold, classes: classes,
                               agnostic: agnostic, maxDetections: maxDetections))
    }
}
