import Configuration
import Foundation
import Kernels
import Training

/// Entry point of the `yolo` command: parses `yolo [TASK] MODE key=value ...` and runs the routine.
public enum YOLOCommand {
    /// The project version printed by `yolo version`.
    public static let version = "0.1.0"

    /// Runs the command line `arguments` (without the program name); returns the exit status.
    public static func main(_ arguments: [String], output: (String) -> Void = { print($0) },
                            errors: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) -> Int32 {
        let command: Command
        do {
            command = try CommandLineParser.parse(arguments)
        } catch {
            errors("error: \(error)")
            return 2
        }
        do {
            switch command {
            case .help(let topic):
                output(HelpText.text(for: topic))
            case .version:
                output(version)
            case .printDefaults:
                output(HelpText.defaults)
            case .run(let request):
                for w in request.warnings { errors("warning: \(w)") }
                return try run(request, output: output, errors: errors)
            case .checks:
                output(Checks.report())
            case .settings(let action):
                let store = SettingsStore()
                let settings: Settings
                switch action {
                case .show:
                    let loaded = store.load()
                    for note in loaded.notes { errors("warning: \(note)") }
                    settings = loaded.settings
                case .update(let assignments):
                    let updated = try store.update(assignments)
                    for note in updated.notes { errors("warning: \(note)") }
                    settings = updated.settings
                case .reset:
                    settings = try store.reset()
                }
                output(store.report(settings))
            case .copyDefaults:
                let url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("default_copy.yaml")
                try HelpText.defaults.write(to: url, atomically: true, encoding: .utf8)
                output("\(url.path) created as a copy of the default configuration. Edit it and run 'yolo cfg=\(url.lastPathComponent)'.")
            }
            return 0
        } catch {
            errors("error: \(error)")
            return 1
        }
    }

    static func run(_ request: RunRequest, output: (String) -> Void, errors: (String) -> Void) throws -> Int32 {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        switch request.routine {
        case .learn:
            let job = LearnJob(options: LearnMode.options(request.configuration))
            _ = job.run(log: output)
            return 0
        case .train:
            return try withoutActuallyEscaping(output) { log in
                try TrainMode.run(request.configuration, currentDirectory: cwd, output: log)
            }
        case .dataPreview:
            try DataPreviewMode.run(request.configuration, currentDirectory: cwd, output: output)
            return 0
        case .info:
            let model = request.configuration.model ?? "yolo26n.yaml"
            output(try ModelInfo.summary(model: model, imgsz: request.configuration.imgsz.square))
            return 0
        case .val:
            return try ValMode.run(request.configuration, currentDirectory: cwd, output: output, errors: errors)
        case .predict:
            return try PredictMode.run(request.configuration, currentDirectory: cwd, output: output, errors: errors)
        case .dataSplit:
            return try DataSplitMode.run(request.configuration, currentDirectory: cwd, output: output, errors: errors)
        case .dataCheck:
            return try DataCheckMode.run(request.configuration, currentDirectory: cwd, output: output, errors: errors)
        case .dataStats:
            return try DataStatsMode.run(request.configuration, currentDirectory: cwd, output: output, errors: errors)
        case .diagnose:
            return try DiagnoseMode.run(request.configuration, currentDirectory: cwd, output: output, errors: errors)
        default:
            errors("error: `yolo \(request.routine.commandName)` is not implemented yet; available now: yolo train, yolo learn, yolo info, yolo data preview, yolo help, yolo version, yolo checks, yolo settings, yolo copy-cfg")
            return 2
        }
    }
}

/// The machine report of `yolo checks`.
enum Checks {
    static func report() -> String {
        let info = ProcessInfo.processInfo
        let memory = Double(info.physicalMemory) / 1_073_741_824
        return """
        yolo \(YOLOCommand.version)
        OS          \(info.operatingSystemVersionString)
        CPU cores   \(info.activeProcessorCount)
        memory      \(String(format: "%.1f", memory)) GiB
        oneDNN      \(dnnlVersionString()) (ISA \(DNNLContext.shared.isaName))
        """
    }
}
