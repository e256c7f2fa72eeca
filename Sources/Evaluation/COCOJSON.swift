import Foundation

/// A COCO image id: the file stem as a number when it is all digits (`000000000139.jpg` → 139), else the stem.
public enum COCOImageID: Hashable, Sendable {
    case number(Int)
    case name(String)

    /// The id `DetectionValidator.pred_to_json` derives from an image path.
    public init(path: String) {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        if !stem.isEmpty, stem.allSatisfy(\.isNumber), let value = Int(stem) {
            self = .number(value)
        } else {
            self = .name(stem)
        }
    }
}

/// One row of `predictions.json` (`save_json=True`): `{"image_id", "file_name", "category_id", "bbox", "score"}`.
public struct COCODetection: Hashable, Sendable {
    public var imageID: COCOImageID
    public var fileName: String
    public var categoryID: Int
    /// `[left, top, width, height]` in original-image pixels, rounded to 3 decimals.
    public var bbox: [Double]
    /// Confidence rounded to 5 decimals.
    public var score: Double

    /// Rows for one image as `pred_to_json`: `detections` already scaled to the original image (`scaleBoxes`);
    /// `classMap[c]` is the category id of class `c` (`coco80ToCoco91Class` for COCO, else `1...nc`).
    public static func rows(for detections: [Detection], imagePath: String, classMap: [Int]) -> [COCODetection] {
        let imageID = COCOImageID(path: imagePath)
        let fileName = URL(fileURLWithPath: imagePath).lastPathComponent
        return detections.map { d in
            let xywh = d.box.xywh  // float32, then the centre moved to the corner in float32
            let left = xywh[0] - xywh[2] / 2
            let top = xywh[1] - xywh[3] / 2
            return COCODetection(
                imageID: imageID, fileName: fileName, categoryID: classMap[d.classIndex],
                bbox: [left, top, xywh[2], xywh[3]].map { pythonRound(Double($0), digits: 3) },
                score: pythonRound(Double(d.confidence), digits: 5))
        }
    }

    /// Category ids `1...nc` (`DetectionValidator.class_map` for non-COCO data).
    public static func defaultClassMap(classCount: Int) -> [Int] { (0..<classCount).map { $0 + 1 } }

    /// The JSON text `json.dump(jdict, f)` writes: `", "` and `": "` separators, Python float reprs.
    public static func jsonText(_ rows: [COCODetection]) -> String {
        "[" + rows.map(\.jsonText).joined(separator: ", ") + "]"
    }

    /// This row as Python's `json.dumps` writes a dict.
    public var jsonText: String {
        let id: String
        switch imageID {
        case .number(let n): id = String(n)
        case .name(let s): id = Self.jsonString(s)
        }
        return "{\"image_id\": \(id), \"file_name\": \(Self.jsonString(fileName)), \"category_id\": \(categoryID), "
            + "\"bbox\": [\(bbox.map(Self.pythonRepr).joined(separator: ", "))], \"score\": \(Self.pythonRepr(score))}"
    }

    /// Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16.
    static func pythonRepr(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if value == value.rounded(), abs(value) < 1e16 { return String(format: "%.1f", value) }
        let text = "\(value)"  // Swift's shortest round-trip digits
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        let mantissa = text[..<e]
        var exponent = String(text[text.index(after: e)...])
        let sign = exponent.hasPrefix("-") ? "-" : "+"
        exponent = exponent.trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
        if exponent.count < 2 { exponent = "0" + exponent }
        return mantissa.replacingOccurrences(of: ".0", with: "") + "e" + sign + exponent
    }

    /// A JSON string literal with Python's default `ensure_ascii` escaping.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7e {
                    for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Python's `round(x, digits)` (correctly rounded, ties to even on the exact binary value) via C's `%.*f`.
public func pythonRound(_ value: Double, digits: Int) -> Double {
    guard value.isFinite else { return value }
    return Double(String(format: "%.\(digits)f", value)) ?? value
}

/// COCO's 80 → 91 category ids (`converter.coco80_to_coco91_class`).
public let coco80ToCoco91Class: [Int] = [
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27, 28, 31, 32, 33, 34,
    35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
    64, 65, 67, 70, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 84, 85, 86, 87, 88, 89, 90,
]
