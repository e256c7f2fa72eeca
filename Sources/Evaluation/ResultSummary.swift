import Foundation

/// The predictor's console text that depends only on detections and timings (`Results.verbose`, the speed line).
public enum ResultSummary {
    /// `Results.verbose()` for detections: `"4 persons, 1 bus, "` (classes in index order, plural `s` when more than
    /// one), or `"(no detections), "`.
    public static func verbose(classIndices: [Int], names: [String]) -> String {
        if classIndices.isEmpty { return "(no detections), " }
        var counts = [Int](repeating: 0, count: (classIndices.max() ?? 0) + 1)
        for c in classIndices { counts[c] += 1 }
        return counts.enumerated().filter { $0.element > 0 }.map { c, n in
            "\(n) \(c < names.count ? names[c] : String(c))\(n > 1 ? "s" : ""), "
        }.joined()
    }

    /// The predictor's closing line, milliseconds per image: `"Speed: 1.2ms preprocess, 40.3ms inference, 0.8ms
    /// postprocess per image at shape (1, 3, 640, 480)"`; `shape` is `(batch, channels, height, width)`.
    public static func predictionSpeedLine(preprocess: Double, inference: Double, postprocess: Double, shape: [Int])
        -> String
    {
        String(format: "Speed: %.1fms preprocess, %.1fms inference, %.1fms postprocess per image at shape ",
               preprocess, inference, postprocess) + "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
