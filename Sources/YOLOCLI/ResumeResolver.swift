import Configuration
import Foundation
import TorchFormat
import Training

/// `yolo train resume model=…/last.pt` (or `resume=path`): the run's recorded settings from the checkpoint, the
/// few keys a resume may change, and the run folder to continue in.
enum ResumeResolver {
    /// Keys a resume may change; everything else must match the recorded run.
    static let changeable: Set<String> = ["workers", "device", "batch", "verbose", "plots", "tensorboard", "mlflow",
                                          "resume", "model", "mode", "task", "cfg"]

    struct Resumed {
        var configuration: Configuration
        var checkpoint: URL
        var saveDir: URL
    }

    /// The resumed run, or nil when `c` does not ask to resume.
    static func resolve(_ c: Configuration, currentDirectory cwd: URL, log: (String) -> Void) throws -> Resumed? {
        let path: String
        switch c.resume {
        case .no: return nil
        case .checkpoint(let p): path = p
        case .fromModel:
            guard let model = c.model, model.hasSuffix(".pt") else {
                throw TrainingError("resume needs the checkpoint to continue: yolo train resume model=runs/detect/train/weights/last.pt")
            }
            path = model
        }
        let url = URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TrainingError("resume: \(url.path) does not exist; give the last.pt of the run to continue, e.g. "
                + "yolo train resume model=runs/detect/train/weights/last.pt")
        }
        let checkpoint = try TorchCheckpoint(contentsOf: url)
        guard case .dict(let items)? = checkpoint["train_args"], !items.isEmpty else {
            throw TrainingError("resume: \(url.lastPathComponent) has no recorded training settings (train_args), so it "
                + "cannot be resumed; to fine-tune from its weights start a new run: yolo train model=\(path) data=...")
        }
        var entries: [ConfigEntry] = []
        var saveDir: URL?
        for item in items {
            guard case .string(let key) = item.key else { continue }
            if key == "save_dir", case .string(let dir) = item.value { saveDir = URL(fileURLWithPath: dir); continue }
            entries.append(ConfigEntry(key, ConfigValue(pickle: item.value)))
        }
        var (recorded, skipped) = Configuration.recorded(entries, source: url.lastPathComponent)
        for s in skipped { log("warning: \(s)") }
        var changed: [String] = []
        for key in c.explicitKeys where c[key] != recorded[key] {
            if changeable.contains(key) {
                if key == "batch" { log("warning: resuming with batch=\(c[key].commandLineText) instead of \(recorded[key].commandLineText): the run will not repeat an uninterrupted one exactly") }
                if !["resume", "model", "mode", "task", "cfg"].contains(key) {
                    try recorded.apply(Assignment(key, c[key]))
                }
            } else {
                changed.append("\(key)=\(c[key].commandLineText) (run: \(recorded[key].commandLineText))")
            }
        }
        guard changed.isEmpty else {
            throw TrainingError("resume continues the run as it was started; these keys differ: \(changed.joined(separator: ", ")). "
                + "Only \(changeable.subtracting(["resume", "model", "mode", "task", "cfg"]).sorted().joined(separator: ", ")) may change on resume. "
                + "To train with other settings, start a new run from the weights: yolo train model=\(path) ...")
        }
        let folder = saveDir ?? url.deletingLastPathComponent().deletingLastPathComponent()
        return Resumed(configuration: recorded, checkpoint: url, saveDir: folder)
    }
}
