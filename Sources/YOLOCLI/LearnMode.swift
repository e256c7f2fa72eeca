import Configuration
import Training

/// `yolo learn` settings from the resolved configuration: keys the user typed win; otherwise the toy's own
/// defaults (its feature is x_red/255, so it wants a larger rate than a detector's `lr0=0.01`).
enum LearnMode {
    static func options(_ config: Configuration) -> LearnJob.Options {
        var o = LearnJob.Options()
        if config.origin(of: "epochs") != .defaultValue { o.epochs = config.epochs }
        if config.origin(of: "lr0") != .defaultValue, let lr = config["lr0"].doubleValue { o.lr0 = Float(lr) }
        if let loss = config["loss"].stringValue, let kind = RedCarClassifier.Loss(rawValue: loss) { o.loss = kind }
        if let seed = config["seed"].intValue { o.seed = UInt64(max(seed, 0)) }
        return o
    }
}
