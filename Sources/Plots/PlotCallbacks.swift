import Configuration
import Training

/// The plotting callbacks of a run (stub: the Plots work replaces it).
public enum PlotCallbacks {
    public static func make(_ c: Configuration) -> [TrainingCallback] { [] }
}
