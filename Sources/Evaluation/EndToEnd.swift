/// The YOLO26 one-to-one head's NMS-free selection, as `Detect.postprocess` for one image (REFERENCE.md §5.3).
///
/// `k = min(maxDetections, A)`. Class-aware (default): the top-k anchors by their best class score, then the top-k
/// (anchor, class) pairs among those anchors. Agnostic: the top-k anchors by best score, labelled with that class.
/// Both selections are `torch.topk` as PyTorch's CPU kernel runs it (`torchTopKIndices`), so equal scores come out
/// in the reference's order too.
///
/// - Parameters:
///   - prediction: `(4 + nc, A)` row-major, channel-major: rows 0–3 `x1, y1, x2, y2` in pixels (the one-to-one head
///     decodes to corners), then `nc` rows of sigmoided class scores. `prediction[c * A + a]`.
///   - classCount: `nc`.
/// - Returns: `k` detections by descending score, no confidence threshold applied (see `filterEndToEnd`).
public func endToEndTopK(prediction: [Float], classCount nc: Int, maxDetections: Int = 300, agnostic: Bool = false)
    -> [Detection]
{
    precondition(nc > 0 && prediction.count % (4 + nc) == 0,
                 "prediction of \(prediction.count) values is not (4+nc=\(4 + nc), A)")
    let anchors = prediction.count / (4 + nc)
    let k = min(maxDetections, anchors)
    func score(_ a: Int, _ c: Int) -> Float { prediction[(4 + c) * anchors + a] }
    func box(_ a: Int) -> Box {
        Box(x1: prediction[a], y1: prediction[anchors + a], x2: prediction[2 * anchors + a],
            y2: prediction[3 * anchors + a])
    }
    var bestScore = [Float](repeating: 0, count: anchors)
    var bestClass = [Int](repeating: 0, count: anchors)
    for a in 0..<anchors {
        var best = score(a, 0)
        var label = 0
        for c in 1..<max(nc, 1) where score(a, c) > best {
            best = score(a, c)
            label = c
        }
        bestScore[a] = best
        bestClass[a] = label
    }
    let topAnchors = torchTopKIndices(bestScore, k: k)
    if agnostic {
        return topAnchors.map { Detection(box: box($0), confidence: bestScore[$0], classIndex: bestClass[$0]) }
    }
    // Pairs flattened anchor-major over the selected anchors: index = rank · nc + class.
    var pairScores = [Float]()
    pairScores.reserveCapacity(k * nc)
    for a in topAnchors {
        for c in 0..<nc { pairScores.append(score(a, c)) }
    }
    return torchTopKIndices(pairScores, k: k).map { index in
        let anchor = topAnchors[index / nc]
        return Detection(box: box(anchor), confidence: pairScores[index], classIndex: index % nc)
    }
}

/// The end-to-end branch of `non_max_suppression`: keep rows with confidence `> confidenceThreshold` (and in
/// `classes` if given), in order, then the first `maxDetections`.
public func filterEndToEnd(
    _ detections: [Detection], confidenceThreshold: Float, classes: [Int]? = nil, maxDetections: Int = 300
) -> [Detection] {
    let kept = detections.filter { d in
        d.confidence > confidenceThreshold && (classes.map { $0.contains(d.classIndex) } ?? true)
    }
    return Array(kept.prefix(maxDetections))
}
