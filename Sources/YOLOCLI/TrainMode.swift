import Configuration
import Foundation
import Training

/// `yolo train`: the resolved configuration as `TrainOptions`, the run folder (`runs/detect/train`, `train2`, …).
enum TrainMode {
    static func options(_ c: Configuration, currentDirectory: URL) throws -> TrainOptions {
        guard let data = c.data else {
            throw TrainingError("yolo train needs data=path/to/data.yaml (a YOLO-format dataset description)")
        }
        let dataURL = URL(fileURLWithPath: data, relativeTo: currentDirectory).standardizedFileURL
        guard FileManager.default.fileExists(atPath: dataURL.path) else {
            throw TrainingError("data=\(data): no such file (looked at \(dataURL.path)); give the path of your data.yaml")
        }
        let batch: Int
        switch c.batch {
        case .fixed(let n): batch = n
        case .auto, .memoryFraction:
            throw TrainingError("batch=-1 (AutoBatch) is not implemented yet; give a batch size, e.g. batch=16")
        }
        var o = TrainOptions(data: dataURL, saveDir: try runFolder(c, currentDirectory: currentDirectory))
        o.model = c.model ?? "yolo26n.yaml"
        o.epochs = c.epochs
        o.imgsz = c.imgsz.square
        o.batch = batch
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
        return o
    }

    /// `project/name`, with 2, 3, … appended to the name unless `exist_ok` (the reference's increment_path).
    static func runFolder(_ c: Configuration, currentDirectory: URL) throws -> URL {
        let project = URL(fileURLWithPath: c.project ?? "runs/detect", relativeTo: currentDirectory).standardizedFileURL
        let name = c.name ?? "train"
        var candidate = project.appendingPathComponent(name)
        if !c.existOk {
            var n = 2
            while FileManager.default.fileExists(atPath: candidate.path) {
                candidate = project.appendingPathComponent("\(name)\(n)")
                n += 1
            }
        }
        return candidate
    }
}
