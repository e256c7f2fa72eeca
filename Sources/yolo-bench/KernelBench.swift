import Foundation
import Kernels

/// One convolution case of the kernel benchmark (batch 16 as the issue fixes it).
struct ConvCase {
    let name: String
    let geometry: ConvolutionGeometry

    static let all: [ConvCase] = [
        ConvCase(name: "conv3x3_c64_s80", geometry: .init(batch: 16, inChannels: 64, height: 80, width: 80,
            outChannels: 64, kernelSize: (3, 3), padding: (1, 1))),
        ConvCase(name: "conv3x3_c256_s20", geometry: .init(batch: 16, inChannels: 256, height: 20, width: 20,
            outChannels: 256, kernelSize: (3, 3), padding: (1, 1))),
        ConvCase(name: "conv1x1_c64_s80", geometry: .init(batch: 16, inChannels: 64, height: 80, width: 80,
            outChannels: 64, kernelSize: (1, 1))),
        ConvCase(name: "conv3x3s2_c64_s80", geometry: .init(batch: 16, inChannels: 64, height: 80, width: 80,
            outChannels: 128, kernelSize: (3, 3), stride: (2, 2), padding: (1, 1))),
        ConvCase(name: "stem_c3_s640", geometry: .init(batch: 16, inChannels: 3, height: 640, width: 640,
            outChannels: 16, kernelSize: (3, 3), stride: (2, 2), padding: (1, 1))),
    ]
}

/// One measured pass: median milliseconds over `runs` and the GFLOP/s it implies.
struct PassResult: Codable {
    let `case`: String
    let pass: String
    let gflops: Double
    let ms: Double
}

/// Median wall time in milliseconds of `body` over `runs` runs after `warmup` runs.
func medianMilliseconds(runs: Int, warmup: Int = 2, _ body: () -> Void) -> Double {
    for _ in 0..<warmup { body() }
    var times: [Double] = []
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    times.sort()
    return times[times.count / 2]
}

/// Runs the convolution cases and returns one result per (case, pass).
func runKernelBench(runs: Int, only: String?, blockedIO: Bool = false) -> [PassResult] {
    var results: [PassResult] = []
    for c in ConvCase.all where only == nil || c.name == only {
        let g = c.geometry
        let kernel = ConvolutionKernel.cached(g, hasBias: false)
        let x = UnsafeMutablePointer<Float>.allocate(capacity: g.inputCount)
        let w = UnsafeMutablePointer<Float>.allocate(capacity: g.weightCount)
        let y = UnsafeMutablePointer<Float>.allocate(capacity: g.outputCount)
        let dx = UnsafeMutablePointer<Float>.allocate(capacity: g.inputCount)
        let dw = UnsafeMutablePointer<Float>.allocate(capacity: g.weightCount)
        var rng = SystemRandomNumberGenerator()
        for i in 0..<g.inputCount { x[i] = Float.random(in: -1...1, using: &rng) }
        for i in 0..<g.weightCount { w[i] = Float.random(in: -0.1...0.1, using: &rng) }
        for i in 0..<g.outputCount { y[i] = Float.random(in: -1...1, using: &rng) }
        // With blockedIO the activations are handed over in the engine's blocked layout where the channels allow
        // (what training sees between layers); otherwise as NCHW, so the timing includes the reorders.
        let bi = blockedIO && g.inChannels % 16 == 0, bo = blockedIO && kernel.producesBlockedOutput
        let passes: [(String, () -> Void)] = [
            ("fwd", { kernel.forward(input: x, weight: w, bias: nil, output: y, inputBlocked: bi, outputBlocked: bo) }),
            ("bwd_data", { kernel.backwardData(gradOutput: y, weight: w, gradInput: dx, gradOutputBlocked: bo,
                                               gradInputBlocked: bi && kernel.producesBlockedGradInput) }),
            ("bwd_weights", { kernel.backwardWeights(input: x, gradOutput: y, gradWeight: dw, gradBias: nil,
                                                     inputBlocked: bi, gradOutputBlocked: bo) }),
        ]
        for (name, body) in passes {
            let ms = medianMilliseconds(runs: runs, body)
            results.append(PassResult(case: c.name, pass: name, gflops: g.flops / (ms * 1e6), ms: ms))
        }
        if ProcessInfo.processInfo.environment["YOLO_BENCH_VERBOSE"] != nil {
            print("  \(c.name): \(kernel.implementations.joined(separator: " | "))")
        }
        for p in [x, w, y, dx, dw] { p.deallocate() }
    }
    return results
}
