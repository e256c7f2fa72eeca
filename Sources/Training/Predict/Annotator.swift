import Evaluation
import Foundation
import Rendering
import YOLOData

/// Draws detections on a picture as `Results.plot()` does: one colour per class from the Ultralytics palette, the
/// box outline and a filled label tab ("person 0.87"), lowest confidence first so the best box ends on top.
public struct Annotator {
    /// cfg `line_width` (nil: 0.3 % of the mean side, at least 2 pixels).
    public var lineWidth: Int? = nil
    /// cfg `show_labels`, `show_conf`, `show_boxes`.
    public var showLabels = true
    public var showConfidence = true
    public var showBoxes = true
    /// Class names by index.
    public var names: [String]

    public init(names: [String]) { self.names = names }

    /// The label text of one detection: `"name 0.87"`, the name or the confidence alone, or empty.
    public func label(for d: Detection) -> String {
        let name = d.classIndex < names.count ? names[d.classIndex] : String(d.classIndex)
        let conf = String(format: "%.2f", d.confidence)
        switch (showLabels, showConfidence) {
        case (true, true): return "\(name) \(conf)"
        case (true, false): return name
        case (false, true): return conf
        case (false, false): return ""
        }
    }

    /// `image` with `detections` (original pixels) drawn on it.
    public func annotated(_ image: Image, detections: [Detection]) throws -> Canvas {
        var canvas = Canvas(rgb: image.pixels, width: image.width, height: image.height)
        guard showBoxes else { return canvas }
        for d in detections.reversed() {
            try canvas.labelBox(x1: Double(d.box.x1), y1: Double(d.box.y1), x2: Double(d.box.x2), y2: Double(d.box.y2),
                                label: label(for: d), color: Colors.colors(d.classIndex), lineWidth: lineWidth)
        }
        return canvas
    }
}
