import Configuration
import Training

/// The tracking callbacks of a run (stub: the Tracking work replaces it).
public enum TrackingCallbacks {
    public static func make(_ c: Configuration) -> [TrainingCallback] { [] }
}
