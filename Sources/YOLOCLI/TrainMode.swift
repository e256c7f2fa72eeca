import Configuration
import Foundation
import Training
import YOLOData

/// `yolo train`: the resolved configuration as `TrainOptions`, the run folder (`runs/detect/train`, `train2`, …).
enum TrainMode {
    /// Runs `yolo train` (a new run, or `resume` of a `last.pt`); returns the exit status.
    static func run(_ request: Configuration, currentDirectory cwd: URL, output: @escaping (String) -> Void) throws -> Int32 {
        _ = try train(request, currentDirectory: cwd, callbacks: [], output: output)
        return 0
    }

    /// Trains as configured (plus `callbacks`) and returns the run folder and its epochs.
    static func train(_ request: Configuration, currentDirectory cwd: URL, callbacks: [TrainingCallback],
                      output: @escaping (String) -> Void) throws -> TrainingOutcome {
        var c = request
        var resumeFrom: URL?
        var saveDir: URL
        if let resumed = try ResumeResolver.resolve(c, currentDirectory: cwd, log: output) {
            (c, resumeFrom, saveDir) = (resumed.configuration, resumed.checkpoint, resumed.saveDir)
        } else {
            saveDir = try runFolder(c, currentDirectory: cwd)
        }
        var data: URL
        if let given = c.data {
            data = URL(fileURLWithPath: given, relativeTo: cwd).standardizedFileURL
            guard FileManager.default.fileExists(atPath: data.path) else {
                throw TrainingError("data=\(given): no such file (looked at \(data.path)); give the path of your data.yaml, "
                    + "or leave data= out to train on the built-in synthetic dataset")
            }
        } else {
            data = try SyntheticShapes.standard.prepare(log: output)
        }
        var o = try options(c, data: data, saveDir: saveDir)
        if o.model.lowercased().hasSuffix(".pt") {
            o.model = URL(fileURLWithPath: o.model, relativeTo: cwd).standardizedFileURL.path
        }
        if case .file(let path) = c.pretrained {
            o.pretrained = .file(URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL)
        }
        o.resumeFrom = resumeFrom
        try FileManager.default.createDirectory(at: saveDir, withIntermediateDirectories: true)
        switch c.batch {
        case .auto where resumeFrom == nil: o.batch = try AutoBatch.batchSize(options: o, fraction: 0.6, log: output)
        case .memoryFraction(let f) where resumeFrom == nil: o.batch = try AutoBatch.batchSize(options: o, fraction: f, log: output)
        default: break
        }
        var recorded = c
        try recorded.apply(Assignment("batch", .int(o.batch)))
        try recorded.apply(Assignment("data", .string(data.path)))
        // As the reference records them: the model trained and the run folder's name (train, train2, …).
        if recorded.model == nil { try recorded.apply(Assignment("model", .string(o.model))) }
        try recorded.apply(Assignment("name", .string(saveDir.lastPathComponent)))
        // args.yaml first, as the reference: every resolved key plus the run folder.
        let saveEntry = ConfigEntry("save_dir", .string(saveDir.path))
        try recorded.writeArgsYAML(to: saveDir.appendingPathComponent("args.yaml"), appending: [saveEntry])
        o.arguments = recorded.argumentTexts + [(saveEntry.key, saveDir.path)]
        o.trainArgs = recorded.trainArgs + [("save_dir", .string(saveDir.path))]
        let trainer = DetectionTrainer(options: o, callbacks: callbacks + TrainCallbacks.make(recorded), log: output)
        let results = try trainer.train()
        return TrainingOutcome(saveDir: saveDir, results: results)
    }

