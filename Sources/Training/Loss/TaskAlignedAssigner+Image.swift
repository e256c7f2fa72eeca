import Evaluation
import Foundation

/// The assignment of one image: `[maxBoxes, A]` rows of metric, overlap and positive flags, resolved per anchor.
final class ImageAssignment {
    var gtIndex: [Int32] = []     // target_gt_idx [A]
    var score: [Float] = []       // normalised metric of the assigned box [A]
    var foreground: [Bool] = []   // fg_mask [A]

    /// Runs the reference's `_forward` for image `image`; `scores` `[nc, A]` logits, `boxes` `[A, 4]` pixels.
    func run(_ assigner: TaskAlignedAssigner, image: Int, scores: UnsafePointer<Float>, boxes: UnsafePointer<Float>,
             anchors: UnsafePointer<Float>, anchorCount a: Int, groundTruth gt: GroundTruthBoxes) {
        let n = gt.maxBoxes
        var metric = [Float](repeating: 0, count: n * a)    // align_metric [n, A]
        var overlap = [Float](repeating: 0, count: n * a)   // overlaps [n, A]
        var positive = [UInt8](repeating: 0, count: n * a)  // mask_pos [n, A]
        var inBox = [UInt8](repeating: 0, count: n * a)
        let side = assigner.minimumSide, eps = Float(1e-9)
        // select_candidates_in_gts + get_box_metrics
        for g in 0..<n where gt.isValid(image * n + g) {
            let s = (image * n + g) * 4
            let box = CornerBox(gt.boxes[s], gt.boxes[s + 1], gt.boxes[s + 2], gt.boxes[s + 3])
            let cx = (box.x1 + box.x2) / 2, cy = (box.y1 + box.y2) / 2
            var w = box.x2 - box.x1, h = box.y2 - box.y1
            if w < side { w = side }
            if h < side { h = side }
            let x1 = cx - w / 2, y1 = cy - h / 2, x2 = cx + w / 2, y2 = cy + h / 2
            let label = Int(gt.labels[image * n + g])
            precondition(label >= 0 && label < assigner.numClasses,
                         "class \(label) in image \(image) is outside 0..<\(assigner.numClasses): check the dataset's nc")
            let logits = scores + label * a
            for i in 0..<a {
                let ax = anchors[i * 2], ay = anchors[i * 2 + 1]
                guard ax - x1 > eps, ay - y1 > eps, x2 - ax > eps, y2 - ay > eps else { continue }
                inBox[g * a + i] = 1
                let ov = max(CompleteIoU.value(box, CornerBox(boxes + i * 4)), 0)
                let prob = 1 / (1 + expf(-logits[i]))
                overlap[g * a + i] = ov
                metric[g * a + i] = power(prob, assigner.alpha) * power(ov, assigner.beta)
            }
        }
        // select_topk_candidates, masked by the candidates
        for g in 0..<n where gt.isValid(image * n + g) {
            metric.withUnsafeBufferPointer { m in
                inBox.withUnsafeBufferPointer { inside in
                    for i in topKSet(m.baseAddress! + g * a, inside.baseAddress! + g * a, count: a, k: assigner.topk)
                    where inside[g * a + i] != 0 {
                        positive[g * a + i] = 1
                    }
                }
            }
        }
        // select_highest_overlaps: an anchor claimed by several boxes goes to the largest overlap (first on ties)
        for i in 0..<a {
            var claims = 0
            for g in 0..<n { claims += Int(positive[g * a + i]) }
            guard claims > 1 else { continue }
            var best = 0
            for g in 1..<n where overlap[g * a + i] > overlap[best * a + i] { best = g }
            for g in 0..<n { positive[g * a + i] = g == best ? 1 : 0 }
        }
        if assigner.topk2 != assigner.topk {
            var row = [Float](repeating: 0, count: a), keep = [UInt8](repeating: 0, count: a)
            for g in 0..<n where gt.isValid(image * n + g) {  // other rows have no positives to filter
                for i in 0..<a { row[i] = metric[g * a + i] * Float(positive[g * a + i]) }
                let chosen = torchTopK(row, k: assigner.topk2)
                for i in chosen { keep[i] = 1 }
                for i in 0..<a { positive[g * a + i] &= keep[i] }
                for i in chosen { keep[i] = 0 }
            }
        }
        resolve(metric, overlap, positive, anchorCount: a, boxes: n, eps: assigner.eps)
    }

