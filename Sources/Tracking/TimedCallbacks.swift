import Evaluation
import Foundation
import Training
import YOLOData

/// Forwards every event to the trackers (and plots) in order, adds up the time each one takes on the training thread,
/// and reports it at train end together with its share of the run's wall time (the budget: under 2 %).
public final class TimedCallbacks: TrainingCallback {
    let trackers: [(name: String, callback: TrainingCallback)]
    /// The report's first word(s): "Tracking", or "Tracking and plots".
    let label: String
    /// Seconds spent in each tracker so far.
    public private(set) var seconds: [Double]
    private var started: Date?

    public init(_ trackers: [(name: String, callback: TrainingCallback)], label: String = "Tracking") {
        self.trackers = trackers
        self.label = label
        seconds = Array(repeating: 0, count: trackers.count)
    }

    public func trainStart(_ run: TrainingRun) {
        if started == nil { started = Date() }
        timed { $0.trainStart(run) }
    }

    public func trainBatchEnd(_ run: TrainingRun, batch: Batch, iteration: Int) {
        timed { $0.trainBatchEnd(run, batch: batch, iteration: iteration) }
    }

    public func validationBatchEnd(_ run: TrainingRun, batch: Batch, predictions: [[Detection]], final: Bool) {
        timed { $0.validationBatchEnd(run, batch: batch, predictions: predictions, final: final) }
    }

    public func validationEnd(_ run: TrainingRun, evaluator: DetectionEvaluator, final: Bool) {
        timed { $0.validationEnd(run, evaluator: evaluator, final: final) }
    }

    public func fitEpochEnd(_ run: TrainingRun, result: EpochResult) {
        timed { $0.fitEpochEnd(run, result: result) }
    }

    public func trainEnd(_ run: TrainingRun) {
        timed { $0.trainEnd(run) }
        run.log(report(runSeconds: Date().timeIntervalSince(started ?? Date())))
    }

    public func trainFailed(_ run: TrainingRun, error: Error) {
        timed { $0.trainFailed(run, error: error) }
    }

    /// "Tracking: TensorBoard 0.012 s, MLflow 0.350 s (0.41 % of 85.2 s)".
    func report(runSeconds: Double) -> String {
        let parts = zip(trackers, seconds).map { "\($0.name) " + String(format: "%.3f s", $1) }
        let share = runSeconds > 0 ? 100 * seconds.reduce(0, +) / runSeconds : 0
        return label + ": " + parts.joined(separator: ", ") + String(format: " (%.2f %% of %.1f s)", share, runSeconds)
    }

    private func timed(_ body: (TrainingCallback) -> Void) {
        for (k, tracker) in trackers.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            body(tracker.callback)
            seconds[k] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
    }
}
