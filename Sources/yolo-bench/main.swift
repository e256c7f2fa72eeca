import Foundation
import Kernels

/// `yolo-bench kernels [--json] [--runs N] [--case NAME] [--layout nchw|nhwc|any]`
let args = Array(CommandLine.arguments.dropFirst())
func value(_ flag: String) -> String? {
    guard let i = args.firstIndex(of: flag), i + 1 < args.count else { return nil }
    return args[i + 1]
}
guard let mode = args.first, mode == "kernels" else {
    print("usage: yolo-bench kernels [--json] [--runs N] [--case NAME] [--layout nchw|nhwc|any]")
    exit(2)
}
if let l = value("--layout") {
    guard let layout = ConvolutionKernel.ActivationLayout(rawValue: l) else {
        print("unknown layout \(l): use nchw, nhwc or any"); exit(2)
    }
    ConvolutionKernel.activationLayout = layout
}
let runs = Int(value("--runs") ?? "") ?? 11
let results = runKernelBench(runs: runs, only: value("--case"))
if args.contains("--json") {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try! encoder.encode(results), as: UTF8.self))
} else {
    print("oneDNN \(dnnlVersionString()) isa \(DNNLContext.shared.isaName), layout \(ConvolutionKernel.activationLayout), median of \(runs)")
    print("case                 pass          ms     GFLOP/s")
    for r in results {
        print(r.case.padding(toLength: 20, withPad: " ", startingAt: 0), r.pass.padding(toLength: 11, withPad: " ", startingAt: 0),
              String(format: "%8.2f %9.1f", r.ms, r.gflops))
    }
}
