import Configuration
import Foundation
import Training

/// The tracking callbacks of a run: TensorBoard and MLflow when the run's keys (`tensorboard=True`, `mlflow=True`) or,
/// when those are not given, the persisted settings (`yolo settings tensorboard=True`) enable them.
public enum TrackingCallbacks {
    public static func make(_ c: Configuration) -> [TrainingCallback] {
        let named = trackers(c)
        return named.isEmpty ? [] : [TimedCallbacks(named)]
    }

    /// The enabled trackers by name ("TensorBoard", "MLflow"), for a caller that times them with other callbacks.
    public static func trackers(_ c: Configuration) -> [(name: String, callback: TrainingCallback)] {
        trackers(tensorboard: c.tensorboard, mlflow: c.mlflow, settings: { SettingsStore().load().settings })
    }

    /// The callbacks for explicit choices; `settings` is read only when a choice is left to it (nil).
    static func make(tensorboard: Bool?, mlflow: Bool?, settings: () -> Settings,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> [TrainingCallback] {
        let named = trackers(tensorboard: tensorboard, mlflow: mlflow, settings: settings, environment: environment)
        return named.isEmpty ? [] : [TimedCallbacks(named)]
    }

    static func trackers(tensorboard: Bool?, mlflow: Bool?, settings: () -> Settings,
                         environment: [String: String] = ProcessInfo.processInfo.environment)
        -> [(name: String, callback: TrainingCallback)] {
        var stored: Settings?
        func setting() -> Settings {
            if stored == nil { stored = settings() }
            return stored!
        }
        var trackers: [(name: String, callback: TrainingCallback)] = []
        if tensorboard ?? setting().tensorboard { trackers.append(("TensorBoard", TensorBoardCallback())) }
        if mlflow ?? setting().mlflow { trackers.append(("MLflow", MLflowCallback(environment: environment))) }
        return trackers
    }
}
