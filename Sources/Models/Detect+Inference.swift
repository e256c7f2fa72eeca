import Tensors

/// Anchors and box decoding of the eval-mode `Detect` output (the reference's `_inference` and `postprocess`).
extension Detect {
    /// Anchor centres `[2, A]` (x + 0.5, y + 0.5 in grid units; levels in order, rows y-major) and strides `[1, A]`.
    public static func anchors(for feats: [Tensor], strides: [Float]) -> (points: Tensor, strides: Tensor) {
        var xs: [Float] = [], ys: [Float] = [], ss: [Float] = []
        for (f, s) in zip(feats, strides) {
            let (h, w) = (f.shape[2], f.shape[3])
            for y in 0..<h {
                for x in 0..<w {
                    xs.append(Float(x) + 0.5)
                    ys.append(Float(y) + 0.5)
                    ss.append(s)
                }
            }
        }
        return (Tensor(xs + ys, shape: [2, xs.count]), Tensor(ss, shape: [1, ss.count]))
    }

    /// Decoded boxes `[B, 4, A]` in input pixels: centre-size (xywh) or corners (xyxy) from ltrb distances.
    public func decodeBoxes(_ head: HeadOutput, xywh: Bool) -> Tensor {
        let distances = dfl.map { $0(head.boxes) } ?? head.boxes                // [B, 4, A]
        let (points, strides) = Detect.anchors(for: head.feats, strides: stride)
        let p = points.unsqueezed(0)                                            // [1, 2, A]
        let parts = distances.split(sizes: [2, 2], axis: 1)
        let topLeft = p - parts[0], bottomRight = p + parts[1]
        let boxes = xywh
            ? Tensor.concat([(topLeft + bottomRight) * 0.5, bottomRight - topLeft], axis: 1)
            : Tensor.concat([topLeft, bottomRight], axis: 1)
        return boxes * strides.unsqueezed(0)
    }

    /// Eval output: `[B, 4 + nc, A]` (xywh pixels + class probabilities) from the one-to-many head, or with
    /// `endToEnd` the one-to-one head's top-k detections `[B, maxDet', 6]` = x1, y1, x2, y2, score, class.
    public func inference(_ out: DetectOutput) -> Tensor {
        if endToEnd, let o2o = out.oneToOne {
            let y = Tensor.concat([decodeBoxes(o2o, xywh: false), o2o.scores.sigmoid()], axis: 1)
            return Detect.topKPostprocess(y.permuted([0, 2, 1]), nc: nc, maxDet: maxDet)
        }
        return Tensor.concat([decodeBoxes(out.oneToMany, xywh: true), out.oneToMany.scores.sigmoid()], axis: 1)
    }

    /// The end-to-end postprocess on `[B, A, 4 + nc]`: top-k anchors by best class score, then top-k over
    /// (anchor, class) pairs; stable order (ties keep the lower index), k = min(maxDet, A).
    public static func topKPostprocess(_ y: Tensor, nc: Int, maxDet: Int) -> Tensor {
        let (b, a) = (y.shape[0], y.shape[1])
        let k = min(maxDet, a), width = 4 + nc
        let out = Tensor(uninitialized: [b, k, 6])
        for bi in 0..<b {
            let base = y.data + bi * a * width
            let best = (0..<a).map { i in (0..<nc).reduce(-Float.infinity) { max($0, base[i * width + 4 + $1]) } }
            let anchors = (0..<a).sorted { best[$0] > best[$1] || (best[$0] == best[$1] && $0 < $1) }.prefix(k)
            var pairs: [(score: Float, slot: Int, cls: Int)] = []
            for (slot, i) in anchors.enumerated() {
                for c in 0..<nc { pairs.append((base[i * width + 4 + c], slot, c)) }
            }
            let ranked = pairs.enumerated().sorted {
                $0.element.score > $1.element.score || ($0.element.score == $1.element.score && $0.offset < $1.offset)
            }.prefix(k)
            let anchorList = Array(anchors)
            for (j, entry) in ranked.enumerated() {
                let i = anchorList[entry.element.slot]
                let o = out.mutableData + (bi * k + j) * 6
                for t in 0..<4 { o[t] = base[i * width + t] }
                o[4] = entry.element.score
                o[5] = Float(entry.element.cls)
            }
        }
        return out
    }
}
