import Foundation
import Tensors
import Training
import XCTest

/// Cost of the loss at training size: batch 16 at 320×320 (2100 anchors), 80 classes, YOLO26 (both branches) and
/// YOLO11 (DFL). Bounds (loose: this machine is shared, timings vary 2–3×) are enforced in optimised builds only.
final class LossTimingTests: XCTestCase {
    static let grids = [(height: 40, width: 40), (height: 20, width: 20), (height: 10, width: 10)]

    /// Deterministic pseudo-random values in [lo, hi) (a fixed LCG; no global RNG).
    func values(_ count: Int, _ lo: Float, _ hi: Float, seed: UInt64) -> [Float] {
        var s = seed
        return (0..<count).map { _ in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return lo + (hi - lo) * Float(s >> 40) / Float(1 << 24)
        }
    }

    /// 16 images with 0…14 boxes each, some below 16 px, classes spread over 80.
    func targets() -> [Float] {
        var rows: [Float] = []
        let u = values(16 * 14 * 5, 0, 1, seed: 7)
        var k = 0
        for b in 0..<16 {
            for j in 0..<(b % 15) {
                let w = 0.02 + 0.5 * u[k + 2], h = 0.02 + 0.5 * u[k + 3]
                rows += [Float(b), Float((b * 7 + j * 13) % 80), 0.1 + 0.8 * u[k], 0.1 + 0.8 * u[k + 1], w, h]
                k += 5
            }
        }
        return rows
    }

    func median(_ runs: Int, _ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[runs / 2]
    }

    func testBatch16At320() {
        let a = 2100, t = targets()
        let optimised = !_isDebugAssertConfiguration()
        let runs = optimised ? 5 : 1
        let e2e = E2ELoss(nc: 80, regMax: 1, strides: [8, 16, 32], epochs: 100)
        let o2m = (Tensor(values(16 * 4 * a, 0.1, 4, seed: 1), shape: [16, 4, a]).requiringGrad(),
                   Tensor(values(16 * 80 * a, -8, 1, seed: 2), shape: [16, 80, a]).requiringGrad())
        let o2o = (Tensor(values(16 * 4 * a, 0.1, 4, seed: 3), shape: [16, 4, a]).requiringGrad(),
                   Tensor(values(16 * 80 * a, -8, 1, seed: 4), shape: [16, 80, a]).requiringGrad())
        var fg = 0
        let yolo26 = median(runs) {
            let out = e2e(oneToMany: o2m, oneToOne: o2o, grids: Self.grids, targets: t)
            out.loss.backward()
            fg = out.assignments[0].foregroundCount
        }
        let dfl = DetectionLoss(nc: 80, regMax: 16, strides: [8, 16, 32])
        let boxes = Tensor(values(16 * 64 * a, -4, 4, seed: 5), shape: [16, 64, a]).requiringGrad()
        let yolo11 = median(runs) {
            dfl(boxes: boxes, scores: o2m.1, grids: Self.grids, targets: t).loss.backward()
        }
        let gt = GroundTruthBoxes(targets: t, batchSize: 16, imageHeight: 320, imageWidth: 320)
        let pixels = values(16 * a * 4, 0, 320, seed: 6)
        var corners = pixels
        for i in 0..<(16 * a) {
            (corners[i * 4], corners[i * 4 + 2]) = (min(pixels[i * 4], pixels[i * 4 + 2]), max(pixels[i * 4], pixels[i * 4 + 2]))
            (corners[i * 4 + 1], corners[i * 4 + 3]) = (min(pixels[i * 4 + 1], pixels[i * 4 + 3]), max(pixels[i * 4 + 1], pixels[i * 4 + 3]))
        }
        var anchors: [Float] = []
        for (g, s) in zip(Self.grids, [Float(8), 16, 32]) {
            for y in 0..<g.height { for x in 0..<g.width { anchors += [(Float(x) + 0.5) * s, (Float(y) + 0.5) * s] } }
        }
        let assigner = TaskAlignedAssigner(topk: 10, numClasses: 80, alpha: 0.5, beta: 6, strides: [8, 16, 32])
        let assign = median(runs) {
            _ = assigner(scoreLogits: o2m.1.data, predictedBoxes: corners, anchorPoints: anchors, anchorCount: a,
                         groundTruth: gt)
        }
        print("loss timing (batch 16, 320, nc 80, \(t.count / 6) boxes, \(fg) fg): assigner \(assign) ms, "
              + "E2ELoss forward+backward \(yolo26) ms, DFL loss forward+backward \(yolo11) ms"
              + (optimised ? "" : " (debug build)"))
        XCTAssertGreaterThan(fg, 0)
        if optimised {
            XCTAssertLessThan(assign, 60, "assigner too slow")
            XCTAssertLessThan(yolo26, 1000, "E2E loss too slow")
            XCTAssertLessThan(yolo11, 1000, "DFL loss too slow")
        }
    }
}