    static func options(_ c: Configuration, data: URL, saveDir: URL) throws -> TrainOptions {
        var o = TrainOptions(data: data, saveDir: saveDir)
        o.model = c.model ?? "yolo26n.yaml"
        o.epochs = c.epochs
        o.imgsz = c.imgsz.square
        if case .fixed(let n) = c.batch { o.batch = n }
        o.workers = c.workers
        o.seed = c.seed
        o.optimizer = c.optimizer
        o.lr0 = c.lr0
        o.lrf = c.lrf
        o.momentum = c.momentum
        o.weightDecay = c.weightDecay
        o.warmupEpochs = c.warmupEpochs
        o.warmupMomentum = c.warmupMomentum
        o.warmupBiasLR = c.warmupBiasLr
        o.box = Float(c.box)
        o.cls = Float(c.cls)
        o.dfl = Float(c.dfl)
        o.nbs = c.nbs
        o.cosLR = c.cosLr
        o.closeMosaic = c.closeMosaic
        o.validate = c.val
        o.patience = c.patience
        o.savePeriod = c.savePeriod
        o.time = c.time.flatMap { $0 > 0 ? $0 : nil }
        o.fraction = c.fraction
        o.singleClass = c.singleCls
        o.plots = c.plots
        o.sampler = c.sampler
        o.cache = { switch c.cache { case .none: .none; case .ram: .ram; case .disk: .disk } }()
        switch c.pretrained {
        case .enabled: o.pretrained = .enabled
        case .disabled: o.pretrained = .disabled
        case .file(let path): o.pretrained = .file(URL(fileURLWithPath: path))
        }
        switch c.freeze {
        case .first(let n)?: o.freeze = Array(0..<max(n, 0))
        case .layers(let items)?:
            o.freeze = try items.map { item in
                guard let i = Int(item) else { throw TrainingError("freeze=\(item): give layer indices, e.g. freeze=10 or freeze=[0,1,2]") }
                return i
            }
        case nil: o.freeze = []
        }
        o.augmentation = try augmentation(c)
        return o
    }

    /// The augmentation hyperparameters and custom transforms of `c`.
    static func augmentation(_ c: Configuration) throws -> AugmentationSettings {
        var a = AugmentationSettings()
        a.hsvH = c.hsvH; a.hsvS = c.hsvS; a.hsvV = c.hsvV
        a.degrees = c.degrees; a.translate = c.translate; a.scale = c.scale; a.shear = c.shear
        a.perspective = c.perspective; a.flipud = c.flipud; a.fliplr = c.fliplr; a.bgr = c.bgr
        a.mosaic = c.mosaic; a.mixup = c.mixup; a.cutmix = c.cutmix
        a.custom = try (c.augmentations ?? []).map(customTransform)
        return a
    }

    /// One `augmentations` item: a name (`Blur`) or a one-entry mapping (`{Blur: {p: 0.5}}`).
    static func customTransform(_ item: ConfigValue) throws -> CustomTransform {
        switch item {
        case .string(let name): return try CustomTransform.make(name: name, parameters: [:])
        case .mapping(let entries) where entries.count == 1:
            var parameters: [String: Double] = [:]
            if case .mapping(let params) = entries[0].value {
                for p in params { parameters[p.key] = p.value.doubleValue }
            }
            return try CustomTransform.make(name: entries[0].key, parameters: parameters)
        case .mapping(let entries):
            guard let name = entries.first(where: { $0.key == "name" })?.value.stringValue else {
                throw TrainingError("augmentations: an item needs a name, e.g. {Blur: {p: 0.5}}")
            }
            var parameters: [String: Double] = [:]
            for e in entries where e.key != "name" { parameters[e.key] = e.value.doubleValue }
            return try CustomTransform.make(name: name, parameters: parameters)
        default:
            throw TrainingError("augmentations: \(item.commandLineText) is not a transform; write e.g. augmentations=[{Blur: {p: 0.5}}]")
        }
    }

    /// `project/name` (`runs/detect/train`, `train2`, … unless `exist_ok`), as val and predict name theirs.
    static func runFolder(_ c: Configuration, currentDirectory: URL) throws -> URL {
        ValMode.runFolder(c, defaultName: "train", currentDirectory: currentDirectory)
    }
}
