import Foundation

/// Settings of one training run (Ultralytics' key names in comments; defaults from default.yaml).
public struct TrainOptions: Sendable {
    public var model = "yolo26n.yaml"          // model
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
    public init(data: URL, saveDir: URL) {
        self.data = data
        self.saveDir = saveDir
    }
}

/// One epoch's row of results.csv.
public struct EpochResult: Sendable {
    public var epoch: Int
    public var seconds: Double
    public var trainLoss: [Float]
    public var metrics: [(key: String, value: Double)]
    public var valLoss: [Float]
    public var learningRates: [Double]

    /// mAP50-95, the reference's fitness.
    public var fitness: Double { metrics.first { $0.key == "metrics/mAP50-95(B)" }?.value ?? 0 }
}
