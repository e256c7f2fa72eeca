import Foundation
import Models
import Tensors
import TestSupport
import TorchFormat
import Training
import XCTest

/// `.pt` checkpoints in and out: real Ultralytics files (stripped final, in-training with `ema`, plain state dict)
/// into `DetectionModel`, our writer, the round trip, transfer reports and errors that name the file.
final class CheckpointTests: XCTestCase {
    let last = TestPaths.fixture("TorchFormat/tiny-yolo26-last.pt")
    let resumable = TestPaths.fixture("TorchFormat/tiny-yolo26-resumable.pt")
    let plain = TestPaths.fixture("TorchFormat/tiny-yolo26-state-dict.pt")

    /// Every model tensor equals the file's (converted to Float), in the file's order.
    func assertHoldsExactly(
        _ model: DetectionModel, _ weights: TorchStateDict, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let ours = model.stateDict()
        XCTAssertEqual(ours.map(\.name), weights.names, file: file, line: line)
        for (name, tensor) in ours {
            XCTAssertEqual(tensor.scalars, weights[name]?.floats(), name, file: file, line: line)
        }
    }

    func testStrippedAndResumableCheckpointsRebuildTheirArchitecture() throws {
        for url in [last, resumable] {
            let loaded = try CheckpointLoader.load(contentsOf: url)
            XCTAssertEqual(loaded.model.nc, 3)
            XCTAssertEqual(loaded.model.definition.scale, "n")
            XCTAssertEqual(loaded.model.definition.width, 0.0625)
            XCTAssertEqual(loaded.model.stride, [8, 16, 32])
            XCTAssertEqual(loaded.model.parameterCount, 31_138)  // the reference's info() for this file
            assertHoldsExactly(loaded.model, try loaded.checkpoint.stateDict())
            XCTAssertFalse(loaded.names.isEmpty)
        }
        XCTAssertEqual(try CheckpointLoader.load(contentsOf: resumable).source, "ema")
        XCTAssertEqual(try CheckpointLoader.load(contentsOf: last).source, "model")
    }

