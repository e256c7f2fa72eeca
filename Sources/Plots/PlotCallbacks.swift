import Configuration
import Training

/// The plotting callbacks of a run: a `PlotsCallback` unless `plots=False`.
public enum PlotCallbacks {
    public static func make(_ c: Configuration) -> [TrainingCallback] {
        c.plots ? [PlotsCallback()] : []
    }
}
