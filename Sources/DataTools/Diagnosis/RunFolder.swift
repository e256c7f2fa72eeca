import Foundation
import YOLOData

/// Reads everything `yolo diagnose` looks at in a run folder and its dataset, and diagnoses it.
public enum RunFolder {
    /// Per-class metric files looked for in the run folder (the first found is used).
    public static let perClassFiles = ["per_class.csv", "val_per_class.csv"]

    /// Diagnoses the run in `run`: results.csv (required), args.yaml, per-class metrics, and, when args.yaml names a
    /// readable `data`, the dataset's stats and leakage check. Relative `data` paths resolve against
    /// `currentDirectory`, then against the run folder's parents.
    public static func diagnose(_ run: URL, currentDirectory: URL, threshold: Int = 10) throws -> Diagnosis {
        var notes: [String] = []
        let history = try RunHistory(contentsOf: run.appendingPathComponent("results.csv"))
        let args = RunArgs(contentsOf: run.appendingPathComponent("args.yaml"))
        if args == nil { notes.append("no args.yaml in \(run.path): actions use the default hyperparameters") }
        var perClass: PerClassMetrics?
        if let file = perClassFiles.map({ run.appendingPathComponent($0) }).first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            perClass = try PerClassMetrics(csv: (try? String(contentsOf: file, encoding: .utf8)) ?? "", file: file.path)
        } else {
            notes.append("no per-class metrics (\(perClassFiles.joined(separator: " or "))) in the run folder: class imbalance is judged from the dataset only")
        }
        var stats: DatasetStats?
        var leakage: LeakageReport?
        if let data = args?["data"] {
            if let yaml = resolve(data, currentDirectory: currentDirectory, run: run) {
                do {
                    let dataset = try DatasetConfig(contentsOf: yaml)
                    let splits = try dataset.loadAvailableSplits()
                    let imgsz = Int(args?.number("imgsz", default: 640) ?? 640)
                    stats = DatasetStats(names: dataset.names, splits: splits, imageSize: imgsz)
                    leakage = LeakageCheck.run(splits.map { ($0.split, $0.images.map(\.imageFile)) }, threshold: threshold)
                } catch {
                    notes.append("dataset \(yaml.path) could not be read (\(error)): diagnosed without its stats and leakage check")
                }
            } else {
                notes.append("data=\(data) from args.yaml not found: diagnosed without the dataset's stats and leakage check")
            }
        }
        let findings = RunDiagnoser(history: history, args: args ?? RunArgs(), perClass: perClass, stats: stats,
                                    leakage: leakage).diagnose()
        return Diagnosis(findings: findings, notes: notes)
    }

    static func resolve(_ path: String, currentDirectory: URL, run: URL) -> URL? {
        var bases = [currentDirectory]
        var folder = run
        for _ in 0..<4 { folder.deleteLastPathComponent(); bases.append(folder) }
        let candidates = path.hasPrefix("/") ? [URL(fileURLWithPath: path)]
            : bases.map { URL(fileURLWithPath: path, relativeTo: $0).standardizedFileURL }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }
}

extension DatasetConfig {
    /// Scans every split the yaml names, without writing label caches (the data tools only read); a split listed
    /// twice (val = train, as coco128) is scanned for each name, so its pictures count as shared.
    public func loadAvailableSplits() throws -> [LabeledSplit] {
        try DatasetSplit.allCases.filter { sources[$0] != nil }.map { try load($0, options: ScanOptions(useCache: false)) }
    }
}
