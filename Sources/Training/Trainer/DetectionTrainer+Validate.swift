import Evaluation
import Foundation
import Models
import Tensors
import YOLOData

extension DetectionTrainer {
    /// Validates `model` (the EMA) with the shared `Validator`: metrics rounded as the reference's training validation
    /// reports them, and the mean validation loss items. `final` is the closing validation of best.pt (per-class table).
    func validate(_ model: DetectionModel, loader: DataLoader, names: [String], loss: Loss, run: TrainingRun, final: Bool)
        -> ([(key: String, value: Double)], [Float])
    {
        var options = ValidationOptions.training(endToEnd: false, maxDetections: 300, plots: options.plots)
        options.verbose = final
        options.training = !final
        let validator = Validator(options, log: log)
        let result = validator.run(
            model: model, loader: loader, names: names,
            lossItems: { out, batch in loss(out, targets: batch.targets).items },
            batchEnd: { batch, detections in
                for c in self.callbacks { c.validationBatchEnd(run, batch: batch, predictions: detections, final: final) }
            })
        for c in callbacks { c.validationEnd(run, evaluator: result.evaluator, final: final) }
        return (result.trainingMetrics, result.trainingLoss)
    }
}