    /// fg mask, assigned slot and the normalised score per anchor (`max(-2)` of mask_pos and the normalisation).
    func resolve(_ metric: [Float], _ overlap: [Float], _ positive: [UInt8], anchorCount a: Int, boxes n: Int,
                 eps: Float) {
        var bestMetric = [Float](repeating: 0, count: n), bestOverlap = [Float](repeating: 0, count: n)
        for g in 0..<n {
            for i in 0..<a where positive[g * a + i] != 0 {
                bestMetric[g] = max(bestMetric[g], metric[g * a + i])
                bestOverlap[g] = max(bestOverlap[g], overlap[g * a + i])
            }
        }
        var gtIndex = [Int32](repeating: 0, count: a)
        var score = [Float](repeating: 0, count: a)
        var foreground = [Bool](repeating: false, count: a)
        defer { (self.gtIndex, self.score, self.foreground) = (gtIndex, score, foreground) }
        for i in 0..<a {
            for g in 0..<n where positive[g * a + i] != 0 {
                gtIndex[i] = Int32(g)
                foreground[i] = true
                score[i] = metric[g * a + i] * bestOverlap[g] / (bestMetric[g] + eps)
                break
            }
        }
    }

    /// Copies this image's rows into `result`.
    func write(into result: inout TaskAlignedAssignment, image b: Int, groundTruth gt: GroundTruthBoxes) {
        let a = result.anchorCount, n = gt.maxBoxes
        for i in 0..<a {
            let o = b * a + i, slot = b * n + Int(gtIndex[i])
            result.targetIndices[o] = gtIndex[i]
            result.foreground[o] = foreground[i]
            result.targetScores[o] = score[i]
            result.targetLabels[o] = max(gt.labels[slot], 0)
            for c in 0..<4 { result.targetBoxes[o * 4 + c] = gt.boxes[slot * 4 + c] }
        }
    }
}

/// x^p with the special cases PyTorch's `pow` takes (0.5 → sqrt, 1, 2, 3 → products).
@inline(__always)
func power(_ x: Float, _ p: Float) -> Float {
    switch p {
    case 0.5: return x.squareRoot()
    case 1: return x
    case 2: return x * x
    case 3: return x * x * x
    default: return powf(x, p)
    }
}

/// Indices `torch.topk(row, k)` selects (as a set, in no particular order). Only ties decide which of several equal
/// values are taken; the common cases are answered without the full tie-exact selection.
/// - Parameter inBox: candidates; a selected zero outside them is masked later, so its identity does not matter.
func topKSet(_ row: UnsafePointer<Float>, _ inBox: UnsafePointer<UInt8>, count: Int, k: Int) -> [Int] {
    var positives: [Int] = []
    var zeroCandidate = false
    for i in 0..<count {
        if row[i] > 0 { positives.append(i) } else if inBox[i] != 0 { zeroCandidate = true }
    }
    if positives.count < k {
        // All positives are taken; which zeros join them matters only when a zero lies inside the box.
        return zeroCandidate ? torchTopK(Array(UnsafeBufferPointer(start: row, count: count)), k: k) : positives
    }
    positives.sort { row[$0] > row[$1] || (row[$0] == row[$1] && $0 < $1) }
    if positives.count > k, row[positives[k - 1]] == row[positives[k]] {
        return torchTopK(Array(UnsafeBufferPointer(start: row, count: count)), k: k)  // a tie at the cut
    }
    return Array(positives.prefix(k))
}

/// `torch.topk(values, k).indices` on the CPU; k = 1 over 64+ values is the first maximum (libstdc++'s heap
/// selection replaces its top only on a strictly larger value).
func torchTopK(_ values: [Float], k: Int) -> [Int] {
    let k = min(k, values.count)
    if k == 1, values.count >= 64 {
        var best = 0
        for i in 1..<values.count where values[i] > values[best] { best = i }
        return [best]
    }
    return torchTopKIndices(values, k: k)
}
