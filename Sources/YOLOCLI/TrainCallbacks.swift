import Configuration
import Plots
import Tracking
import Training

/// The callbacks of one `yolo train` run: plots (unless plots=False) and the trackers the settings enable. With a
/// tracker, all are timed together: at train end one line says how long each took on the training thread and their
/// share of the run (plots alone report their own time).
enum TrainCallbacks {
    static func make(_ c: Configuration) -> [TrainingCallback] {
        let plots = PlotCallbacks.make(c)
        let trackers = TrackingCallbacks.trackers(c)
        guard !trackers.isEmpty else { return plots }
        return [TimedCallbacks(plots.map { (name: "Plots", callback: $0) } + trackers, label: "Tracking and plots")]
    }
}
