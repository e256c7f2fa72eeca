import Configuration
import DataTools
import Foundation
import Training

/// `yolo diagnose run=runs/detect/train [threshold=10]`: places a finished (or running) training run on the tutorial's
/// spectrum — overfitting, underfitting, class imbalance, leakage, healthy — with evidence and actions.
enum DiagnoseMode {
    static func run(_ c: Configuration, currentDirectory: URL, output: (String) -> Void, errors: (String) -> Void) throws -> Int32 {
        guard let run = c.run else {
            throw TrainingError("yolo diagnose needs run=<run folder>, e.g. yolo diagnose run=runs/detect/train")
        }
        let folder = URL(fileURLWithPath: run, relativeTo: currentDirectory).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw TrainingError("run=\(run): no such folder (looked at \(folder.path)); give a training run folder such as runs/detect/train")
        }
        let diagnosis: Diagnosis
        do {
            diagnosis = try RunFolder.diagnose(folder, currentDirectory: currentDirectory, threshold: c.threshold)
        } catch let error as DiagnosisError {
            throw TrainingError(error.description)
        }
        output("Diagnosis of \(folder.path)")
        output(diagnosis.report)
        return 0
    }
}
