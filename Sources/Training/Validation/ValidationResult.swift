import Evaluation
import Foundation

/// Milliseconds per image of each validation stage (the reference's `validator.speed`).
public struct ValidationSpeed: Hashable, Sendable {
    public var preprocess = 0.0
    public var inference = 0.0
    public var loss = 0.0
    public var postprocess = 0.0

    public init(preprocess: Double = 0, inference: Double = 0, loss: Double = 0, postprocess: Double = 0) {
        self.preprocess = preprocess
        self.inference = inference
        self.loss = loss
        self.postprocess = postprocess
    }

    /// `Speed: 0.3ms preprocess, 12.1ms inference, 0.0ms loss, 1.2ms postprocess per image`.
    public var line: String {
        ValidationTable.speedLine(preprocess: preprocess, inference: inference, loss: loss, postprocess: postprocess)
    }
}

/// What one validation pass produced.
public struct ValidationResult: Sendable {
    /// `results_dict`: `metrics/precision(B)`, `metrics/recall(B)`, `metrics/mAP50(B)`, `metrics/mAP50-95(B)`,
    /// `fitness` — the keys results.csv uses.
    public var metrics: [(key: String, value: Double)]
    /// The evaluator after `finish()`: per-class results, confusion matrix, COCO rows, text lines.
    public var evaluator: DetectionEvaluator
    /// Mean loss items over the batches (empty without a loss closure).
    public var loss: [Float]
    /// Milliseconds per image.
    public var speed: ValidationSpeed
    /// Images seen.
    public var images: Int

    /// The value of one `results_dict` key (nil when absent).
    public subscript(key: String) -> Double? { metrics.first { $0.key == key }?.value }

    /// `fitness`: mAP50-95 (the reference's detection fitness weights).
    public var fitness: Double { self["fitness"] ?? 0 }

    /// The metrics as the trainer's validator returns them: each rounded to 5 decimals (`round(float(v), 5)`).
    public var trainingMetrics: [(key: String, value: Double)] {
        metrics.map { ($0.key, pythonRound($0.value, digits: 5)) }
    }

    /// The mean loss items rounded to 5 decimals, as the trainer's validator returns `val/*` losses.
    public var trainingLoss: [Float] { loss.map { Float(pythonRound(Double($0), digits: 5)) } }
}
