import Tensors
import XCTest

/// A finite-difference gradient check for every differentiable op of the engine.
final class GradientCheckTests: XCTestCase {
    func testArithmeticWithBroadcasting() {
        let a = randn([2, 3, 4], seed: 1), b = randn([3, 1], seed: 2), pos = rand([1, 4], seed: 3, 0.5, 2)
        checkGradients("add", [a, b]) { $0[0] + $0[1] }
        checkGradients("sub", [a, b]) { $0[0] - $0[1] }
        checkGradients("mul", [a, b]) { $0[0] * $0[1] }
        checkGradients("div", [a, pos]) { $0[0] / $0[1] }
        checkGradients("neg", [a]) { -$0[0] }
        checkGradients("scalar ops", [a]) { (2 - $0[0] * 3 + 1) / 4 }
        checkGradients("rdiv", [pos]) { 2 / $0[0] }
        checkGradients("maximum", [a, randn([2, 3, 4], seed: 4)]) { $0[0].maximum($0[1]) }
        checkGradients("minimum", [a, randn([4], seed: 5)]) { $0[0].minimum($0[1]) }
    }

    func testUnary() {
        let x = randn([3, 7], seed: 6, scale: 2), pos = rand([3, 7], seed: 7, 0.3, 3)
        checkGradients("exp", [x]) { $0[0].exp() }
        checkGradients("log", [pos]) { $0[0].log() }
        checkGradients("sqrt", [pos]) { $0[0].sqrt() }
        checkGradients("pow2", [x]) { $0[0].pow(2) }
        checkGradients("pow1.5", [pos]) { $0[0].pow(1.5) }
        checkGradients("abs", [x], eps: 1e-3) { $0[0].abs() }
        checkGradients("clamp", [x], eps: 1e-3) { $0[0].clamped(min: -1, max: 1.5) }
        checkGradients("sigmoid", [x]) { $0[0].sigmoid() }
        checkGradients("silu", [x]) { $0[0].silu() }
        checkGradients("relu", [x], eps: 1e-3) { $0[0].relu() }
    }

    func testReductions() {
        let x = randn([2, 3, 4, 5], seed: 8)
        checkGradients("sum", [x]) { $0[0].sum() }
        checkGradients("sum axes", [x]) { $0[0].sum(axes: [1, 3]) }
        checkGradients("sum keepdims", [x]) { $0[0].sum(axis: -1, keepDims: true) }
        checkGradients("mean", [x]) { $0[0].mean() }
        checkGradients("mean axes", [x]) { $0[0].mean(axes: [0, 2], keepDims: true) }
        checkGradients("max axis", [x], eps: 1e-3) { $0[0].max(axis: 2).values }
        checkGradients("max all", [x], eps: 1e-3) { $0[0].max() }
    }

    func testShapeOps() {
        let x = randn([2, 3, 4], seed: 9), y = randn([2, 5, 4], seed: 10)
        checkGradients("reshape", [x]) { $0[0].reshaped([6, -1]) * $0[0].reshaped([6, 4]) }
        checkGradients("permute", [x]) { $0[0].permuted([2, 0, 1]) }
        checkGradients("transpose", [x]) { $0[0].transposed(0, 2) }
        checkGradients("concat", [x, y]) { Tensor.concat([$0[0], $0[1], $0[0]], axis: 1) }
        checkGradients("split", [y]) { t in
            let parts = t[0].split(sizes: [2, 3], axis: 1)
            return parts[0].sum(axis: 1) * parts[1].sum(axis: 1)
        }
        checkGradients("chunk", [y]) { t in
            let parts = t[0].chunked(2, axis: 1)
            return Tensor.concat([parts[1], parts[0]], axis: 1)
        }
        checkGradients("slice step", [y]) { $0[0].slice(axis: 1, range: 1..<5, step: 2) }
        checkGradients("expand", [randn([3, 1], seed: 11)]) { $0[0].expanded([2, 3, 4]) }
        checkGradients("unsqueeze/squeeze", [x]) { $0[0].unsqueezed(1).squeezed(1) }
    }

