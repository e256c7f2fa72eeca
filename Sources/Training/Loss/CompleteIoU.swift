import Foundation

/// One axis-aligned box as corners (x1, y1, x2, y2), the layout the loss and assigner work in.
public struct CornerBox: Equatable, Sendable {
    public var x1: Float, y1: Float, x2: Float, y2: Float

    public init(_ x1: Float, _ y1: Float, _ x2: Float, _ y2: Float) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// The box read from four consecutive floats.
    @inline(__always)
    init(_ p: UnsafePointer<Float>) { self.init(p[0], p[1], p[2], p[3]) }
}

/// Complete IoU (`bbox_iou(box1, box2, xywh=False, CIoU=True)` of `ultralytics/utils/metrics.py`) in float32 with the
/// reference's operation order, and its gradient with respect to `box1`.
///
/// As in the reference, the aspect-ratio weight `alpha = v / (1 − iou + v + eps)` is a constant for the gradient
/// (computed under `torch.no_grad()`), and `minimum`/`maximum`/`clamp` pass the gradient to the selected operand.
public enum CompleteIoU {
    /// The reference's eps (1e-7), added to heights, the union and the enclosing diagonal.
    public static let eps: Float = 1e-7
    static let aspectGain = Float(4 / (Double.pi * Double.pi))

    /// CIoU of `box1` and `box2` (corners).
    @inline(__always)
    public static func value(_ box1: CornerBox, _ box2: CornerBox) -> Float {
        evaluate(box1, box2, gradient: nil)
    }

    /// CIoU with the aspect-ratio weight held at `alpha`: the function whose gradient the reference (and
    /// `value(_:_:upstream:dBox1:)`) uses, since it computes alpha without gradient.
    public static func value(_ box1: CornerBox, _ box2: CornerBox, alpha: Float) -> Float {
        evaluate(box1, box2, gradient: nil, frozenAlpha: alpha)
    }

    /// The aspect-ratio weight `v / (1 − iou + v + eps)` at `box1`, `box2`.
    public static func alpha(_ box1: CornerBox, _ box2: CornerBox) -> Float {
        var a: Float = 0
        _ = evaluate(box1, box2, gradient: nil, alphaOut: &a)
        return a
    }

    /// CIoU of `box1` and `box2`; `dBox1` receives ∂CIoU/∂(x1, y1, x2, y2) of `box1` times `upstream`.
    @inline(__always)
    public static func value(_ box1: CornerBox, _ box2: CornerBox, upstream: Float, dBox1: inout CornerBox) -> Float {
        var g = (upstream, CornerBox(0, 0, 0, 0))
        let v = evaluate(box1, box2, gradient: &g)
        dBox1 = g.1
        return v
    }

    @inline(__always)
    static func evaluate(_ b1: CornerBox, _ b2: CornerBox, gradient: UnsafeMutablePointer<(Float, CornerBox)>?,
                         frozenAlpha: Float? = nil, alphaOut: UnsafeMutablePointer<Float>? = nil) -> Float {
        let eps = Self.eps
        let w1 = b1.x2 - b1.x1, h1 = b1.y2 - b1.y1 + eps
        let w2 = b2.x2 - b2.x1, h2 = b2.y2 - b2.y1 + eps
        let iwRaw = min(b1.x2, b2.x2) - max(b1.x1, b2.x1)
        let ihRaw = min(b1.y2, b2.y2) - max(b1.y1, b2.y1)
        let iw = max(iwRaw, 0), ih = max(ihRaw, 0)
        let inter = iw * ih
        let union = w1 * h1 + w2 * h2 - inter + eps
        let iou = inter / union
        let cw = max(b1.x2, b2.x2) - min(b1.x1, b2.x1)
        let ch = max(b1.y2, b2.y2) - min(b1.y1, b2.y1)
        let c2 = cw * cw + ch * ch + eps
        let dx = b2.x1 + b2.x2 - b1.x1 - b1.x2, dy = b2.y1 + b2.y2 - b1.y1 - b1.y2
        let rho2 = (dx * dx + dy * dy) / 4
        let angle = atanf(w2 / h2) - atanf(w1 / h1)
        let v = aspectGain * (angle * angle)
        let alpha = frozenAlpha ?? v / (1 - iou + v + eps)
        alphaOut?.pointee = alpha
        let ciou = iou - (rho2 / c2 + v * alpha)
        guard let gradient else { return ciou }

        let g = gradient.pointee.0
        var d = CornerBox(0, 0, 0, 0)
        // iou = inter / union
        let dUnion = -g * inter / (union * union)
        let dInter = g / union - dUnion
        // union = w1·h1 + …
        var dw1 = dUnion * h1, dh1 = dUnion * w1
        // inter = clamp(iw)·clamp(ih)
        let diw = iwRaw >= 0 ? dInter * ih : 0, dih = ihRaw >= 0 ? dInter * iw : 0
        if b1.x2 < b2.x2 { d.x2 += diw }
        if b1.x1 > b2.x1 { d.x1 -= diw }
        if b1.y2 < b2.y2 { d.y2 += dih }
        if b1.y1 > b2.y1 { d.y1 -= dih }
        // − rho2 / c2
        let dRho2 = -g / c2, dC2 = g * rho2 / (c2 * c2)
        let dcw = dC2 * 2 * cw, dch = dC2 * 2 * ch
        if b1.x2 > b2.x2 { d.x2 += dcw }
        if b1.x1 < b2.x1 { d.x1 -= dcw }
        if b1.y2 > b2.y2 { d.y2 += dch }
        if b1.y1 < b2.y1 { d.y1 -= dch }
        let dCentreX = -dRho2 * dx / 2, dCentreY = -dRho2 * dy / 2
        d.x1 += dCentreX
        d.x2 += dCentreX
        d.y1 += dCentreY
        d.y2 += dCentreY
        // − v·alpha, alpha constant; v = k·(atan(w2/h2) − atan(w1/h1))²
        let dv = -g * alpha
        let ratio = w1 / h1
        let dRatio = dv * aspectGain * 2 * angle * -1 / (1 + ratio * ratio)
        dw1 += dRatio / h1
        dh1 += -dRatio * w1 / (h1 * h1)
        d.x2 += dw1
        d.x1 -= dw1
        d.y2 += dh1
        d.y1 -= dh1
        gradient.pointee.1 = d
        return ciou
    }
}
