import Foundation
import Kernels

/// `yolo-bench kernels [--json] [--runs N] [--case NAME] [--layout nchw|nhwc|blocked16|any|auto]` and `yolo-bench peak`.
let args = Array(CommandLine.arguments.dropFirst())
func value(_ flag: String) -> String? {
    guard let i = args.firstIndex(of: flag), i + 1 < args.count else { return nil }
    return args[i + 1]
}
let usage = """
usage: yolo-bench kernels [--json] [--runs N] [--case NAME] [--layout nchw|nhwc|blocked16|any|auto] [--blocked-io] [--peak GFLOPS]
       yolo-bench peak
       yolo-bench model [--model yolo26n.yaml] [--imgsz 640] [--batch 1] [--runs 20] [--train] [--unfused]
"""
guard let mode = args.first, ["kernels", "peak", "model"].contains(mode) else {
    print(usage)
    exit(2)
}
let cores = ProcessInfo.processInfo.activeProcessorCount
if mode == "peak" {
    let one = measurePeak(threads: 1), all = measurePeak(threads: cores)
    print(String(format: "FMA peak (f32, %d-wide vectors): %.1f GFLOP/s on 1 core, %.1f on %d cores", peakVectorWidth, one, all, cores))
    exit(0)
}
if let l = value("--layout") {
    guard let layout = ConvolutionKernel.ActivationLayout(rawValue: l) else {
        print("unknown layout \(l): use nchw, nhwc or any"); exit(2)
    }
    ConvolutionKernel.activationLayout = layout
}
if mode == "model" {
    let name = value("--model") ?? "yolo26n.yaml", imgsz = Int(value("--imgsz") ?? "") ?? 640
    let batch = Int(value("--batch") ?? "") ?? 1, runs = Int(value("--runs") ?? "") ?? 20
    do {
        if args.contains("--train") {
            let ms = try runTrainStepBench(name: name, imgsz: imgsz, batch: batch, runs: runs)
            print(String(format: "%@ train step (fwd+bwd) imgsz %d batch %d: median %.1f ms, %.1f img/s", name, imgsz, batch, ms, Double(batch) / ms * 1000))
        } else {
            let fused = !args.contains("--unfused")
            let r = try runModelBench(name: name, imgsz: imgsz, batch: batch, runs: runs, fused: fused)
            print(String(format: "%@ eval forward%@ imgsz %d batch %d: median %.1f ms (%.1f GFLOP/s, %.2f GFLOPs)", name, fused ? " (fused)" : "", imgsz, batch, r.ms, r.gflops / r.ms * 1000, r.gflops))
        }
    } catch { print("error: \(error)"); exit(1) }
    exit(0)
}
if false, let l = value("--layout") {
    guard let layout = ConvolutionKernel.ActivationLayout(rawValue: l) else {
        print("unknown layout \(l): use nchw, nhwc or any"); exit(2)
    }
    ConvolutionKernel.activationLayout = layout
}
let runs = Int(value("--runs") ?? "") ?? 11
let blockedIO = args.contains("--blocked-io")
let results = runKernelBench(runs: runs, only: value("--case"), blockedIO: blockedIO)
if args.contains("--json") {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try! encoder.encode(results), as: UTF8.self))
} else {
    let peak = Double(value("--peak") ?? "") ?? measurePeak(threads: cores)
    print("oneDNN \(dnnlVersionString()) ISA \(DNNLContext.shared.isaName), activations \(ConvolutionKernel.activationLayout)\(blockedIO ? " (blocked in/out)" : " (NCHW in/out)"), "
          + "batch 16, median of \(runs), \(cores) cores; measured FMA peak \(String(format: "%.0f", peak)) GFLOP/s")
    print("case                 pass              ms   GFLOP/s  % peak")
    for r in results {
        print(r.case.padding(toLength: 20, withPad: " ", startingAt: 0), r.pass.padding(toLength: 11, withPad: " ", startingAt: 0),
              String(format: "%9.2f %9.1f %6.0f%%", r.ms, r.gflops, r.gflops / peak * 100))
    }
}
