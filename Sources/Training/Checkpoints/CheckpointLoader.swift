import Foundation
import Models
import TorchFormat

/// A model rebuilt from a `.pt` file, with where its weights came from.
public struct LoadedCheckpoint {
    /// The model, architecture from the checkpoint's `yaml`, every state-dict tensor copied (float32).
    public let model: DetectionModel
    /// The decoded file (for `epoch`, `train_args`, `optimizer` ... when resuming).
    public let checkpoint: TorchCheckpoint
    /// Which entry held the weights: `ema`, `model`, or `state dict` (a plain `torch.save(state_dict)` file).
    public let source: String
    /// Class names stored with the module (`names`), if any, by class index.
    public let names: [Int: String]
}

/// Reads Ultralytics checkpoints (in-training with `ema`, stripped finals with `model`, plain state dicts) and ours.
public enum CheckpointLoader {
    /// Loads `url` into a `DetectionModel` rebuilt from the checkpoint's own architecture.
    ///
    /// - Parameter fallback: the architecture to use when the file has no `yaml` (a plain state-dict file); without
    ///   it such a file is an error that says to give one.
    public static func load(contentsOf url: URL, fallback: ModelDefinition? = nil) throws -> LoadedCheckpoint {
        let checkpoint = try TorchCheckpoint(contentsOf: url)
        return try load(checkpoint, fallback: fallback)
    }

    /// Builds the model of an already decoded checkpoint; `key` picks the weights entry (`model` for our raw trained
    /// weights), by default `ema`, else `model`, else the file as a plain state dict.
    public static func load(
        _ checkpoint: TorchCheckpoint, key: String? = nil,
        fallback: ModelDefinition? = nil
    ) throws -> LoadedCheckpoint {
        let file = checkpoint.name
        let definition: ModelDefinition
        if checkpoint.modelYAML != nil {
            definition = try Self.definition(of: checkpoint)
        } else if let fallback {
            definition = fallback
        } else {
            throw CheckpointError(
                file: file,
                problem: "no model architecture: neither a top-level 'yaml' dict nor a "
                    + "pickled model with one (top-level keys: \(checkpoint.keys.prefix(8).joined(separator: ", "))). "
                    + "A plain state-dict file needs its architecture given separately, e.g. model=yolo26n.yaml "
                    + "pretrained=\((file as NSString).lastPathComponent)")
        }
        let (weights, source) = try key.map { (try checkpoint.stateDict($0), $0) } ?? stateDict(of: checkpoint)
        let model: DetectionModel
        do {
            model = try DetectionModel(definition)
        } catch {
            throw CheckpointError(file: file, problem: "cannot build the model from its yaml: \(error)")
        }
        try model.load(weights: weights, file: file)
        return LoadedCheckpoint(model: model, checkpoint: checkpoint, source: source, names: names(in: checkpoint))
    }

    /// The architecture stored in the checkpoint: its `yaml` dict parsed as a model yaml, at the dict's `scale`
    /// (or, when that is empty, the first scale listed, as the reference's `parse_model` picks it). The definition is
    /// named after the dict's `yaml_file` (so summaries read `YOLO26n`), else after the `.pt` file.
    public static func definition(of checkpoint: TorchCheckpoint) throws -> ModelDefinition {
        guard let yaml = checkpoint.modelYAML else {
            throw CheckpointError(file: checkpoint.name, problem: "no 'yaml' architecture entry in the checkpoint")
        }
        let text: String
        do {
            text = try yaml.yamlFlowText()
        } catch {
            throw CheckpointError(file: checkpoint.name, problem: "the 'yaml' entry cannot be read as YAML: \(error)")
        }
        var scale = yaml["scale"]?.stringValue ?? ""
        if scale.isEmpty, let first = yaml["scales"]?.stringKeys.first { scale = first }
        let yamlFile = yaml["yaml_file"]?.stringValue.map { ($0 as NSString).lastPathComponent } ?? ""
        let name = yamlFile.isEmpty ? (checkpoint.name as NSString).lastPathComponent : yamlFile
        do {
            return try ModelDefinition(yaml: text, file: name, scale: scale.isEmpty ? nil : scale)
        } catch {
            throw CheckpointError(file: checkpoint.name, problem: "the stored model yaml is not usable: \(error)")
        }
    }

    /// The weights (`ema`, else `model`, else the file itself as a state dict) and which one it was.
    static func stateDict(of checkpoint: TorchCheckpoint) throws -> (TorchStateDict, String) {
        for key in ["ema", "model"] {
            if let value = checkpoint[key], !value.isNone { return (try checkpoint.stateDict(key), key) }
        }
        return (try checkpoint.stateDict(), "state dict")
    }

    /// `names` of the pickled module (`{0: 'circle', ...}`) or of our checkpoints' top level.
    static func names(in checkpoint: TorchCheckpoint) -> [Int: String] {
        let candidates = [checkpoint["ema"]?["names"], checkpoint["model"]?["names"], checkpoint["names"]]
        for case let items? in candidates.map({ $0?.dictItems }) {
            var names: [Int: String] = [:]
            for item in items {
                if let index = item.key.intValue, let name = item.value.stringValue { names[index] = name }
            }
            if !names.isEmpty { return names }
        }
        return [:]
    }
}
