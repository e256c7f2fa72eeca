import Foundation
import TorchFormat
import YOLOData

/// Settings of one training run (Ultralytics' key names in comments; defaults from default.yaml).
public struct TrainOptions: @unchecked Sendable {
    public var model = "yolo26n.yaml"          // model: a yaml name/file or a .pt checkpoint
    public var data: URL                       // data
    public var epochs = 100                    // epochs
    public var imgsz = 640                     // imgsz
    public var batch = 16                      // batch
    public var workers = 2                     // workers
    public var seed = 0                        // seed
    public var optimizer = "auto"              // optimizer
    public var lr0 = 0.01, lrf = 0.01, momentum = 0.937, weightDecay = 0.0005
    public var warmupEpochs = 3.0, warmupMomentum = 0.8, warmupBiasLR = 0.1
    public var box: Float = 7.5, cls: Float = 0.5, dfl: Float = 1.5
    public var nbs = 64
    public var cosLR = false
    public var closeMosaic = 10
    public var validate = true                 // val
    public var saveDir: URL                    // project/name
    /// `pretrained`: true (weights of a .pt model), false (from scratch), or a .pt file to transfer from.
    public var pretrained = PretrainedSource.enabled
    /// `patience`: epochs without fitness improvement before stopping (0 = never).
    public var patience = 100
    /// `save_period`: also keep `epoch{N}.pt` every N epochs (< 1 = off).
    public var savePeriod = -1
    /// `time`: training budget in hours (overrides epochs when set).
    public var time: Double?
    /// `freeze`: indices of the layers whose parameters are not trained.
    public var freeze: [Int] = []
    /// Augmentation hyperparameters (`hsv_h` … `cutmix`, custom transforms).
    public var augmentation = AugmentationSettings()
    /// `sampler`: `uniform` or `balanced` (repeat-factor sampling of images with rare classes).
    public var sampler = "uniform"
    /// `fraction`: share of the training images used.
    public var fraction = 1.0
    /// `cache`: keep decoded images in RAM or on disk.
    public var cache = ImageCacheMode.none
    /// `single_cls`: every box is class 0.
    public var singleClass = false
    /// `plots`, as recorded (the callbacks read it; the trainer only passes it on).
    public var plots = true
    /// `resume`: the checkpoint to continue from (set by the resume logic, not by users directly).
    public var resumeFrom: URL?
    /// The resolved configuration as args.yaml writes it (key, value text) for callbacks.
    public var arguments: [(key: String, value: String)] = []
    /// The resolved configuration as the checkpoint's `train_args` dict.
    public var trainArgs: [(String, PickleValue)] = []
    public init(data: URL, saveDir: URL) {
        self.data = data
        self.saveDir = saveDir
    }
}

/// Where the starting weights come from (`pretrained=`).
public enum PretrainedSource: Sendable, Equatable {
    /// The weights of `model=x.pt` (a yaml model starts from random weights).
    case enabled
    /// Random weights even for `model=x.pt` (its architecture only).
    case disabled
    /// Transfer the matching tensors of this checkpoint.
    case file(URL)
}

/// One epoch's row of results.csv.
public struct EpochResult: Sendable {
    public var epoch: Int
    public var seconds: Double
    public var trainLoss: [Float]
    public var metrics: [(key: String, value: Double)]
    public var valLoss: [Float]
    public var learningRates: [Double]

    public init(epoch: Int, seconds: Double, trainLoss: [Float], metrics: [(key: String, value: Double)],
                valLoss: [Float], learningRates: [Double]) {
        self.epoch = epoch
        self.seconds = seconds
        self.trainLoss = trainLoss
        self.metrics = metrics
        self.valLoss = valLoss
        self.learningRates = learningRates
    }

    /// mAP50-95, the reference's fitness.
    public var fitness: Double { metrics.first { $0.key == "metrics/mAP50-95(B)" }?.value ?? 0 }
}

/// What a training call produced: the run folder and this session's epochs.
public struct TrainingOutcome: Sendable {
    public var saveDir: URL
    public var results: [EpochResult]
    public init(saveDir: URL, results: [EpochResult]) {
        self.saveDir = saveDir
        self.results = results
    }
    /// `weights/best.pt` and `weights/last.pt`.
    public var best: URL { saveDir.appendingPathComponent("weights/best.pt") }
    public var last: URL { saveDir.appendingPathComponent("weights/last.pt") }
}
