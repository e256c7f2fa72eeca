import Foundation
import TestSupport
import XCTest
import YOLOCLI
import YOLOData

/// `yolo diagnose` on crafted run folders (results.csv + args.yaml written here), one per verdict.
final class DiagnoseCommandTests: XCTestCase {
    var folder: URL!

    override func setUp() { folder = TestPaths.temporaryDirectory("yolo-diagnose") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// One epoch of a crafted curve: total train loss, total val loss, mAP50, mAP50-95.
    typealias Epoch = (train: Double, val: Double, map50: Double, map: Double)

    /// Writes `runs/detect/<name>` with results.csv in the reference's columns and an args.yaml.
    func writeRun(_ name: String, _ epochs: [Epoch], args: [String: String] = [:]) throws -> String {
        let run = folder.appendingPathComponent("runs/detect/\(name)")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        var csv = "epoch,time,train/box_loss,train/cls_loss,train/dfl_loss,metrics/precision(B),metrics/recall(B),"
            + "metrics/mAP50(B),metrics/mAP50-95(B),val/box_loss,val/cls_loss,val/dfl_loss,lr/pg0,lr/pg1,lr/pg2\n"
        for (k, e) in epochs.enumerated() {
            let values = [Double(k + 1), Double(k) * 10, e.train * 0.4, e.train * 0.35, e.train * 0.25, e.map50 * 0.9, e.map50 * 0.8,
                          e.map50, e.map, e.val * 0.4, e.val * 0.35, e.val * 0.25, 0.01, 0.01, 0.01]
            csv += values.map { String(format: "%.6g", $0) }.joined(separator: ",") + "\n"
        }
        try csv.write(to: run.appendingPathComponent("results.csv"), atomically: true, encoding: .utf8)
        var all = ["task": "detect", "mode": "train", "model": "yolo26n.yaml", "epochs": "\(epochs.count)", "lr0": "0.01",
                   "weight_decay": "0.0005", "imgsz": "64", "mosaic": "1.0"]
        all.merge(args) { $1 }
        try all.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
            .write(to: run.appendingPathComponent("args.yaml"), atomically: true, encoding: .utf8)
        return "runs/detect/\(name)"
    }

    func diagnose(_ run: String) -> (status: Int32, output: String, errors: String) {
        var out: [String] = [], err: [String] = []
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let status = YOLOCommand.main(["diagnose", "run=\(run)"], output: { out.append($0) }, errors: { err.append($0) })
        return (status, out.joined(separator: "\n"), err.joined(separator: "\n"))
    }

    func verdict(_ output: String) -> String {
        output.split(separator: "\n").first { $0.hasPrefix("verdict: ") }.map { String($0.dropFirst(9)) } ?? "none"
    }

    /// Losses converging, mAP climbing.
    static let healthyCurve: [Epoch] = (0..<30).map { k in
        let x = Double(k)
        return (1.2 + 1.8 * exp(-x / 8), 1.4 + 1.8 * exp(-x / 8), 0.7 - 0.6 * exp(-x / 10), 0.45 - 0.4 * exp(-x / 10))
    }

    func testHealthy() throws {
        let r = diagnose(try writeRun("healthy", Self.healthyCurve))
        XCTAssertEqual(r.status, 0, r.errors)
        XCTAssertEqual(verdict(r.output), "HEALTHY", r.output)
        XCTAssertTrue(r.output.contains("continue training"), r.output)
        XCTAssertTrue(r.output.contains("no per-class metrics"), r.output)
    }

    func testOverfitting() throws {
        let curve: [Epoch] = (0..<40).map { k in
            let x = Double(k)
            let val = k <= 12 ? 3.2 - 0.12 * x : 1.76 + 0.05 * (x - 12)
            let map = k <= 12 ? 0.03 * x : 0.36 - 0.004 * (x - 12)
            return (3.0 - 0.06 * x, val, min(0.9, map * 1.6), map)
        }
        let r = diagnose(try writeRun("over", curve, args: ["weight_decay": "0.0005"]))
        XCTAssertEqual(verdict(r.output), "OVERFITTING", r.output)
        XCTAssertTrue(r.output.contains("val loss lowest at epoch 13"), r.output)
        XCTAssertTrue(r.output.contains("raise `weight_decay` from 0.0005 to 0.005"), r.output)
        XCTAssertTrue(r.output.contains("set `patience="), r.output)
        XCTAssertTrue(r.output.contains("val mAP50-95 peaked at 0.360 (epoch 13)"), r.output)
    }

    func testUnderfitting() throws {
        let curve: [Epoch] = (0..<30).map { k in
            let x = Double(k)
            return (3.0 - 0.004 * x, 3.1 - 0.003 * x, 0.01 + 0.0005 * x, 0.004 + 0.0002 * x)
        }
        let r = diagnose(try writeRun("under", curve, args: ["model": "yolo26n.yaml", "lr0": "0.001"]))
        XCTAssertEqual(verdict(r.output), "UNDERFITTING", r.output)
        XCTAssertTrue(r.output.contains("use a bigger scale: yolo26s.yaml"), r.output)
        XCTAssertTrue(r.output.contains("raise `lr0` from 0.001 to 0.002"), r.output)
        XCTAssertTrue(r.output.contains("`epochs=100`"), r.output)
    }

    func testLeakageFromSuspiciouslyPerfectMetrics() throws {
        let curve: [Epoch] = (0..<20).map { k in
            let x = Double(k)
            return (1.0 + 2.0 * exp(-x / 5), 0.4 + 2.0 * exp(-x / 5), 0.995 - 0.5 * exp(-x / 3), 0.97 - 0.6 * exp(-x / 3))
        }
        let r = diagnose(try writeRun("perfect", curve))
        XCTAssertEqual(verdict(r.output), "LEAKAGE", r.output)
        XCTAssertTrue(r.output.contains("val metrics suspiciously perfect"), r.output)
        XCTAssertTrue(r.output.contains("yolo data split"), r.output)
    }

    func testLeakageFromDuplicatesInTheDataset() throws {
        let (root, planted) = try DataCommandTests.leakyRaccoon()
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let r = diagnose(try writeRun("leaky", Self.healthyCurve, args: ["data": root.appendingPathComponent("data.yaml").path]))
        XCTAssertEqual(verdict(r.output), "LEAKAGE", r.output)
        XCTAssertTrue(r.output.contains("5 images appear in more than one split (3 exact, 2 near copies)"), r.output)
        for pair in planted { XCTAssertTrue(r.output.contains("\(pair[0]) ↔ val \(pair[1])"), "\(pair):\n\(r.output)") }
        // The clean dataset with the same curves is healthy.
        for pair in planted { try FileManager.default.removeItem(atPath: pair[0]) }
        let clean = diagnose(try writeRun("clean", Self.healthyCurve, args: ["data": root.appendingPathComponent("data.yaml").path]))
        XCTAssertEqual(verdict(clean.output), "HEALTHY", clean.output)
    }

    func testClassImbalanceFromStatsAndPerClassMetrics() throws {
        // A 20:1 dataset: 40 common boxes, 2 rare ones.
        let data = folder.appendingPathComponent("imbalanced")
        for split in ["train", "val"] {
            let labels = data.appendingPathComponent("labels/\(split)"), images = data.appendingPathComponent("images/\(split)")
            try FileManager.default.createDirectory(at: labels, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
            for k in 0..<(split == "train" ? 42 : 4) {
                try Data(try JPEGCodec.encode(Self.blocks(seed: k + (split == "val" ? 100 : 0)), quality: 90))
                    .write(to: images.appendingPathComponent("\(k).jpg"))
                try "\(k < (split == "train" ? 40 : 3) ? 0 : 1) 0.5 0.5 0.3 0.3\n"
                    .write(to: labels.appendingPathComponent("\(k).txt"), atomically: true, encoding: .utf8)
            }
        }
        try "path: .\ntrain: images/train\nval: images/val\nnames:\n  0: empty\n  1: car\n"
            .write(to: data.appendingPathComponent("data.yaml"), atomically: true, encoding: .utf8)
        let run = try writeRun("imbalance", Self.healthyCurve, args: ["data": "imbalanced/data.yaml"])
        let r = diagnose(run)
        XCTAssertEqual(verdict(r.output), "CLASS IMBALANCE", r.output)
        XCTAssertTrue(r.output.contains("train instances: empty 40 vs car 2 (ratio 20:1)"), r.output)
        XCTAssertTrue(r.output.contains("oversample the minority classes: `sampler=balanced`"), r.output)

        // Per-class metrics alone (no dataset) also show it: the rare class's AP far below the rest.
        let other = try writeRun("perclass", Self.healthyCurve)
        try "Class,Images,Instances,Box-P,Box-R,Box-F1,mAP50,mAP50-95\nall,50,300,0.6,0.5,0.55,0.6,0.4\n"
            .appending("person,40,250,0.7,0.6,0.65,0.8,0.55\ncar,30,45,0.6,0.5,0.55,0.6,0.42\nbus,2,3,0.1,0.05,0.07,0.05,0.02\n")
            .write(to: folder.appendingPathComponent(other + "/per_class.csv"), atomically: true, encoding: .utf8)
        let p = diagnose(other)
        XCTAssertEqual(verdict(p.output), "CLASS IMBALANCE", p.output)
        XCTAssertTrue(p.output.contains("rare-class mAP50-95 0.020 (bus 3 inst.) vs 0.485"), p.output)
    }

    /// A 64×64 picture of random 8×8 grey blocks (distinct perceptual hashes for distinct seeds).
    static func blocks(seed: Int) -> Image {
        var random = DataRandom(seed: seed, stream: 1)
        var image = Image(width: 64, height: 64, fill: 0)
        for by in 0..<8 { for bx in 0..<8 {
            let level = UInt8(random.index(below: 256))
            for y in (by * 8)..<(by * 8 + 8) { for x in (bx * 8)..<(bx * 8 + 8) { for c in 0..<3 { image.pixels[(y * 64 + x) * 3 + c] = level } } }
        } }
        return image
    }

    func testSeveralFindingsAtOnce() throws {
        let curve: [Epoch] = (0..<30).map { k in
            let x = Double(k)
            return (3.0 - 0.08 * x, k <= 8 ? 3.0 - 0.1 * x : 2.2 + 0.06 * (x - 8), 0.5 + 0.02 * min(x, 8), 0.3 + 0.01 * min(x, 8))
        }
        let run = try writeRun("both", curve, args: ["mosaic": "0.0", "fliplr": "0.0"])
        try "Class,Instances,mAP50,mAP50-95\nperson,400,0.8,0.5\ndog,300,0.7,0.45\ncat,200,0.7,0.4\nbus,4,0.05,0.01\n"
            .write(to: folder.appendingPathComponent(run + "/per_class.csv"), atomically: true, encoding: .utf8)
        let r = diagnose(run)
        XCTAssertEqual(verdict(r.output), "OVERFITTING + CLASS IMBALANCE", r.output)
        XCTAssertTrue(r.output.contains("turn augmentation back on: `mosaic=1.0` `fliplr=0.5`"), r.output)
    }

    func testErrorsNameTheRunFolder() throws {
        let missing = diagnose("runs/detect/nothere")
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.errors.contains("run=runs/detect/nothere: no such folder"), missing.errors)
        let empty = folder.appendingPathComponent("runs/detect/empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let noCSV = diagnose("runs/detect/empty")
        XCTAssertNotEqual(noCSV.status, 0)
        XCTAssertTrue(noCSV.errors.contains("results.csv"), noCSV.errors)
    }
}
