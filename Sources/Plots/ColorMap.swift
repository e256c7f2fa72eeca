import Rendering

/// A colour map from 0…1 to RGB, interpolating evenly spaced anchor colours (matplotlib's sequential maps).
public struct ColorMap: Sendable {
    public let anchors: [RGB]

    public init(anchors: [RGB]) {
        precondition(anchors.count >= 2, "a colour map needs two anchors")
        self.anchors = anchors
    }

    /// The colour at `t` (clamped to 0…1).
    public func color(_ t: Double) -> RGB {
        let s = (t.isFinite ? min(max(t, 0), 1) : 0) * Double(anchors.count - 1)
        let i = min(Int(s), anchors.count - 2)
        return anchors[i].mixed(with: anchors[i + 1], s - Double(i))
    }

    /// matplotlib "Blues" (ColorBrewer), the confusion matrix map.
    public static let blues = ColorMap(anchors: ["F7FBFF", "DEEBF7", "C6DBEF", "9ECAE1", "6BAED6", "4292C6", "2171B5",
                                                 "08519C", "08306B"].map { RGB(hex: $0)! })

    /// White to blue, the reference's map for the labels.jpg 2-D histograms.
    public static let whiteBlue = ColorMap(anchors: [.white, RGB(0, 0, 255)])
}
