import Foundation
import Tensors

/// The fused forward and backward of `v8DetectionLoss` for one head on raw buffers.
struct DetectionLossKernel {
    let loss: DetectionLoss
    let batch: Int
    let anchors: AnchorGrid
    let boxes: UnsafePointer<Float>   // [B, 4·reg_max, A]
    let scores: UnsafePointer<Float>  // [B, nc, A]
    /// Decoded ltrb distances in grid units `[B, A, 4]`.
    var distances: [Float]
    /// Gradients of the loss vector's sum, filled by `accumulate`.
    var boxGradient: Tensor
    var scoreGradient: Tensor

    init(loss: DetectionLoss, batch: Int, anchors: AnchorGrid, boxes: UnsafePointer<Float>, scores: UnsafePointer<Float>) {
        self.loss = loss
        self.batch = batch
        self.anchors = anchors
        self.boxes = boxes
        self.scores = scores
        let a = anchors.count, r = loss.regMax
        distances = [Float](repeating: 0, count: batch * a * 4)
        boxGradient = Tensor.zeros([batch, 4 * r, a])
        scoreGradient = Tensor(uninitialized: [batch, loss.nc, a])
        distances.withUnsafeMutableBufferPointer { d in
            for b in 0..<batch {
                for side in 0..<4 {
                    for i in 0..<a {
                        d[(b * a + i) * 4 + side] = r == 1
                            ? boxes[(b * 4 + side) * a + i]
                            : Self.expectation(boxes + (b * 4 * r + side * r) * a + i, bins: r, stride: a)
                    }
                }
            }
        }
    }

    /// Softmax expectation Σ softmax(x)_j · j over `bins` logits spaced `stride` apart (the DFL decode).
    @inline(__always)
    static func expectation(_ x: UnsafePointer<Float>, bins: Int, stride: Int) -> Float {
        var m = -Float.infinity
        for j in 0..<bins { m = max(m, x[j * stride]) }
        var sum: Float = 0, weighted: Float = 0
        for j in 0..<bins {
            let e = expf(x[j * stride] - m)
            sum += e
            weighted += e * Float(j)
        }
        return weighted / sum
    }

    /// Predicted corners of anchor `i` of image `b` in grid units (`dist2bbox`, xyxy).
    @inline(__always)
    func predictedBox(_ b: Int, _ i: Int) -> CornerBox {
        let d = (b * anchors.count + i) * 4
        let ax = anchors.points[i * 2], ay = anchors.points[i * 2 + 1]
        return CornerBox(ax - distances[d], ay - distances[d + 1], ax + distances[d + 2], ay + distances[d + 3])
    }

    /// Runs the assigner on sigmoid scores and pixel boxes, as the reference (detached inputs).
    func assign(_ groundTruth: GroundTruthBoxes) -> TaskAlignedAssignment {
        let a = anchors.count
        var pixelBoxes = [Float](repeating: 0, count: batch * a * 4)
        var pixelAnchors = [Float](repeating: 0, count: a * 2)
        for i in 0..<a {
            let s = anchors.strides[i]
            pixelAnchors[i * 2] = anchors.points[i * 2] * s
            pixelAnchors[i * 2 + 1] = anchors.points[i * 2 + 1] * s
            for b in 0..<batch {
                let p = predictedBox(b, i), o = (b * a + i) * 4
                (pixelBoxes[o], pixelBoxes[o + 1], pixelBoxes[o + 2], pixelBoxes[o + 3]) = (p.x1 * s, p.y1 * s, p.x2 * s, p.y2 * s)
            }
        }
        return loss.assigner(scoreLogits: scores, predictedBoxes: pixelBoxes, anchorPoints: pixelAnchors, anchorCount: a,
                             groundTruth: groundTruth)
    }

    /// The items (box, cls, dfl|l1 with gains) and, into the gradient tensors, ∂(scale · Σ items)/∂(boxes, scores).
    mutating func accumulate(_ t: TaskAlignedAssignment, scale: Float) -> [Float] {
        let scoresSum = t.targetScoresSum
        let cls = classLoss(t, scoresSum: scoresSum, gradientScale: loss.gains.cls * scale / scoresSum)
        var boxSum: Double = 0, distanceSum: Double = 0
        let a = anchors.count
        for b in 0..<batch {
            for i in 0..<a where t.foreground[b * a + i] {
                let (iouTerm, distanceTerm) = foregroundLoss(t, b, i, scoresSum: scoresSum, scale: scale)
                boxSum += Double(iouTerm)
                distanceSum += Double(distanceTerm)
            }
        }
        return [Float(boxSum) / scoresSum * loss.gains.box, cls * loss.gains.cls, Float(distanceSum) / scoresSum * loss.gains.dfl]
    }

