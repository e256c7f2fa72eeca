import Configuration
import Training

/// `yolo learn` settings from the resolved configuration (the key table holds learn's own defaults:
/// epochs 100, lr0 0.001 on the raw 0–255 feature).
enum LearnMode {
    static func options(_ config: Configuration) -> LearnJob.Options {
        var o = LearnJob.Options()
        o.epochs = config.epochs
        o.lr0 = Float(config.lr0)
        if let kind = RedCarClassifier.Loss(rawValue: config.loss) { o.loss = kind }
        o.seed = UInt64(max(config.seed, 0))
        return o
    }
}
