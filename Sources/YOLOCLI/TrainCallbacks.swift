import Configuration
import Plots
import Tracking
import Training

/// The callbacks of one `yolo train` run: plots (unless plots=False) and the trackers the settings enable.
enum TrainCallbacks {
    static func make(_ c: Configuration) -> [TrainingCallback] {
        PlotCallbacks.make(c) + TrackingCallbacks.make(c)
    }
}
