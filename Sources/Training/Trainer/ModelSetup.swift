import Foundation
import Models
import NN
import Tensors
import TorchFormat

/// The model a run starts from: a yaml (random weights), a `.pt` (its weights; transferred by name and shape when the
/// dataset's class count differs), `pretrained=x.pt` (transfer), or the run's own `last.pt` when resuming.
struct ModelSetup {
    let model: DetectionModel
    let ema: DetectionModel
    /// The decoded checkpoint when resuming (optimizer, EMA, state).
    let resumeCheckpoint: TorchCheckpoint?
    /// Console lines ("Transferred 702/708 items from yolo26n.pt", …).
    let notes: [String]

    init(options o: TrainOptions, nc: Int) throws {
        var notes: [String] = []
        let seed = UInt64(max(o.seed, 0))
        if let resume = o.resumeFrom {
            let checkpoint = try TorchCheckpoint(contentsOf: resume)
            let loaded = try CheckpointLoader.load(checkpoint, key: checkpoint["model"].map { $0 == .none } == false ? "model" : nil)
            guard loaded.model.nc == nc else {
                throw CheckpointError(file: resume.path, problem: "its model has \(loaded.model.nc) classes but the dataset \(nc); resume with the data= the run was started with")
            }
            let ema = try DetectionModel(loaded.model.definition, nc: nc, seed: seed)
            if checkpoint["ema"].map({ $0 != .none }) == true {
                try ema.load(weights: try checkpoint.stateDict("ema"), file: resume.path)
            } else {
                try ema.load(weights: loaded.model.torchStateDict(), file: resume.path)
            }
            model = loaded.model
            self.ema = ema
            resumeCheckpoint = checkpoint
            self.notes = ["Resuming training \(resume.path) from epoch \((checkpoint["epoch"]?.intValue ?? -1) + 2)"]
            return
        }
        resumeCheckpoint = nil
        if o.model.hasSuffix(".pt") {
            let url = URL(fileURLWithPath: o.model)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CheckpointError(file: o.model, problem: "no such file; give the path of a .pt checkpoint (e.g. runs/detect/train/weights/best.pt) or a model yaml such as yolo26n.yaml")
            }
            let loaded = try CheckpointLoader.load(contentsOf: url)
            let definition = loaded.model.definition
            if o.pretrained == .disabled {
                model = try DetectionModel(definition, nc: nc, seed: seed)
                notes.append("pretrained=False: \(url.lastPathComponent)'s architecture with random weights")
            } else if loaded.model.nc == nc {
                model = loaded.model
                notes.append("Transferred \(model.stateDict().count)/\(model.stateDict().count) items from \(url.lastPathComponent)")
            } else {
                model = try DetectionModel(definition, nc: nc, seed: seed)
                let report = model.transfer(from: loaded.model.torchStateDict(), file: url.path)
                notes.append(report.message)
                notes.append("the class head was re-initialised: \(url.lastPathComponent) has nc=\(loaded.model.nc), the dataset nc=\(nc)")
            }
        } else {
            model = try DetectionModel(try ModelInfo.definition(named: o.model), nc: nc, seed: seed)
        }
        if case .file(let url) = o.pretrained {
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CheckpointError(file: url.path, problem: "pretrained= names no file; give a .pt checkpoint or pretrained=False")
            }
            let checkpoint = try TorchCheckpoint(contentsOf: url)
            let source = try CheckpointLoader.load(checkpoint)
            notes.append(model.transfer(from: source.model.torchStateDict(), file: url.path).message)
        }
        ema = try DetectionModel(model.definition, nc: nc, seed: seed)
        self.notes = notes
    }

    /// Freezes the parameters of layers `model.{i}.` for `layers` and, as the reference always does, the DFL conv.
    static func freeze(_ model: DetectionModel, layers: [Int]) -> [String] {
        let prefixes = layers.map { "model.\($0)." }
        var frozen: [String] = []
        for (name, tensor) in model.namedParameters()
        where name.contains(".dfl") || prefixes.contains(where: { name.hasPrefix($0) }) {
            tensor.requiringGrad(false)
            if !name.contains(".dfl") { frozen.append(name) }
        }
        return frozen
    }
}
