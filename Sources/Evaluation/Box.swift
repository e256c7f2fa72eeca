/// An axis-aligned box in pixels: top-left corner `(x1, y1)`, bottom-right corner `(x2, y2)` (Ultralytics `xyxy`).
///
/// Coordinates are `Float` because the reference keeps boxes in float32 tensors; every operation here repeats the
/// reference's float32 arithmetic in the same order so results agree to the last bit where it matters (thresholds).
public struct Box: Hashable, Sendable, CustomStringConvertible {
    public var x1: Float
    public var y1: Float
    public var x2: Float
    public var y2: Float

    /// A box from its corners (`xyxy`).
    public init(x1: Float, y1: Float, x2: Float, y2: Float) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// A box from a 4-element `xyxy` array slice.
    public init<C: Collection>(xyxy values: C) where C.Element == Float {
        precondition(values.count == 4, "a box needs 4 values, got \(values.count)")
        var i = values.startIndex
        x1 = values[i]; values.formIndex(after: &i)
        y1 = values[i]; values.formIndex(after: &i)
        x2 = values[i]; values.formIndex(after: &i)
        y2 = values[i]
    }

    /// A box from centre and size (`xywh`), as `ops.xywh2xyxy`: half-size first, then centre ± half-size.
    public init(centerX: Float, centerY: Float, width: Float, height: Float) {
        let halfWidth = width / 2
        let halfHeight = height / 2
        self.init(x1: centerX - halfWidth, y1: centerY - halfHeight, x2: centerX + halfWidth, y2: centerY + halfHeight)
    }

    /// `[x1, y1, x2, y2]`.
    public var xyxy: [Float] { [x1, y1, x2, y2] }

    /// `[cx, cy, w, h]` as `ops.xyxy2xywh`.
    public var xywh: [Float] { [(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1] }

    /// `[left, top, w, h]` as `ops.xyxy2ltwh` (COCO's `bbox`).
    public var ltwh: [Float] { [x1, y1, x2 - x1, y2 - y1] }

    /// Width `x2 − x1` (negative for an inverted box).
    public var width: Float { x2 - x1 }

    /// Height `y2 − y1`.
    public var height: Float { y2 - y1 }

    /// `width · height`, no clamping (as the reference computes areas).
    public var area: Float { (x2 - x1) * (y2 - y1) }

    /// The box moved by `(dx, dy)`.
    public func offsetBy(dx: Float, dy: Float) -> Box { Box(x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy) }

    public var description: String { "Box(\(x1), \(y1), \(x2), \(y2))" }
}

extension Box {
    /// Boxes from a flat `(N, 4)` row-major `xyxy` array.
    public static func boxes(xyxy values: [Float]) -> [Box] {
        precondition(values.count % 4 == 0, "xyxy array of \(values.count) values is not (N, 4)")
        return stride(from: 0, to: values.count, by: 4).map { Box(xyxy: values[$0..<$0 + 4]) }
    }

    /// Boxes from a flat `(N, 4)` row-major `xywh` array (`ops.xywh2xyxy`).
    public static func boxes(xywh values: [Float]) -> [Box] {
        precondition(values.count % 4 == 0, "xywh array of \(values.count) values is not (N, 4)")
        return stride(from: 0, to: values.count, by: 4).map {
            Box(centerX: values[$0], centerY: values[$0 + 1], width: values[$0 + 2], height: values[$0 + 3])
        }
    }
}
