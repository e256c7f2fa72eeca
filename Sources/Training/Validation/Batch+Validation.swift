import Evaluation
import Foundation
import YOLOData

extension Batch {
    /// The targets of image `i` in batch-image pixels (`_prepare_batch`: `xywh2xyxy(bboxes) · imgsz`).
    public func groundTruth(image i: Int) -> [GroundTruth] {
        var truth: [GroundTruth] = []
        let (w, h) = (Float(width), Float(height))
        for r in stride(from: 0, to: targets.count, by: 6) where Int(targets[r]) == i {
            let (cx, cy, bw, bh) = (targets[r + 2], targets[r + 3], targets[r + 4], targets[r + 5])
            truth.append(GroundTruth(
                box: Box(x1: (cx - bw / 2) * w, y1: (cy - bh / 2) * h, x2: (cx + bw / 2) * w, y2: (cy + bh / 2) * h),
                classIndex: Int(targets[r + 1])))
        }
        return truth
    }

    /// The reference's `ratio_pad` of image `i` for a validation batch: per-axis gains of `load_image`'s resize (long
    /// side to `imageSize`, sides rounded up and capped) and the letterbox padding (scale-up is off in val, so the
    /// letterbox gain is 1).
    public func ratioPad(image i: Int, imageSize: Int) -> RatioPad {
        let m = meta[i]
        let (w0, h0) = (Double(m.originalWidth), Double(m.originalHeight))
        let r = Double(imageSize) / max(w0, h0)
        var (w, h) = (w0, h0)
        if r != 1 {
            w = min((w0 * r).rounded(.up), Double(imageSize))
            h = min((h0 * r).rounded(.up), Double(imageSize))
        }
        let letterbox = m.scale / (w / w0)  // 1 unless the batch shape is smaller than the loaded image
        return RatioPad(gainY: h / h0 * letterbox, gainX: w / w0 * letterbox, padX: Double(m.padLeft),
                        padY: Double(m.padTop))
    }
}
