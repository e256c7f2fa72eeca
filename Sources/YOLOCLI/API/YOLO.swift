import Configuration
import Foundation
import Training
import YOLOData

/// The Swift face of the tool, mirroring Ultralytics' Python API; the `yolo` command is a thin layer over the same
/// configuration, trainer, validator and predictor.
///
///     let model = YOLO("yolo26n.yaml")
///     let run = try model.train(data: "data.yaml", epochs: 100, imgsz: 640, batch: -1)
///     let metrics = try YOLO(run.best.path).val(data: "data.yaml")
///     try YOLO("runs/detect/train/weights/last.pt").train(resume: true)
///     try model.train(cfg: "experiment.yaml")
public final class YOLO {
    /// `model`: a model yaml or built-in name (`yolo26n.yaml`), or a `.pt` checkpoint.
    public let model: String
    /// Where console lines go (default: standard output).
    public var log: (String) -> Void
    /// Relative paths (data, model, project) resolve against this folder.
    public var currentDirectory: URL

    public init(_ model: String = "yolo26n.yaml", log: @escaping (String) -> Void = { print($0) },
                currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.model = model
        self.log = log
        self.currentDirectory = URL(fileURLWithPath: currentDirectory.path, isDirectory: true)
    }

    /// Trains (or, with `resume: true` on a `last.pt`, continues) and returns the run; keys as the CLI's.
    ///
    /// - Parameters:
    ///   - augmentations: custom transforms added to the training pipeline (recorded in args.yaml).
    ///   - callbacks: observers of the run (plots and the enabled trackers are added as for the CLI).
    ///   - overrides: any other key of the configuration table, e.g. `["lr0": .float(0.005), "mosaic": .float(0)]`.
    @discardableResult
    public func train(data: String? = nil, epochs: Int? = nil, imgsz: Int? = nil, batch: Int? = nil,
                      resume: Bool = false, cfg: String? = nil, augmentations: [CustomTransform] = [],
                      callbacks: [TrainingCallback] = [], _ overrides: [String: ConfigValue] = [:]) throws -> TrainingOutcome {
        var given: [String: ConfigValue] = ["model": .string(model)]
        if let data { given["data"] = .string(data) }
        if let epochs { given["epochs"] = .int(epochs) }
        if let imgsz { given["imgsz"] = .int(imgsz) }
        if let batch { given["batch"] = .int(batch) }
        if resume { given["resume"] = .bool(true) }
        if !augmentations.isEmpty { given["augmentations"] = .list(augmentations.map(Self.configValue)) }
        let c = try configuration(.train, cfg: cfg, given.merging(overrides) { _, new in new })
        return try TrainMode.train(c, currentDirectory: currentDirectory, callbacks: callbacks, output: log)
    }

    /// Validates the model on a dataset split (`yolo val`) and returns the metrics.
    @discardableResult
    public func val(data: String, imgsz: Int? = nil, batch: Int? = nil, split: String? = nil,
                    _ overrides: [String: ConfigValue] = [:]) throws -> ValidationResult {
        var given: [String: ConfigValue] = ["model": .string(model), "data": .string(data)]
        if let imgsz { given["imgsz"] = .int(imgsz) }
        if let batch { given["batch"] = .int(batch) }
        if let split { given["split"] = .string(split) }
        let c = try configuration(.val, cfg: nil, given.merging(overrides) { _, new in new })
        return try ValidationJob(options: try ValMode.options(c, currentDirectory: currentDirectory), log: log).run()
    }

    /// Runs the model on images (`yolo predict`): annotated pictures and labels in `runs/detect/predict*`.
    public func predict(_ source: String, conf: Double? = nil, imgsz: Int? = nil,
                        _ overrides: [String: ConfigValue] = [:]) throws {
        var given: [String: ConfigValue] = ["model": .string(model), "source": .string(source)]
        if let conf { given["conf"] = .float(conf) }
        if let imgsz { given["imgsz"] = .int(imgsz) }
        let c = try configuration(.predict, cfg: nil, given.merging(overrides) { _, new in new })
        _ = try PredictionJob(options: try PredictMode.options(c, currentDirectory: currentDirectory), log: log).run()
    }

    /// Defaults < cfg file < the given keys, validated for `routine` exactly as the command line is.
    func configuration(_ routine: Routine, cfg: String?, _ given: [String: ConfigValue]) throws -> Configuration {
        let assignments = given.sorted { $0.key < $1.key }.map { Assignment($0.key, $0.value, origin: .api) }
        var (c, warnings) = try Configuration.resolve(cfgFile: cfg, assignments: assignments, currentDirectory: currentDirectory)
        for w in warnings { log("warning: \(w)") }
        try c.adopt(routine)
        return c
    }

    /// A transform as an `augmentations` item: `{Name: {parameter: value, …}}`.
    static func configValue(_ t: CustomTransform) -> ConfigValue {
        .mapping([ConfigEntry(t.name, .mapping(t.parameters.map { name, value in
            ConfigEntry(name, value == value.rounded() && name != "p" ? .int(Int(value)) : .float(value))
        }))])
    }
}
