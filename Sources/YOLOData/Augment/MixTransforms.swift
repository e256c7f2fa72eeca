/// The reference's mix transforms: Mosaic (4 images), MixUp and CutMix.
public enum MixTransforms {
    /// Places four samples around a random centre on a 2s×2s canvas filled with 114 (the reference's `Mosaic`, n=4).
    /// Boxes are shifted with their patches, clipped to the canvas, and zero-area boxes dropped.
    public static func mosaic(_ samples: [Sample], size s: Int, random: inout DataRandom) -> Sample {
        precondition(samples.count == 4, "mosaic needs 4 samples, got \(samples.count)")
        // yc, xc = int(uniform(s//2, 2s - s//2)) — drawn y first, as the reference's generator expression.
        let half = s / 2
        let yc = Int(random.uniform(Double(half), Double(2 * s - half)))
        let xc = Int(random.uniform(Double(half), Double(2 * s - half)))
        return mosaic(samples, size: s, centerX: xc, centerY: yc)
    }

    /// The mosaic for a given centre (exposed for hand-computed tests).
    public static func mosaic(_ samples: [Sample], size s: Int, centerX xc: Int, centerY yc: Int) -> Sample {
        var canvas = Image(width: 2 * s, height: 2 * s, fill: 114)
        var out = Sample(image: Image(width: 0, height: 0, pixels: []))
        for (i, sample) in samples.enumerated() {
            let h = sample.image.height, w = sample.image.width
            let x1a, y1a, x2a, y2a, x1b, y1b: Int
            switch i {
            case 0:
                (x1a, y1a, x2a, y2a) = (max(xc - w, 0), max(yc - h, 0), xc, yc)
                (x1b, y1b) = (w - (x2a - x1a), h - (y2a - y1a))
            case 1:
                (x1a, y1a, x2a, y2a) = (xc, max(yc - h, 0), min(xc + w, s * 2), yc)
                (x1b, y1b) = (0, h - (y2a - y1a))
            case 2:
                (x1a, y1a, x2a, y2a) = (max(xc - w, 0), yc, xc, min(s * 2, yc + h))
                (x1b, y1b) = (w - (x2a - x1a), 0)
            default:
                (x1a, y1a, x2a, y2a) = (xc, yc, min(xc + w, s * 2), min(s * 2, yc + h))
                (x1b, y1b) = (0, 0)
            }
            canvas.paste(sample.image, sourceX: x1b, sourceY: y1b, width: x2a - x1a, height: y2a - y1a, atX: x1a, y: y1a)
            var moved = sample
            moved.translateBoxes(dx: Float(x1a - x1b), dy: Float(y1a - y1b))
            out.appendBoxes(of: moved)
        }
        out.image = canvas
        out.clipBoxes(width: Float(2 * s), height: Float(2 * s))
        out.removeZeroAreaBoxes()
        return out
    }

    /// MixUp: `img·r + other·(1−r)` truncated to bytes, r ~ Beta(32, 32); boxes of both kept.
    public static func mixup(_ a: Sample, _ b: Sample, random: inout DataRandom) -> Sample {
        mixup(a, b, ratio: random.beta(32, 32))
    }

    /// MixUp with a given ratio.
    public static func mixup(_ a: Sample, _ b: Sample, ratio r: Double) -> Sample {
        precondition(a.image.width == b.image.width && a.image.height == b.image.height,
                     "mixup needs equal sizes: \(a.image.width)x\(a.image.height) vs \(b.image.width)x\(b.image.height)")
        var out = a
        let rf = Float(r), rb = Float(1 - r)
        b.image.pixels.withUnsafeBufferPointer { src in
            out.image.pixels.withUnsafeMutableBufferPointer { dst in
                for i in 0..<dst.count { dst[i] = UInt8(Float(dst[i]) * rf + Float(src[i]) * rb) }
            }
        }
        out.appendBoxes(of: b)
        return out
    }

    /// Intersection over the area of `box` (the reference's `bbox_ioa` column).
    static func ioa(_ area: (Float, Float, Float, Float), _ boxes: [Float], _ k: Int) -> Float {
        let iw = max(min(area.2, boxes[k * 4 + 2]) - max(area.0, boxes[k * 4]), 0)
        let ih = max(min(area.3, boxes[k * 4 + 3]) - max(area.1, boxes[k * 4 + 1]), 0)
        let boxArea = (boxes[k * 4 + 2] - boxes[k * 4]) * (boxes[k * 4 + 3] - boxes[k * 4 + 1]) + 1e-7
        return iw * ih / boxArea
    }

    /// CutMix: paste a random rectangle of `b` that covers none of `a`'s boxes; keep `b`'s boxes that overlap it by
    /// ≥ 10 % of their area, clipped to the rectangle. Unchanged when no candidate rectangle is free.
    public static func cutmix(_ a: Sample, _ b: Sample, random: inout DataRandom, areas: Int = 3) -> Sample {
        let w = a.image.width, h = a.image.height
        var candidates: [(Float, Float, Float, Float)] = []
        for _ in 0..<areas {
            let lam = random.beta(1, 1), cut = (1 - lam).squareRoot()
            let cw = Int(Double(w) * cut), ch = Int(Double(h) * cut)
            let cx = random.index(below: w), cy = random.index(below: h)
            let x1 = min(max(cx - cw / 2, 0), w), y1 = min(max(cy - ch / 2, 0), h)
            let x2 = min(max(cx + cw / 2, 0), w), y2 = min(max(cy + ch / 2, 0), h)
            candidates.append((Float(x1), Float(y1), Float(x2), Float(y2)))
        }
        let free = candidates.indices.filter { c in (0..<a.count).reduce(Float(0)) { $0 + ioa(candidates[c], a.boxes, $1) } <= 0 }
        guard !free.isEmpty else { return a }
        let area = candidates[free[random.index(below: free.count)]]
        let keep = (0..<b.count).map { ioa(area, b.boxes, $0) >= 0.1 }
        guard keep.contains(true) else { return a }
        var out = a
        let (x1, y1, x2, y2) = (Int(area.0), Int(area.1), Int(area.2), Int(area.3))
        out.image.paste(b.image, sourceX: x1, sourceY: y1, width: x2 - x1, height: y2 - y1, atX: x1, y: y1)
        var pasted = b
        pasted.filterBoxes(keep)
        pasted.translateBoxes(dx: -area.0, dy: -area.1)
        pasted.clipBoxes(width: area.2 - area.0, height: area.3 - area.1)
        pasted.translateBoxes(dx: area.0, dy: area.1)
        out.appendBoxes(of: pasted)
        return out
    }
}