    func testPlainStateDictNeedsAnArchitecture() throws {
        XCTAssertThrowsError(try CheckpointLoader.load(contentsOf: plain)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("tiny-yolo26-state-dict.pt") && text.contains("no model architecture"), text)
        }
        let definition = try CheckpointLoader.definition(of: try TorchCheckpoint(contentsOf: last))
        let loaded = try CheckpointLoader.load(contentsOf: plain, fallback: definition)
        XCTAssertEqual(loaded.source, "state dict")
        assertHoldsExactly(loaded.model, try TorchCheckpoint(contentsOf: plain).stateDict())
    }

    func testTransferReportsTheMismatchedClassHead() throws {
        let source = try TorchCheckpoint(contentsOf: last)
        let weights = try source.stateDict()
        let model = try DetectionModel(try CheckpointLoader.definition(of: source), nc: 5)
        let differing = model.stateDict().filter { weights[$0.name]?.shape != $0.tensor.shape }.map(\.name)
        XCTAssertEqual(differing.count, 12, "cv3 and one2one_cv3 final convs (weight, bias) of 3 levels: \(differing)")
        let report = model.transfer(from: weights, file: last.path)
        XCTAssertEqual(report.total, 708)
        XCTAssertEqual(report.transferred, 708 - differing.count)
        XCTAssertEqual(report.message, "Transferred 696/708 items from tiny-yolo26-last.pt")
        XCTAssertEqual(report.skipped.count, differing.count)
        XCTAssertTrue(report.skipped.allSatisfy { $0.contains("cv3.") && $0.contains("[5") }, "\(report.skipped)")
        let kept = model.stateDict().first { $0.name == "model.22.m.0.0.cv1.conv.weight" }!
        XCTAssertEqual(kept.tensor.scalars, weights["model.22.m.0.0.cv1.conv.weight"]?.floats())

        XCTAssertThrowsError(try model.load(weights: weights, file: last.path)) { error in
            let text = "\(error)"
            let c3 = weights["model.23.cv3.0.2.weight"]!.shape[1]
            XCTAssertTrue(
                text.hasPrefix(last.path) && text.contains("model.23.cv3.0.2.weight")
                    && text.contains("[3, \(c3), 1, 1]") && text.contains("[5, \(c3), 1, 1]"), text)
        }
    }

    func testMissingYAMLAndDamagedFilesNameTheFile() throws {
        let folder = TestPaths.temporaryDirectory("ckpt-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let noYAML = folder.appendingPathComponent("weights-only.pt")
        try TorchCheckpointWriter.write(.dict(["epoch": .int(1), "model": .none]), to: noYAML)
        XCTAssertThrowsError(try CheckpointLoader.load(contentsOf: noYAML)) { error in
            XCTAssertTrue("\(error)".contains("weights-only.pt"), "\(error)")
        }
        let truncated = folder.appendingPathComponent("truncated.pt")
        try Data(try Data(contentsOf: last).prefix(100_000)).write(to: truncated)
        XCTAssertThrowsError(try CheckpointLoader.load(contentsOf: truncated)) { error in
            XCTAssertTrue("\(error)".contains("truncated.pt"), "\(error)")
        }
    }

    func testWrittenCheckpointRoundTrips() throws {
        let loaded = try CheckpointLoader.load(contentsOf: last)
        let model = loaded.model
        model.train()
        _ = noGrad { model(FormulaWeights.input(batch: 2, size: 64)) }  // moves running stats, counters 0 → 1
        let ema = try CheckpointLoader.load(contentsOf: resumable).model
        var checkpoint = try TrainingCheckpoint(model: model, ema: ema, epoch: 4, bestFitness: 0.25)
        checkpoint.trainArgs = [("model", .string("yolo26n.yaml")), ("epochs", .int(10)), ("lr0", .float(0.01))]
        checkpoint.trainMetrics = [("metrics/mAP50-95(B)", 0.25), ("fitness", 0.25)]
        checkpoint.names = loaded.names
        let folder = TestPaths.temporaryDirectory("ckpt-roundtrip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("last.pt")
        try checkpoint.write(to: url)

        let file = try TorchCheckpoint(contentsOf: url)
        XCTAssertEqual(
            file.keys,
            [
                "date", "version", "epoch", "best_fitness", "model", "ema", "updates", "optimizer", "train_args",
                "train_metrics", "yaml", "names",
            ])
        XCTAssertEqual(file.archivePrefix, "last/")
        XCTAssertEqual(file["epoch"]?.intValue, 4)
        XCTAssertEqual(file["best_fitness"]?.doubleValue, 0.25)
        XCTAssertEqual(file["train_args"]?["lr0"]?.doubleValue, 0.01)
        let stored = try file.stateDict("model")
        XCTAssertEqual(stored["model.0.bn.num_batches_tracked"]?.dtype, .int64)
        XCTAssertEqual(stored["model.0.bn.num_batches_tracked"]?.shape, [])
        XCTAssertEqual(stored["model.0.bn.num_batches_tracked"]?.int64s(), [1])
        XCTAssertEqual(stored["model.0.conv.weight"]?.dtype, .float32)
        assertHoldsExactly(model, stored)
        assertHoldsExactly(ema, try file.stateDict("ema"))

        let back = try CheckpointLoader.load(contentsOf: url)
        XCTAssertEqual(back.source, "ema")
        XCTAssertEqual(back.names, loaded.names)
        XCTAssertEqual(back.model.definition.rows, model.definition.rows)
        XCTAssertEqual(back.model.definition.scale, "n")
        XCTAssertEqual(back.model.definition.width, model.definition.width)
        XCTAssertEqual(back.model.nc, 3)
        assertHoldsExactly(back.model, try file.stateDict("ema"))
        let fromModel = try CheckpointLoader.load(try TorchCheckpoint(contentsOf: url), key: "model")
        XCTAssertEqual(
            fromModel.model.stateDict().first { $0.name == "model.0.bn.num_batches_tracked" }?.tensor.item, 1)
        assertHoldsExactly(fromModel.model, stored)
        XCTAssertEqual(file["yaml"]?["yaml_file"]?.stringValue, "tiny-yolo26.yaml")
    }

    /// A finished run's checkpoint as the reference's strip_optimizer leaves it: EMA → `model` (kept float32), no
    /// optimizer, EMA, updates, best fitness or resume state, epoch -1; it still loads and is recognised as finished.
    func testStripKeepsTheEMAAndDropsTrainingState() throws {
        let model = try CheckpointLoader.load(contentsOf: last).model
        let ema = try CheckpointLoader.load(contentsOf: resumable).model
        var checkpoint = try TrainingCheckpoint(model: model, ema: ema, epoch: 4, bestFitness: 0.25)
        checkpoint.trainArgs = [("model", .string("yolo26n.yaml")), ("epochs", .int(5))]
        checkpoint.trainMetrics = [("fitness", 0.25)]
        checkpoint.optimizer = .dict(["state": .dict([]), "param_groups": .list([])])
        checkpoint.resume = ResumeState(epoch: 4, epochs: 5)
        checkpoint.gradients = TorchStateDict([("model.0.conv.weight", try XCTUnwrap(checkpoint.model["model.0.conv.weight"]))])
        let folder = TestPaths.temporaryDirectory("ckpt-strip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("best.pt")
        try checkpoint.write(to: url)
        let full = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        XCTAssertFalse(TrainingCheckpoint.isFinished(try TorchCheckpoint(contentsOf: url)))

        let size = try TrainingCheckpoint.strip(url)
        let file = try TorchCheckpoint(contentsOf: url)
        XCTAssertEqual(file.keys, ["date", "version", "epoch", "best_fitness", "model", "ema", "updates", "optimizer",
                                   "train_args", "train_metrics", "yaml"])
        for key in ["best_fitness", "ema", "updates", "optimizer"] { XCTAssertEqual(file[key], PickleValue.none, key) }
        XCTAssertEqual(file["epoch"]?.intValue, -1)
        XCTAssertEqual(file["train_args"]?["epochs"]?.intValue, 5)
        XCTAssertEqual(file["train_metrics"]?["fitness"]?.doubleValue, 0.25)
        XCTAssertTrue(TrainingCheckpoint.isFinished(file))
        XCTAssertLessThan(size, full * 6 / 10)  // model + EMA + gradients → the EMA alone
        let stored = try file.stateDict("model")
        let expected = try XCTUnwrap(checkpoint.ema)
        XCTAssertEqual(stored.names, expected.names)
        for entry in expected { XCTAssertEqual(stored[entry.name]?.floats(), entry.tensor.floats(), entry.name) }
        XCTAssertEqual(stored["model.0.conv.weight"]?.dtype, .float32)
        let back = try CheckpointLoader.load(contentsOf: url)
        XCTAssertEqual(back.source, "model")
    }

    /// With `CHECKPOINT_EXPORT_DIR` set, writes a checkpoint of formula-weight yolo26n for
    /// `tools/fixtures/verify_training_checkpoint.py` (torch.load(weights_only=True) + load_state_dict + forward).
    func testExportForPython() throws {
        guard let folder = ProcessInfo.processInfo.environment["CHECKPOINT_EXPORT_DIR"] else {
            throw XCTSkip("set CHECKPOINT_EXPORT_DIR to write a checkpoint for the Python check")
        }
        let model = try DetectionModel(try XCTUnwrap(BuiltinModels.definition("yolo26n.yaml")))
        FormulaWeights.apply(to: model)
        var checkpoint = try TrainingCheckpoint(model: model, ema: model, epoch: 0, bestFitness: nil)
        checkpoint.trainArgs = [("model", .string("yolo26n.yaml")), ("imgsz", .int(320))]
        checkpoint.trainMetrics = [("fitness", 0)]
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try checkpoint.write(to: URL(fileURLWithPath: folder).appendingPathComponent("yolo26n-formula.pt"))
    }

    func testModelInfoSummaryLines() throws {
        XCTAssertEqual(
            try ModelInfo.summary(model: "yolo26n.yaml"),
            "YOLO26n summary: 260 layers, 2,572,280 parameters, 2,572,280 gradients, 6.2 GFLOPs")
        // The reference's `YOLO(path).info()` and `.info(imgsz=320)` for this file:
        XCTAssertEqual(
            try ModelInfo.summary(model: last.path),
            "tiny-YOLO26 summary: 260 layers, 31,138 parameters, 0 gradients, 0.3 GFLOPs")
        XCTAssertEqual(
            try ModelInfo.summary(model: last.path, imgsz: 320),
            "tiny-YOLO26 summary: 260 layers, 31,138 parameters, 0 gradients, 0.1 GFLOPs")
        XCTAssertThrowsError(try ModelInfo.summary(model: "nonexistent.yaml")) { error in
            XCTAssertTrue("\(error)".contains("nonexistent.yaml"), "\(error)")
        }
    }
}
