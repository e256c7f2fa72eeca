import Foundation
import TestSupport
import XCTest

/// `yolo diagnose` on runs our trainer really produced (issue 9): an overfitting run and a leaky dataset.
final class DiagnoseRealRunTests: XCTestCase {
    var folder: URL!

    override func setUp() { folder = TestPaths.temporaryDirectory("yolo-diagnose-real") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// Augmentation off, so the model sees the very same pictures every epoch.
    static let noAugmentation = ["mosaic=0", "fliplr=0", "hsv_h=0", "hsv_s=0", "hsv_v=0", "translate=0", "scale=0"]

    /// The `verdict:` line of a diagnosis, split into its verdicts.
    func verdicts(_ output: String) -> [String] {
        output.split(separator: "\n").first { $0.hasPrefix("verdict: ") }
            .map { $0.dropFirst(9).components(separatedBy: " + ") } ?? []
    }

    /// Total (box + cls + l1/dfl) train and val loss per epoch from results.csv, for the failure message.
    func losses(_ run: URL) throws -> String {
        let lines = try String(contentsOf: run.appendingPathComponent("results.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.dropFirst().map { line -> String in
            let v = line.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) ?? .nan }
            func total(_ prefix: String) -> Double {
                header.indices.filter { header[$0].hasPrefix(prefix) }.map { v[$0] }.reduce(0, +)
            }
            let map = header.firstIndex(of: "metrics/mAP50-95(B)").map { v[$0] } ?? .nan
            return String(format: "%.0f: train %.3f val %.3f mAP50-95 %.3f", v[0], total("train/"), total("val/"), map)
        }.joined(separator: "\n")
    }

    /// coco8's 4 train images, no augmentation, 60 epochs, validated on its 4 other images every epoch. An optimizer
    /// step every batch (nbs=batch=2; with the default nbs=64 it steps every 32 epochs) at a fixed AdamW lr0=0.005
    /// (auto would pick lr 0.000119 for 80 classes), and batch 2 so the BatchNorm running statistics the validation
    /// uses catch up: train loss falls ~80 % while val loss rises ~8 % from its low (measured 2026-11-27, ~70 s).
    func testARealOverfittingRun() throws {
        let train = GoldenCLI.run(["train", "data=\(GoldenCLI.coco8)", "model=yolo26n.yaml", "epochs=60", "imgsz=64", "batch=2",
                                   "nbs=2", "optimizer=AdamW", "lr0=0.005", "warmup_epochs=0", "workers=1", "val=True",
                                   "plots=False"] + Self.noAugmentation, in: folder)
        XCTAssertEqual(train.status, 0, train.errors)
        let run = folder.appendingPathComponent("runs/detect/train")
        let d = GoldenCLI.run(["diagnose", "run=runs/detect/train"], in: folder)
        XCTAssertEqual(d.status, 0, d.errors)
        let curve = try losses(run)
        XCTAssertTrue(verdicts(d.output).contains("OVERFITTING"), "\(d.output)\n\(curve)")
        XCTAssertTrue(d.output.contains("turn augmentation back on: `mosaic=1.0`"), d.output)
        XCTAssertFalse(verdicts(d.output).contains("LEAKAGE"), "coco8's splits are distinct: \(d.output)")
    }

    /// A dataset whose val images are copies of its train images: the trainer warns and `yolo diagnose` finds the leak.
    func testARealLeakageCase() throws {
        let coco8 = TestPaths.dataset("coco8")
        let data = folder.appendingPathComponent("leaky")
        let fm = FileManager.default
        for split in ["train", "val"] {
            for kind in ["images", "labels"] {
                let to = data.appendingPathComponent("\(kind)/\(split)")
                try fm.createDirectory(at: to, withIntermediateDirectories: true)
                let from = coco8.appendingPathComponent("\(kind)/train")
                for name in try fm.contentsOfDirectory(atPath: from.path) where !name.hasSuffix(".cache") {
                    try fm.copyItem(at: from.appendingPathComponent(name), to: to.appendingPathComponent(name))
                }
            }
        }
        let names = try String(contentsOfFile: GoldenCLI.coco8, encoding: .utf8).components(separatedBy: "\nnames:\n")[1]
        try "path: \(data.path)\ntrain: images/train\nval: images/val\nnames:\n\(names)"
            .write(to: data.appendingPathComponent("data.yaml"), atomically: true, encoding: .utf8)

        let train = GoldenCLI.run(["train", "data=leaky/data.yaml", "model=yolo26n.yaml", "epochs=3", "imgsz=64", "batch=4",
                                   "workers=1", "plots=False"], in: folder)
        XCTAssertEqual(train.status, 0, train.errors)
        let warned = (train.output + "\n" + train.errors).lowercased()
        XCTAssertTrue(warned.contains("duplicate") || warned.contains("leak"), "the trainer warns at start:\n\(train.output)")
        let d = GoldenCLI.run(["diagnose", "run=runs/detect/train"], in: folder)
        XCTAssertEqual(d.status, 0, d.errors)
        XCTAssertTrue(verdicts(d.output).contains("LEAKAGE"), d.output)
        XCTAssertTrue(d.output.contains("4 images appear in more than one split (4 exact"), d.output)
        XCTAssertTrue(d.output.contains("yolo data check data="), d.output)
    }
}
