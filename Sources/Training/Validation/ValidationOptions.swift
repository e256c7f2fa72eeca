import Evaluation

/// Settings of one validation pass, with the reference's cfg names (`conf`, `iou`, `max_det`, `nms`, …).
public struct ValidationOptions: Hashable, Sendable {
    /// cfg `conf`: 0.001 for validation.
    public var confidenceThreshold: Float = 0.001
    /// cfg `iou`: NMS IoU threshold.
    public var iouThreshold: Double = 0.7
    /// cfg `max_det`.
    public var maxDetections: Int = 300
    /// cfg `nms=False`: the YOLO26 one-to-one head with top-k and no NMS. The default (`nms` unset or true) is the
    /// one-to-many head + NMS, as 8.4.190 validates (REFERENCE.md §8.1). Ignored for models without that head.
    public var endToEnd: Bool = false
    /// cfg `agnostic_nms`.
    public var agnostic: Bool = false
    /// cfg `plots`: keep a confusion matrix (conf 0.25, iou 0.45 inside `ConfusionMatrix`).
    public var plots: Bool = true
    /// cfg `save_json`: collect COCO rows (`predictions.json`).
    public var saveJSON: Bool = false
    /// cfg `save_txt` / `save_conf`: collect YOLO-format lines per image.
    public var saveText: Bool = false
    public var saveConfidence: Bool = false
    /// COCO category id per class (`coco80ToCoco91Class` for COCO val2017, else `1...nc`).
    public var classMap: [Int]? = nil
    /// True inside training: the table has no per-class rows and the speed line is not logged.
    public var training: Bool = false
    /// cfg `verbose`: per-class rows in the standalone table.
    public var verbose: Bool = true
    /// Fold BatchNorm into the convolutions first (what `AutoBackend` does for standalone val; the numbers are the
    /// same to float rounding, the forward is faster).
    public var fuse: Bool = true

    public init() {}

    /// The options `DetectionTrainer` validates with each epoch (`conf` 0.001, `iou` 0.7, the trainer's `nms`).
    public static func training(endToEnd: Bool = false, maxDetections: Int = 300, plots: Bool = false)
        -> ValidationOptions
    {
        var o = ValidationOptions()
        o.endToEnd = endToEnd
        o.maxDetections = maxDetections
        o.plots = plots
        o.training = true
        return o
    }

    /// The postprocess for a model with (`hasOneToOneHead`) or without the YOLO26 one-to-one head.
    public func postprocess(hasOneToOneHead: Bool) -> Postprocess {
        .validation(endToEnd: endToEnd && hasOneToOneHead, confidenceThreshold: confidenceThreshold,
                    iouThreshold: iouThreshold, maxDetections: maxDetections, agnostic: agnostic)
    }

    /// The evaluator's share of these options.
    var evaluatorOptions: DetectionEvaluator.Options {
        DetectionEvaluator.Options(confidenceThreshold: confidenceThreshold, plots: plots, saveJSON: saveJSON,
                                   saveText: saveText, saveConfidence: saveConfidence, classMap: classMap)
    }
}
