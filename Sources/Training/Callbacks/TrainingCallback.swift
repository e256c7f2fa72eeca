import Evaluation
import Foundation
import YOLOData

/// What an observer of a training run can see: the run folder, the resolved settings, the data and the results so far.
public final class TrainingRun: @unchecked Sendable {
    /// The run folder (`runs/detect/train`, …).
    public let saveDir: URL
    /// Every resolved key as args.yaml writes it (key → value text), in key-table order.
    public let arguments: [(key: String, value: String)]
    /// Class names by index.
    public let names: [String]
    /// Loss item names (`box_loss`, `cls_loss`, `dfl_loss` or `l1_loss`).
    public let lossNames: [String]
    /// The training and validation splits as loaded (images, labels, reports).
    public let trainSplit: LabeledSplit
    public let valSplit: LabeledSplit
    /// Total epochs of the run.
    public let epochs: Int
    /// Batches per epoch.
    public let batchesPerEpoch: Int
    /// True when the run continues from a `last.pt` (`resume`).
    public let resumed: Bool
    /// The 0-based epoch in progress.
    public internal(set) var epoch: Int = 0
    /// True when the run ended early by request (Ctrl-C, SIGTERM): `last.pt` is resumable, `trainEnd` still follows.
    public internal(set) var stoppedByRequest = false
    /// Rows of results.csv so far (after a resume: the earlier rows too).
    public internal(set) var results: [EpochResult] = []
    /// `weights/last.pt` and `weights/best.pt`.
    public var lastURL: URL { saveDir.appendingPathComponent("weights/last.pt") }
    public var bestURL: URL { saveDir.appendingPathComponent("weights/best.pt") }
    /// Writes one console line (warnings from callbacks go here, prefixed "warning:").
    public let log: (String) -> Void

    public init(saveDir: URL, arguments: [(key: String, value: String)], names: [String], lossNames: [String],
                trainSplit: LabeledSplit, valSplit: LabeledSplit, epochs: Int, batchesPerEpoch: Int, resumed: Bool,
                log: @escaping (String) -> Void) {
        self.saveDir = saveDir
        self.arguments = arguments
        self.names = names
        self.lossNames = lossNames
        self.trainSplit = trainSplit
        self.valSplit = valSplit
        self.epochs = epochs
        self.batchesPerEpoch = batchesPerEpoch
        self.resumed = resumed
        self.log = log
    }
}

/// An observer of training, like the reference's callbacks (`on_train_start`, `on_fit_epoch_end`, …).
/// Plots, TensorBoard and MLflow are callbacks; a callback never stops a run: it reports its own failures via `run.log`.
public protocol TrainingCallback: AnyObject {
    /// After the data and model are ready, before the first batch (also after a resume).
    func trainStart(_ run: TrainingRun)
    /// After each optimizer-visible training batch; `iteration` counts batches from the start of the run.
    func trainBatchEnd(_ run: TrainingRun, batch: Batch, iteration: Int)
    /// After each validation batch, with the final detections per image (batch-image pixels).
    func validationBatchEnd(_ run: TrainingRun, batch: Batch, predictions: [[Detection]], final: Bool)
    /// After a validation pass; `final` for the closing validation of best.pt.
    func validationEnd(_ run: TrainingRun, evaluator: DetectionEvaluator, final: Bool)
    /// After an epoch's row is in results.csv and the checkpoints are written.
    func fitEpochEnd(_ run: TrainingRun, result: EpochResult)
    /// After the final validation; the run is complete (or stopped by request: `run.stoppedByRequest`).
    func trainEnd(_ run: TrainingRun)
    /// The run ended with an error after `trainStart` (non-finite loss, unwritable checkpoint, …); no `trainEnd` follows.
    func trainFailed(_ run: TrainingRun, error: Error)
}

extension TrainingCallback {
    public func trainStart(_ run: TrainingRun) {}
    public func trainBatchEnd(_ run: TrainingRun, batch: Batch, iteration: Int) {}
    public func validationBatchEnd(_ run: TrainingRun, batch: Batch, predictions: [[Detection]], final: Bool) {}
    public func validationEnd(_ run: TrainingRun, evaluator: DetectionEvaluator, final: Bool) {}
    public func fitEpochEnd(_ run: TrainingRun, result: EpochResult) {}
    public func trainEnd(_ run: TrainingRun) {}
    public func trainFailed(_ run: TrainingRun, error: Error) {}
}
