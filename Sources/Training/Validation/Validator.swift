import Evaluation
import Foundation
import Models
import Tensors
import YOLOData

/// The detection validator (`DetectionValidator.__call__`): runs a model over a validation loader, postprocesses
/// (NMS, or the YOLO26 one-to-one head's top-k with `nms=False`), accumulates metrics in the network-input pixels
/// of each rect batch, and logs the table in the reference's layout. The trainer and `yolo val` both use it.
public struct Validator {
    public var options: ValidationOptions
    /// Where the table (and, standalone, the speed line) goes.
    public var log: (String) -> Void

    public init(_ options: ValidationOptions = ValidationOptions(), log: @escaping (String) -> Void = { print($0) }) {
        self.options = options
        self.log = log
    }

    /// Validates `model` on every batch of `loader` (epoch 0 order: rect batches when the loader has them).
    ///
    /// - Parameters:
    ///   - names: class names by index (the table's row names; their count is the evaluator's `nc`).
    ///   - lossItems: the loss of the raw head output against a batch's targets (training); timed as `loss`.
    ///   - batchEnd: called with each batch and its final detections per image (batch-image pixels), e.g. to
    ///     plot `val_batch0_pred.jpg`.
    /// - Returns: the metrics, the evaluator, the mean loss items and the per-image speed.
    public func run(
        model: DetectionModel, loader: DataLoader, names: [String],
        lossItems: ((DetectOutput, Batch) -> [Float])? = nil,
        batchEnd: ((Batch, [[Detection]]) -> Void)? = nil
    ) -> ValidationResult {
        let wasEndToEnd = model.detect.endToEnd, wasMaxDet = model.detect.maxDet
        model.eval()
        if options.fuse { model.fuse() }
        let hasOneToOne = model.detect.oneToOneCv2 != nil
        let endToEnd = options.endToEnd && hasOneToOne
        model.detect.endToEnd = endToEnd
        model.detect.maxDet = options.maxDetections
        defer {
            model.detect.endToEnd = wasEndToEnd
            model.detect.maxDet = wasMaxDet
        }
        let post = options.postprocess(hasOneToOneHead: hasOneToOne)
        var evaluator = DetectionEvaluator(names: names, options: options.evaluatorOptions)
        var lossSums: [Double] = []
        var batches = 0
        var seconds = [0.0, 0.0, 0.0, 0.0]  // preprocess, inference, loss, postprocess
        for batch in loader.epoch(0) {
            var clock = StageClock()
            let x = Tensor(batch.images, shape: [batch.count, 3, batch.height, batch.width])
            seconds[0] += clock.lap()
            let (raw, prediction) = noGrad { () -> (DetectOutput, [Float]) in
                let out = model(x)
                return (out, Self.decoded(out, detect: model.detect, endToEnd: endToEnd).scalars)
            }
            seconds[1] += clock.lap()
            if let lossItems {
                let items = noGrad { lossItems(raw, batch) }
                if lossSums.isEmpty { lossSums = [Double](repeating: 0, count: items.count) }
                for (k, v) in items.enumerated() where k < lossSums.count { lossSums[k] += Double(v) }
                seconds[2] += clock.lap()
            }
            let per = prediction.count / batch.count
            let detections = (0..<batch.count).map { i in
                post(prediction: Array(prediction[(i * per)..<((i + 1) * per)]), classCount: model.nc)
            }
            seconds[3] += clock.lap()
            for i in 0..<batch.count {
                evaluator.add(ValidationImage(
                    predictions: detections[i], groundTruth: batch.groundTruth(image: i), path: batch.meta[i].file,
                    inputShape: ImageShape(height: batch.height, width: batch.width),
                    originalShape: ImageShape(height: batch.meta[i].originalHeight, width: batch.meta[i].originalWidth),
                    ratioPad: batch.ratioPad(image: i, imageSize: loader.options.imageSize)))
            }
            batches += 1
            batchEnd?(batch, detections)
            loader.recycle(batch)
        }
        let metrics = evaluator.finish()
        let images = max(evaluator.metrics.seen, 1)
        let speed = ValidationSpeed(preprocess: seconds[0] * 1000 / Double(images),
                                    inference: seconds[1] * 1000 / Double(images),
                                    loss: seconds[2] * 1000 / Double(images),
                                    postprocess: seconds[3] * 1000 / Double(images))
        for line in evaluator.printedTable(verbose: options.verbose, training: options.training) {
            log(line)
        }
        if !options.training { log(speed.line) }
        return ValidationResult(metrics: metrics, evaluator: evaluator,
                                loss: lossSums.map { Float($0 / Double(max(batches, 1))) }, speed: speed,
                                images: evaluator.metrics.seen)
    }

    /// The head output that postprocessing reads, `[B, 4 + nc, A]`: the one-to-many head decoded to `xywh` pixels
    /// (NMS path), or the one-to-one head decoded to `xyxy` pixels (the top-k of `Postprocess.endToEnd` follows).
    static func decoded(_ out: DetectOutput, detect: Detect, endToEnd: Bool) -> Tensor {
        if endToEnd, let o2o = out.oneToOne {
            return Tensor.concat([detect.decodeBoxes(o2o, xywh: false), o2o.scores.sigmoid()], axis: 1)
        }
        return Tensor.concat([detect.decodeBoxes(out.oneToMany, xywh: true), out.oneToMany.scores.sigmoid()], axis: 1)
    }
}

/// Seconds between successive laps (for the per-stage speed).
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the previous lap (or creation).
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
