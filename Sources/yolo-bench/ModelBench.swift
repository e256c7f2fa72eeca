import Foundation
import Models
import Tensors

/// Eval forward latency of a built-in model: median milliseconds over `runs` (after 2 warm-ups).
func runModelBench(name: String, imgsz: Int, batch: Int, runs: Int, fused: Bool) throws -> (ms: Double, gflops: Double) {
    guard let def = try BuiltinModels.definition(name) else { throw BenchError("unknown model \(name)") }
    let model = try DetectionModel(def)
    model.eval()
    if fused { model.fuse() }
    var random = RandomSource(seed: 1)
    let x = Tensor.uniform([batch, 3, imgsz, imgsz], 0, 1, random: &random)
    let ms = medianMilliseconds(runs: runs) { _ = noGrad { model.predict(x) } }
    return (ms, model.gflops(imgsz: imgsz) * Double(batch))
}

/// Training step time (forward + backward of a sum over both heads' outputs), median ms.
func runTrainStepBench(name: String, imgsz: Int, batch: Int, runs: Int) throws -> Double {
    guard let def = try BuiltinModels.definition(name) else { throw BenchError("unknown model \(name)") }
    let model = try DetectionModel(def)
    var random = RandomSource(seed: 1)
    let x = Tensor.uniform([batch, 3, imgsz, imgsz], 0, 1, random: &random)
    return medianMilliseconds(runs: runs, warmup: 1) {
        let out = model(x)
        var loss = out.oneToMany.boxes.mean() + out.oneToMany.scores.mean()
        if let o2o = out.oneToOne { loss = loss + o2o.boxes.mean() + o2o.scores.mean() }
        loss.backward()
        for p in model.namedParameters() { p.tensor.zeroGrad() }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
