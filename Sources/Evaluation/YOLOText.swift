import Foundation

/// YOLO-format result lines, as `Results.save_txt` writes them for detections (`save_txt=True`).
public enum YOLOText {
    /// One line per detection: `class cx cy w h [conf]`, the box normalised by the original image size (float32
    /// `xywhn`), every number printed with Python's `%g`.
    public static func lines(for detections: [Detection], imageShape: ImageShape, saveConfidence: Bool = false)
        -> [String]
    {
        let width = Float(imageShape.width)
        let height = Float(imageShape.height)
        return detections.map { d in
            let xywh = d.box.xywh
            var fields = [String(d.classIndex)]
            fields += [xywh[0] / width, xywh[1] / height, xywh[2] / width, xywh[3] / height].map { g(Double($0)) }
            if saveConfidence { fields.append(g(Double(d.confidence))) }
            return fields.joined(separator: " ")
        }
    }

    /// The text of a labels file: the lines, each ending in a newline.
    public static func text(for detections: [Detection], imageShape: ImageShape, saveConfidence: Bool = false)
        -> String
    {
        lines(for: detections, imageShape: imageShape, saveConfidence: saveConfidence).map { $0 + "\n" }.joined()
    }

    /// Python's `"%g" % value` (C's `%g`: 6 significant digits, trailing zeros dropped).
    static func g(_ value: Double) -> String { String(format: "%g", value) }
}
