import Tensors
import XCTest

/// Forward and backward parity with PyTorch for every fixture case (relative error ≤ 1e-4).
final class ParityTests: XCTestCase {
    /// Runs the engine's version of `c.op` on leaves that require gradients.
    func run(_ c: OpCase, _ x: [Tensor], state: (mean: Tensor, variance: Tensor)?) -> Tensor {
        let p = c.params
        switch c.op {
        case "conv2d":
            let s = p["stride"]!.int, pad = p["padding"]!.int, d = p["dilation"]!.int
            return x[0].conv2d(weight: x[1], bias: x.count > 2 ? x[2] : nil, stride: (s, s), padding: (pad, pad),
                               dilation: (d, d), groups: p["groups"]!.int)
        case "batch_norm":
            return x[0].batchNorm(weight: x[1], bias: x[2], runningMean: state!.mean, runningVar: state!.variance,
                                  training: p["training"]!.bool, momentum: p["momentum"]!.float, eps: p["eps"]!.float)
        case "max_pool2d":
            return x[0].maxPool2d(kernel: p["kernel"]!.int, stride: p["stride"]!.int, padding: p["padding"]!.int)
        case "upsample_nearest": return x[0].upsampleNearest(scale: p["scale"]!.int)
        case "adaptive_avg_pool2d":
            let o = p["out"]!.ints
            return x[0].adaptiveAvgPool2d(o[0], o[1])
        case "softmax": return x[0].softmax(axis: p["axis"]!.int)
        case "log_softmax": return x[0].logSoftmax(axis: p["axis"]!.int)
        case "matmul": return x[0].matmul(x[1])
        case "bmm": return x[0].bmm(x[1])
        case "silu": return x[0].silu()
        case "sigmoid": return x[0].sigmoid()
        case "relu": return x[0].relu()
        case "exp": return x[0].exp()
        case "log": return x[0].log()
        case "sqrt": return x[0].sqrt()
        case "add": return x[0] + x[1]
        case "sub": return x[0] - x[1]
        case "mul": return x[0] * x[1]
        case "div": return x[0] / x[1]
        default: fatalError("fixture op \(c.op) has no engine mapping")
        }
    }

    func testAllFixtureCasesMatchPyTorch() {
        let cases = OpCase.all
        XCTAssertGreaterThanOrEqual(cases.count, 30)
        for c in cases {
            let leaves = c.inputs.map { $0.tensor.requiringGrad() }
            let state = c.running_mean_before.map { ($0.tensor, c.running_var_before!.tensor) }
            let y = run(c, leaves, state: state)
            assertClose(y, c.output, "\(c.name) forward")
            (y * c.upstream.tensor).sum().backward()
            for (i, (leaf, expected)) in zip(leaves, c.grads).enumerated() {
                guard let g = leaf.grad else { XCTFail("\(c.name): no gradient for input \(i)"); continue }
                assertClose(g, expected, "\(c.name) grad[\(i)]")
            }
            if let state, let m = c.running_mean_after, let v = c.running_var_after {
                assertClose(state.0, m, "\(c.name) running_mean")
                assertClose(state.1, v, "\(c.name) running_var")
            }
        }
    }

    func testFixtureCoversTheIssueOps() {
        let ops = Set(OpCase.all.map(\.op))
        for op in ["conv2d", "batch_norm", "max_pool2d", "upsample_nearest", "softmax", "matmul", "bmm", "silu"] {
            XCTAssertTrue(ops.contains(op), "fixture lacks \(op)")
        }
        let conv = OpCase.all.filter { $0.op == "conv2d" }
        XCTAssertTrue(conv.contains { $0.params["groups"]!.int > 1 && $0.params["groups"]!.int < $0.inputs[0].shape[1] })
        XCTAssertTrue(conv.contains { $0.params["groups"]!.int == $0.inputs[0].shape[1] })
        XCTAssertTrue(conv.contains { $0.params["stride"]!.int == 2 })
        XCTAssertTrue(conv.contains { $0.params["dilation"]!.int == 2 })
        XCTAssertTrue(conv.contains { $0.inputs[1].shape[2] == 1 })
        XCTAssertEqual(Set(OpCase.all.filter { $0.op == "batch_norm" }.map { $0.params["training"]!.bool }), [true, false])
    }
}
