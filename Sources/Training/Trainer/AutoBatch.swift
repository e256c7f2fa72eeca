import Foundation
import Models
import NN
import Tensors
import YOLOData

/// `batch=-1` (60 % of the available memory) or `batch=0.7` (70 %): measures the memory a training step takes per
/// image for this model and imgsz on this machine and picks the largest batch that fits, as the reference's AutoBatch
/// does for GPU memory.
public enum AutoBatch {
    /// The measured line: fixed bytes, bytes per image, and the batch sizes tried.
    public struct Measurement: Sendable {
        public var fixedBytes: Double
        public var bytesPerImage: Double
        public var availableBytes: Double
    }

    /// The batch size for `options` (model, imgsz, data) using `fraction` of the available RAM.
    public static func batchSize(options o: TrainOptions, fraction: Double, log: (String) -> Void) throws -> Int {
        let prefix = "AutoBatch: "
        guard fraction > 0, fraction < 1 else {
            throw TrainingError("batch=\(fraction): a memory fraction must lie between 0 and 1 (e.g. batch=0.7), or use batch=-1 for 60 %")
        }
        log("\(prefix)Computing optimal batch size for imgsz=\(o.imgsz) at \(Int(fraction * 100))% of available RAM")
        let nc = (try? DatasetConfig(contentsOf: o.data).classCount) ?? 80
        let m = try measure(options: o, nc: nc)
        let budget = fraction * m.availableBytes
        var batch = Int(((budget - m.fixedBytes) / m.bytesPerImage).rounded(.down))
        let gib = { (b: Double) in String(format: "%.2fG", b / 1_073_741_824) }
        if batch < 1 {
            log("\(prefix)WARNING: even batch 1 needs about \(gib(m.fixedBytes + m.bytesPerImage)) of \(gib(budget)); using batch 1 — lower imgsz if training runs out of memory")
            batch = 1
        }
        batch = min(batch, 1024)
        log("\(prefix)Using batch-size \(batch): \(gib(m.bytesPerImage)) per image + \(gib(m.fixedBytes)) fixed, "
            + "predicted \(gib(m.fixedBytes + Double(batch) * m.bytesPerImage)) of \(gib(m.availableBytes)) available (\(Int(fraction * 100))%)")
        return batch
    }

    /// Peak memory of a training step (forward, loss, backward) at batch 1 and 3, fitted as fixed + per-image bytes.
    public static func measure(options o: TrainOptions, nc: Int) throws -> Measurement {
        let definition: ModelDefinition
        if o.model.hasSuffix(".pt") {
            definition = try CheckpointLoader.load(contentsOf: URL(fileURLWithPath: o.model)).model.definition
        } else {
            definition = try ModelInfo.definition(named: o.model)
        }
        let model = try DetectionModel(definition, nc: nc, seed: 0)
        model.train()
        // What this process may use in all: what it holds now plus what the system still has available.
        let available = Double(memInfo("MemAvailable:")) + Double(ResidentMemory.current())
        var peaks: [(Int, Double)] = []
        for b in [1, 3] {
            resetPeak()
            do {
                let x = Tensor(uninitialized: [b, 3, o.imgsz, o.imgsz])
                let n = x.count
                x.mutableData.update(repeating: 0.5, count: n)
                var targets: [Float] = []
                for i in 0..<b { targets += [Float(i), 0, 0.5, 0.5, 0.25, 0.25] }
                let out = model(x)
                let loss: DetectionLossOutput
                if model.detect.oneToOneCv2 != nil {
                    loss = E2ELoss(detect: model.detect, epochs: 1)(out, targets: targets)
                } else {
                    loss = DetectionLoss(detect: model.detect)(out.oneToMany, targets: targets)
                }
                loss.loss.backward()
            }
            for (_, p) in model.namedParameters() { p.grad = nil }
            peaks.append((b, Double(ResidentMemory.peak())))
        }
        // Absolute peaks (the process's own memory included): fixed + per-image × batch, with 10 % headroom per image.
        let grown: Double = peaks[1].1 - peaks[0].1
        let images = Double(peaks[1].0 - peaks[0].0)
        let perImage: Double = max(grown / images, 1_048_576) * 1.1
        let fixed = max(peaks[0].1 - perImage, 0)
        return Measurement(fixedBytes: fixed, bytesPerImage: perImage, availableBytes: available)
    }

    /// Resets the process's peak RSS (VmHWM) so the next step's peak can be read.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// A /proc/meminfo field in bytes.
    static func memInfo(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
        return (line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
    }
}
