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
        if final { writePerClassCSV(result.evaluator.metrics, to: run.saveDir.appendingPathComponent("per_class.csv")) }
        return (result.trainingMetrics, result.trainingLoss)
    }

    /// `per_class.csv` of the final validation (the reference's `DetMetrics.summary` columns), read by `yolo diagnose`.
    func writePerClassCSV(_ metrics: DetMetrics, to url: URL) {
        let g = { (v: Double) in String(format: "%.5g", v) }
        let rows = metrics.classRows.map { r in
            ([r.name, "\(r.images)", "\(r.instances)"] + [r.precision, r.recall, r.f1, r.map50, r.map75, r.map50to95].map(g))
                .joined(separator: ",")
        }
        let text = (["Class,Images,Instances,Box-P,Box-R,Box-F1,mAP50,mAP75,mAP50-95"] + rows).joined(separator: "\n") + "\n"
        do { try text.write(to: url, atomically: true, encoding: .utf8) } catch { log("warning: could not write \(url.path): \(error)") }
    }
}