    /// Σ BCE-with-logits over `[B, nc, A]` divided by `scoresSum`; writes σ(x) − t times `gradientScale`.
    func classLoss(_ t: TaskAlignedAssignment, scoresSum: Float, gradientScale: Float) -> Float {
        let a = anchors.count, nc = loss.nc
        let g = scoreGradient.mutableData
        var total: Double = 0
        for b in 0..<batch {
            for c in 0..<nc {
                var rowSum: Float = 0
                let base = (b * nc + c) * a
                for i in 0..<a {
                    let x = scores[base + i]
                    let target: Float = t.foreground[b * a + i] && Int(t.targetLabels[b * a + i]) == c ? t.targetScores[b * a + i] : 0
                    let e = expf(-Swift.abs(x))
                    rowSum += max(x, 0) - x * target + log1pf(e)
                    let sigmoid = x >= 0 ? 1 / (1 + e) : e / (1 + e)
                    g[base + i] = (sigmoid - target) * gradientScale
                }
                total += Double(rowSum)
            }
        }
        return Float(total) / scoresSum
    }

    /// CIoU and DFL/L1 terms of one foreground anchor (before division by the score sum and the gains); adds their
    /// gradients into `boxGradient`.
    mutating func foregroundLoss(_ t: TaskAlignedAssignment, _ b: Int, _ i: Int, scoresSum: Float, scale: Float)
        -> (Float, Float)
    {
        let a = anchors.count, o = b * a + i, s = anchors.strides[i]
        let weight = t.targetScores[o]
        let target = CornerBox(t.targetBoxes[o * 4] / s, t.targetBoxes[o * 4 + 1] / s,
                               t.targetBoxes[o * 4 + 2] / s, t.targetBoxes[o * 4 + 3] / s)
        var dBox = CornerBox(0, 0, 0, 0)
        let iou = CompleteIoU.value(predictedBox(b, i), target, upstream: -weight * loss.gains.box * scale / scoresSum,
                                    dBox1: &dBox)
        // dist2bbox: x1 = ax − l, y1 = ay − t, x2 = ax + r, y2 = ay + b
        var dDistance: [Float] = [-dBox.x1, -dBox.y1, dBox.x2, dBox.y2]
        let ax = anchors.points[i * 2], ay = anchors.points[i * 2 + 1]
        var targetDistance = [ax - target.x1, ay - target.y1, target.x2 - ax, target.y2 - ay]  // bbox2dist
        let sideScale = loss.gains.dfl * scale * weight / (4 * scoresSum)
        var distanceTerm: Float = 0
        let r = loss.regMax
        let grad = boxGradient.mutableData
        if r > 1 {
            for side in 0..<4 {
                let logits = boxes + (b * 4 * r + side * r) * a + i
                let gradients = grad + (b * 4 * r + side * r) * a + i
                let clampTop = Float(r - 1) - 0.01
                let d = min(max(targetDistance[side], 0), clampTop)
                let left = Int(d), wl = Float(left + 1) - d, wr = 1 - wl
                var m = -Float.infinity
                for j in 0..<r { m = max(m, logits[j * a]) }
                var sum: Float = 0
                for j in 0..<r { sum += expf(logits[j * a] - m) }
                let logSum = logf(sum)
                distanceTerm -= (logits[left * a] - m - logSum) * wl + (logits[(left + 1) * a] - m - logSum) * wr
                let expected = distances[o * 4 + side]
                for j in 0..<r {
                    let p = expf(logits[j * a] - m) / sum
                    let hot: Float = j == left ? wl : (j == left + 1 ? wr : 0)
                    gradients[j * a] += sideScale * (p - hot) + dDistance[side] * p * (Float(j) - expected)
                }
            }
            distanceTerm = distanceTerm / 4 * weight
        } else {
            let size = [anchors.imageWidth, anchors.imageHeight]
            for side in 0..<4 {
                targetDistance[side] = targetDistance[side] * s / size[side % 2]
                let predicted = distances[o * 4 + side] * s / size[side % 2]
                let diff = predicted - targetDistance[side]
                distanceTerm += Swift.abs(diff)
                let sign: Float = diff > 0 ? 1 : (diff < 0 ? -1 : 0)
                dDistance[side] += sideScale * sign * s / size[side % 2]
                grad[(b * 4 + side) * a + i] += dDistance[side]
            }
            distanceTerm = distanceTerm / 4 * weight
        }
        return ((1 - iou) * weight, distanceTerm)
    }
}
