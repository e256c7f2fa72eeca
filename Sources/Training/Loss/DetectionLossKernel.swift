import Dispatch
import Foundation
import Kernels
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
            if r == 1 {
                for b in 0..<batch {
                    for side in 0..<4 {
                        for i in 0..<a { d[(b * a + i) * 4 + side] = boxes[(b * 4 + side) * a + i] }
                    }
                }
            } else {
                Self.decodeDistributions(boxes, batch: batch, bins: r, anchors: a, into: d.baseAddress!)
            }
        }
    }

    /// DFL decode: per (image, side, anchor) the softmax expectation Σ softmax(x)_j · j over `bins` logits
    /// `[B, 4·bins, A]`, written to `[B, A, 4]`. Loops run over anchors (contiguous) so they vectorise.
    static func decodeDistributions(_ x: UnsafePointer<Float>, batch: Int, bins: Int, anchors a: Int,
                                    into d: UnsafeMutablePointer<Float>) {
        let m = UnsafeMutablePointer<Float>.allocate(capacity: 3 * a)
        defer { m.deallocate() }
        let sum = m + a, weighted = m + 2 * a
        for b in 0..<batch {
            for side in 0..<4 {
                let base = x + (b * 4 + side) * bins * a
                m.update(from: base, count: a)
                for j in 1..<bins {
                    let row = base + j * a
                    for i in 0..<a { m[i] = max(m[i], row[i]) }
                }
                sum.update(repeating: 0, count: a)
                weighted.update(repeating: 0, count: a)
                for j in 0..<bins {
                    let row = base + j * a, bin = Float(j)
                    for i in 0..<a {
                        let e = FastMath.exp(row[i] - m[i])
                        sum[i] += e
                        weighted[i] += e * bin
                    }
                }
                for i in 0..<a { d[(b * a + i) * 4 + side] = weighted[i] / sum[i] }
            }
        }
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
    /// Images run in parallel; each row of anchors is one vectorisable loop.
    func classLoss(_ t: TaskAlignedAssignment, scoresSum: Float, gradientScale: Float) -> Float {
        let a = anchors.count, nc = loss.nc
        // Per anchor: the target class (−1 for background) and its score.
        var targetClass = [Int32](repeating: -1, count: batch * a)
        for o in 0..<(batch * a) where t.foreground[o] { targetClass[o] = t.targetLabels[o] }
        var partial = [Double](repeating: 0, count: batch)
        let shared = UnsafeSendable((scores, scoreGradient.mutableData, targetClass, t.targetScores))
        partial.withUnsafeMutableBufferPointer { sums in
            let sums = UnsafeSendable(sums)
            DispatchQueue.concurrentPerform(iterations: batch) { b in
                let (scores, gradient, targetClass, targetScores) = shared.value
                var total: Double = 0
                let terms = UnsafeMutablePointer<Float>.allocate(capacity: a)
                defer { terms.deallocate() }
                targetClass.withUnsafeBufferPointer { cls in
                    targetScores.withUnsafeBufferPointer { score in
                        let cls = cls.baseAddress! + b * a, score = score.baseAddress! + b * a
                        for c in 0..<nc {
                            let x = scores + (b * nc + c) * a, g = gradient + (b * nc + c) * a
                            let label = Int32(c)
                            // No reduction in this loop, so it vectorises; the terms are summed after.
                            for i in 0..<a {
                                let value = score[i]  // loaded unconditionally: a conditional load blocks vectorising
                                let target = cls[i] == label ? value : 0
                                let (l, d) = LossMath.binaryCrossEntropy(x[i], target)
                                terms[i] = l
                                g[i] = d * gradientScale
                            }
                            total += LossMath.sum(terms, count: a)
                        }
                    }
                }
                sums.value[b] = total
            }
        }
        return Float(partial.reduce(0, +)) / scoresSum
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
