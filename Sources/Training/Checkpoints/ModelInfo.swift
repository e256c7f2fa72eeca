import Foundation
import Models

/// `yolo info model=<yaml or .pt> [imgsz=640]`: the reference's one-line model summary.
public enum ModelInfo {
    /// The summary line of `model` — a built-in name (`yolo26n.yaml`), a model yaml file, or a `.pt` checkpoint —
    /// e.g. `YOLO26n summary: 260 layers, 2,572,280 parameters, 2,572,280 gradients, 6.2 GFLOPs` with GFLOPs at
    /// `imgsz`. As in the reference, checkpoints are named after their `yaml_file` and report 0 gradients (their
    /// weights are loaded frozen).
    public static func summary(model: String, imgsz: Int = 640) throws -> String {
        if model.lowercased().hasSuffix(".pt") {
            let loaded = try CheckpointLoader.load(contentsOf: URL(fileURLWithPath: model))
            for (_, tensor) in loaded.model.namedParameters() { tensor.requiringGrad(false) }
            let stem = ((loaded.model.definition.name as NSString).lastPathComponent as NSString).deletingPathExtension
            let title = stem.isEmpty ? "Model" : stem.replacingOccurrences(of: "yolo", with: "YOLO")
            return title + " summary:" + Self.counts(of: loaded.model.summaryLine(imgsz: imgsz))
        }
        return try DetectionModel(definition(named: model)).summaryLine(imgsz: imgsz)
    }

    /// A built-in definition by name, else the yaml file at `path`.
    public static func definition(named path: String) throws -> ModelDefinition {
        if let builtin = try BuiltinModels.definition(path) { return builtin }
        let url = URL(fileURLWithPath: path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw CheckpointError(
                file: path,
                problem: "no such model: not a built-in name (\(BuiltinModels.names.joined(separator: ", ")) "
                    + "with a scale letter, e.g. yolo26n.yaml), a readable yaml file, or a .pt checkpoint")
        }
        return try ModelDefinition(yaml: text, file: url.lastPathComponent)
    }

    /// The part of a summary line after "summary:" (" 260 layers, …").
    private static func counts(of line: String) -> String {
        guard let range = line.range(of: " summary:") else { return " " + line }
        return String(line[range.upperBound...])
    }
}
