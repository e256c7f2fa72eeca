import Configuration
import Foundation
import Training

/// `yolo Diagnose` (stub until its issue lands: the helper that owns this file replaces it).
enum DiagnoseMode {
    static func run(_ c: Configuration, currentDirectory: URL, output: (String) -> Void, errors: (String) -> Void) throws -> Int32 {
        throw TrainingError("this mode is not implemented yet")
    }
}
