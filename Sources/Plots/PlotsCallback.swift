import Evaluation
import Foundation
import Training
import YOLOData

/// Draws a run's pictures as the reference does: labels.jpg at the start, train_batch0…2 from the first batches,
/// results.png at the end (200 dpi; also when stopped by request), and on the final validation val_batch0…2
/// (labels and predictions), the four curves and both confusion matrices. Failures become warnings; the time spent is logged at the end.
public final class PlotsCallback: TrainingCallback {
    /// Seconds spent drawing and writing, all plots together.
    public private(set) var seconds: Double = 0
    /// The files written so far, in order.
    public private(set) var written: [URL] = []
    private var runStart: Date?
    private var trainBatchesPlotted = Set<Int>()
    private var valBatchesPlotted = 0

    /// How many training and validation batches are drawn (the reference: 3).
    public let batchCount: Int

    public init(batchCount: Int = 3) { self.batchCount = batchCount }

    public func trainStart(_ run: TrainingRun) {
        runStart = Date()
        guard !run.resumed else { return }
        timed(run, "labels.jpg") { [try LabelsPlot.write(run.trainSplit, names: run.names, to: run.saveDir)] }
    }

    public func trainBatchEnd(_ run: TrainingRun, batch: Batch, iteration: Int) {
        guard iteration < batchCount, !trainBatchesPlotted.contains(iteration) else { return }
        trainBatchesPlotted.insert(iteration)
        let url = run.saveDir.appendingPathComponent("train_batch\(iteration).jpg")
        timed(run, url.lastPathComponent) {
            try BatchPlot.write(batch, names: run.names, to: url)
            return [url]
        }
    }

    public func validationBatchEnd(_ run: TrainingRun, batch: Batch, predictions: [[Detection]], final: Bool) {
        guard final, valBatchesPlotted < batchCount else { return }
        let n = valBatchesPlotted
        valBatchesPlotted += 1
        let labels = run.saveDir.appendingPathComponent("val_batch\(n)_labels.jpg")
        let pred = run.saveDir.appendingPathComponent("val_batch\(n)_pred.jpg")
        timed(run, "val_batch\(n)") {
            try BatchPlot.write(batch, names: run.names, to: labels)
            try BatchPlot.write(batch, names: run.names, predictions: predictions, to: pred)
            return [labels, pred]
        }
    }

    public func validationEnd(_ run: TrainingRun, evaluator: DetectionEvaluator, final: Bool) {
        guard final else { return }
        timed(run, "curves and confusion matrices") {
            var evaluation = evaluator
            if evaluation.metrics.box.px.isEmpty { evaluation.finish() }
            var files = try CurvePlots.write(evaluation.metrics, to: run.saveDir)
            if evaluation.options.plots {
                files += try ConfusionMatrixPlot.write(evaluation.confusionMatrix, names: run.names, to: run.saveDir)
            }
            return files
        }
    }

    /// results.png at the reference's 200 dpi (drawn once, at the end, as the reference: per-epoch redraws cost
    /// ~1 s each on this machine), then the time summary.
    public func trainEnd(_ run: TrainingRun) {
        timed(run, "results.png") { [try writeResults(run, dpi: 200)] }
        let total = runStart.map { Date().timeIntervalSince($0) } ?? 0
        let share = total > 0 ? String(format: " (%.1f %% of the run)", 100 * seconds / total) : ""
        run.log("Plots: \(String(format: "%.1f", seconds)) s\(share), \(Set(written).count) files in \(run.saveDir.path)")
    }

    /// results.png from the run's results.csv (the rows in memory when the file is missing).
    private func writeResults(_ run: TrainingRun, dpi: Double) throws -> URL {
        let csv = run.saveDir.appendingPathComponent("results.csv")
        let table = FileManager.default.fileExists(atPath: csv.path)
            ? try ResultsTable(contentsOf: csv) : ResultsTable(run.results, lossNames: run.lossNames)
        let url = run.saveDir.appendingPathComponent("results.png")
        try ResultsPlot.render(table, dpi: dpi).write(to: url)
        return url
    }

    /// Runs one plot job, adding its time; a failure is logged as a warning and never stops the run.
    private func timed(_ run: TrainingRun, _ what: String, _ job: () throws -> [URL]) {
        let start = Date()
        do {
            written += try job()
        } catch {
            run.log("warning: plots: \(what) not written: \(error)")
        }
        seconds += Date().timeIntervalSince(start)
    }
}

extension ResultsTable {
    /// A table from epoch results, with results.csv's columns.
    public init(_ results: [EpochResult], lossNames: [String]) {
        let metricKeys = DetMetrics.keys
        var columns = ["epoch", "time"] + lossNames.map { "train/\($0)" } + metricKeys + lossNames.map { "val/\($0)" }
        var values: [[Double]] = [results.map { Double($0.epoch) }, results.map(\.seconds)]
        values += lossNames.indices.map { i in results.map { i < $0.trainLoss.count ? Double($0.trainLoss[i]) : .nan } }
        values += metricKeys.map { key in results.map { r in r.metrics.first { $0.key == key }?.value ?? .nan } }
        values += lossNames.indices.map { i in results.map { i < $0.valLoss.count ? Double($0.valLoss[i]) : .nan } }
        let lrCount = results.map(\.learningRates.count).max() ?? 0
        columns += (0..<lrCount).map { "lr/pg\($0)" }
        values += (0..<lrCount).map { i in results.map { i < $0.learningRates.count ? $0.learningRates[i] : .nan } }
        self.init(columns: columns, values: values)
    }
}
