import Configuration
import DataTools
import Foundation
import Training

/// `yolo data split path=<images> [weights=0.9,0.1,0.0 seed=0 stratify=True group=<regex> annotated_only=False
/// move=False]`: the reference's autosplit_*.txt lists (or an images/{train,val,test} layout), seeded and stratified.
enum DataSplitMode {
    static func run(_ c: Configuration, currentDirectory: URL, output: (String) -> Void, errors: (String) -> Void) throws -> Int32 {
        guard let path = c.path else {
            throw TrainingError("yolo data split needs path=<images folder>, e.g. yolo data split path=datasets/my_dataset/images weights=0.8,0.2")
        }
        let folder = URL(fileURLWithPath: path, relativeTo: currentDirectory).standardizedFileURL
        let result: AutosplitResult
        do {
            result = try autosplit(path: folder, weights: c.weights, seed: c.seed, stratify: c.stratify, group: c.group,
                                   annotatedOnly: c.annotatedOnly, move: c.move)
        } catch let error as SplitError {
            throw TrainingError(error.description)
        }
        let names = AutosplitResult.splitNames
        let counts = names.indices.map { "\(result.counts[$0]) \(names[$0])" }.joined(separator: ", ")
        let grouping = c.group.map { ", \(result.groupCount) groups by '\($0)'" } ?? ""
        output("Autosplitting \(result.assignments.count) images from \(folder.path)\(c.annotatedOnly ? " (labelled images only)" : ""): \(counts)\(grouping)\(c.stratify ? ", stratified by class" : "")")
        for url in result.written { output("  \(c.move ? "folder" : "wrote") \(url.path)") }
        if c.move {
            output("Use train: \(folder.lastPathComponent)/train, val: \(folder.lastPathComponent)/val in your data.yaml")
        } else {
            output("Use train: autosplit_train.txt, val: autosplit_val.txt in your data.yaml (paths relative to \(folder.deletingLastPathComponent().path))")
        }
        return 0
    }
}
