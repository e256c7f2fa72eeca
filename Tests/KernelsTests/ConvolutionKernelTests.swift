import Kernels
import XCTest

/// The oneDNN convolution passes against their naive twins, in every activation layout.
final class ConvolutionKernelTests: XCTestCase {
    static let geometries: [ConvolutionGeometry] = [
        .init(batch: 2, inChannels: 16, height: 9, width: 10, outChannels: 32, kernelSize: (3, 3), padding: (1, 1)),
        .init(batch: 2, inChannels: 16, height: 9, width: 9, outChannels: 16, kernelSize: (3, 3), stride: (2, 2),
              padding: (1, 1)),
        .init(batch: 1, inChannels: 32, height: 7, width: 7, outChannels: 32, kernelSize: (3, 3), padding: (1, 1),
              groups: 32),
        .init(batch: 2, inChannels: 8, height: 6, width: 6, outChannels: 12, kernelSize: (3, 3), padding: (2, 2),
              dilation: (2, 2), groups: 4),
        .init(batch: 3, inChannels: 24, height: 5, width: 4, outChannels: 16, kernelSize: (1, 1)),
        .init(batch: 2, inChannels: 3, height: 17, width: 16, outChannels: 16, kernelSize: (3, 3), stride: (2, 2),
              padding: (1, 1)),
    ]

    func fill(_ n: Int, seed: UInt64) -> [Float] {
        var s = seed
        return (0..<n).map { _ in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: s >> 11) % 2001 - 1000) / 1000
        }
    }

    func maxRelative(_ a: [Float], _ b: [Float]) -> Float {
        var d: Float = 0, m: Float = 0
        for i in a.indices { d = max(d, abs(a[i] - b[i])); m = max(m, abs(b[i])) }
        return m == 0 ? d : d / m
    }

    func testAllPassesMatchNaiveTwinInEveryLayout() {
        let saved = ConvolutionKernel.activationLayout
        defer { ConvolutionKernel.activationLayout = saved }
        for layout in [ConvolutionKernel.ActivationLayout.nchw, .nhwc, .any, .auto] {
            ConvolutionKernel.activationLayout = layout
            for (k, g) in Self.geometries.enumerated() {
                let x = fill(g.inputCount, seed: UInt64(k) + 1), w = fill(g.weightCount, seed: UInt64(k) + 100)
                let b = fill(g.outChannels, seed: 7), gy = fill(g.outputCount, seed: UInt64(k) + 200)
                var y = [Float](repeating: 0, count: g.outputCount), yRef = y
                var gx = [Float](repeating: 0, count: g.inputCount), gxRef = gx
                var gw = [Float](repeating: 0, count: g.weightCount), gwRef = gw
                var gb = [Float](repeating: 0, count: g.outChannels), gbRef = gb
                let kernel = ConvolutionKernel.cached(g, hasBias: true)
                kernel.forward(input: x, weight: w, bias: b, output: &y)
                kernel.backwardData(gradOutput: gy, weight: w, gradInput: &gx)
                kernel.backwardWeights(input: x, gradOutput: gy, gradWeight: &gw, gradBias: &gb)
                NaiveConvolution.forward(g, input: x, weight: w, bias: b, output: &yRef)
                NaiveConvolution.backward(g, input: x, weight: w, gradOutput: gy, gradInput: &gxRef,
                                          gradWeight: &gwRef, gradBias: &gbRef)
                let label = "\(layout) \(g)"
                XCTAssertLessThan(maxRelative(y, yRef), 1e-5, "forward \(label)")
                XCTAssertLessThan(maxRelative(gx, gxRef), 1e-5, "backward-data \(label)")
                XCTAssertLessThan(maxRelative(gw, gwRef), 1e-5, "backward-weights \(label)")
                XCTAssertLessThan(maxRelative(gb, gbRef), 1e-5, "backward-bias \(label)")
            }
        }
    }

    func testGeometryMatchesPyTorchOutputSize() {
        let g = ConvolutionGeometry(batch: 1, inChannels: 3, height: 640, width: 480, outChannels: 16,
                                    kernelSize: (3, 3), stride: (2, 2), padding: (1, 1))
        XCTAssertEqual(g.outputShape, [1, 16, 320, 240])
        let odd = ConvolutionGeometry(batch: 1, inChannels: 1, height: 10, width: 11, outChannels: 1,
                                      kernelSize: (5, 5), stride: (2, 2), padding: (2, 2))
        XCTAssertEqual(odd.outputShape, [1, 1, 5, 6])
    }
}