    func testIndexing() {
        let x = randn([3, 5], seed: 12)
        let index = IndexTensor([0, 4, 4, 1, 2, 3], shape: [3, 2])
        checkGradients("gather", [x]) { $0[0].gather(axis: 1, index: index) }
        checkGradients("gather axis0", [x]) { $0[0].gather(axis: 0, index: IndexTensor([2, 0, 1, 1, 0], shape: [1, 5])) }
        checkGradients("index select", [x]) { $0[0].indexSelect(axis: 1, indices: [4, 0, 4]) }
        let mask = Tensor([1, 0, 1, 0, 0], shape: [5])
        checkGradients("where", [x, randn([3, 1], seed: 13)]) { Tensor.where(mask, $0[0], $0[1]) }
        checkGradients("masked fill", [x]) { $0[0].maskedFill(mask, value: 3) }
    }

    func testSoftmaxAndMatMul() {
        let x = randn([2, 4, 3], seed: 14, scale: 2)
        checkGradients("softmax", [x]) { $0[0].softmax(axis: 1) }
        checkGradients("log softmax", [x]) { $0[0].logSoftmax(axis: -1) }
        checkGradients("matmul", [randn([4, 6], seed: 15), randn([6, 3], seed: 16)]) { $0[0].matmul($0[1]) }
        checkGradients("bmm", [randn([2, 4, 6], seed: 17), randn([2, 6, 3], seed: 18)]) { $0[0].bmm($0[1]) }
    }

    func testConvolution() {
        let x = randn([2, 4, 6, 7], seed: 19)
        checkGradients("conv 3x3 pad", [x, randn([3, 4, 3, 3], seed: 20, scale: 0.3), randn([3], seed: 21)]) {
            $0[0].conv2d(weight: $0[1], bias: $0[2], padding: (1, 1))
        }
        checkGradients("conv grouped strided", [x, randn([6, 2, 3, 3], seed: 22, scale: 0.3)]) {
            $0[0].conv2d(weight: $0[1], stride: (2, 2), padding: (1, 1), groups: 2)
        }
        checkGradients("conv depthwise dilated", [x, randn([4, 1, 3, 3], seed: 23, scale: 0.3)]) {
            $0[0].conv2d(weight: $0[1], padding: (2, 2), dilation: (2, 2), groups: 4)
        }
        checkGradients("conv 1x1", [x, randn([5, 4, 1, 1], seed: 24)]) { $0[0].conv2d(weight: $0[1]) }
    }

    func testBatchNorm() {
        let x = randn([3, 2, 4, 4], seed: 25, scale: 2, shift: 1)
        let w = rand([2], seed: 26, 0.5, 1.5), b = randn([2], seed: 27)
        checkGradients("batch norm train", [x, w, b], eps: 1e-2, tolerance: 2e-2) {
            $0[0].batchNorm(weight: $0[1], bias: $0[2], runningMean: .zeros([2]), runningVar: .ones([2]), training: true)
        }
        checkGradients("batch norm eval", [x, w, b]) {
            $0[0].batchNorm(weight: $0[1], bias: $0[2], runningMean: Tensor([0.2, -0.1], shape: [2]),
                            runningVar: Tensor([1.5, 0.7], shape: [2]), training: false)
        }
    }

    func testPoolingUpsampleDropout() {
        let x = randn([2, 2, 6, 5], seed: 28)
        checkGradients("max pool 5/1/2", [x], eps: 1e-3) { $0[0].maxPool2d(kernel: 5, stride: 1, padding: 2) }
        checkGradients("max pool 2/2", [x], eps: 1e-3) { $0[0].maxPool2d(kernel: 2, stride: 2) }
        checkGradients("upsample", [x]) { $0[0].upsampleNearest(scale: 2) }
        checkGradients("adaptive avg", [x]) { $0[0].adaptiveAvgPool2d(4, 3) }
        checkGradients("dropout", [x]) { xs in
            var random = RandomSource(seed: 99)  // the same mask in every evaluation
            return xs[0].dropout(0.3, training: true, random: &random)
        }
    }
}
