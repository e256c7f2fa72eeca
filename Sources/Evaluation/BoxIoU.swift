#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pairwise IoU `(N, M)` of `first` (N) and `second` (M) boxes, as `metrics.box_iou` computes it in float32:
/// `inter / (area1 + area2 − inter + 1e-7)`, intersection sides clamped at 0.
public func boxIoU(_ first: [Box], _ second: [Box], eps: Float = 1e-7) -> [[Float]] {
    first.map { a in
        let areaA = (a.x2 - a.x1) * (a.y2 - a.y1)
        return second.map { b in
            let w = max(min(a.x2, b.x2) - max(a.x1, b.x1), 0)
            let h = max(min(a.y2, b.y2) - max(a.y1, b.y1), 0)
            let inter = w * h
            return inter / (areaA + (b.x2 - b.x1) * (b.y2 - b.y1) - inter + eps)
        }
    }
}

/// The IoU variants of `metrics.bbox_iou`.
public enum IoUKind: Sendable {
    case iou, giou, diou, ciou
}

/// A floating-point scalar with the arc tangent CIoU needs (`Float`, `Double`).
public protocol IoUScalar: BinaryFloatingPoint {
    /// `atan(self)`.
    var arcTangent: Self { get }
}

extension Float: IoUScalar {
    public var arcTangent: Float { atanf(self) }
}

extension Double: IoUScalar {
    public var arcTangent: Double { atan(self) }
}

/// IoU / GIoU / DIoU / CIoU of two boxes given as `(x1, y1, x2, y2)` or, with `xywh`, `(cx, cy, w, h)`, exactly as
/// `metrics.bbox_iou` for one pair (the loss's `bbox_iou(pred, target, xywh=False, CIoU=True)`).
/// In `xyxy` mode the reference adds `eps` to the heights before the areas and aspect ratios; `xywh` mode does not.
public func bboxIoU<T: IoUScalar>(
    _ box1: (T, T, T, T), _ box2: (T, T, T, T), xywh: Bool = true, kind: IoUKind = .iou, eps: T = T(1e-7)
) -> T {
    let b1x1: T, b1y1: T, b1x2: T, b1y2: T, b2x1: T, b2y1: T, b2x2: T, b2y2: T
    let w1: T, h1: T, w2: T, h2: T
    if xywh {
        (w1, h1, w2, h2) = (box1.2, box1.3, box2.2, box2.3)
        let (hw1, hh1, hw2, hh2) = (w1 / 2, h1 / 2, w2 / 2, h2 / 2)
        (b1x1, b1x2, b1y1, b1y2) = (box1.0 - hw1, box1.0 + hw1, box1.1 - hh1, box1.1 + hh1)
        (b2x1, b2x2, b2y1, b2y2) = (box2.0 - hw2, box2.0 + hw2, box2.1 - hh2, box2.1 + hh2)
    } else {
        (b1x1, b1y1, b1x2, b1y2) = box1
        (b2x1, b2y1, b2x2, b2y2) = box2
        (w1, h1) = (b1x2 - b1x1, b1y2 - b1y1 + eps)
        (w2, h2) = (b2x2 - b2x1, b2y2 - b2y1 + eps)
    }
    let inter = max(min(b1x2, b2x2) - max(b1x1, b2x1), 0) * max(min(b1y2, b2y2) - max(b1y1, b2y1), 0)
    let union = w1 * h1 + w2 * h2 - inter + eps
    let iou = inter / union
    if kind == .iou { return iou }
    let cw = max(b1x2, b2x2) - min(b1x1, b2x1)  // smallest enclosing box
    let ch = max(b1y2, b2y2) - min(b1y1, b2y1)
    if kind == .giou {
        let cArea = cw * ch + eps
        return iou - (cArea - union) / cArea
    }
    let c2 = cw * cw + ch * ch + eps  // enclosing diagonal squared
    let dx = b2x1 + b2x2 - b1x1 - b1x2
    let dy = b2y1 + b2y2 - b1y1 - b1y2
    let rho2 = (dx * dx + dy * dy) / 4  // centre distance squared
    if kind == .diou { return iou - rho2 / c2 }
    let d = (w2 / h2).arcTangent - (w1 / h1).arcTangent
    let v = T(4.0 / (Double.pi * Double.pi)) * (d * d)  // the reference folds 4/π² in double
    let alpha = v / (1 - iou + v + eps)
    return iou - (rho2 / c2 + v * alpha)
}
