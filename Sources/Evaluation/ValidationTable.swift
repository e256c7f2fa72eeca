import Foundation

/// The validator's console table in the reference's layout (`DetectionValidator.get_desc` / `print_results`).
public enum ValidationTable {
    /// `("%22s" + "%11s" * 6) % ("Class", "Images", "Instances", "Box(P", "R", "mAP50", "mAP50-95)")`.
    public static let header = padded("Class", 22) + ["Images", "Instances", "Box(P", "R", "mAP50", "mAP50-95)"]
        .map { padded($0, 11) }.joined()

    /// The warning the reference logs when the split has no labels.
    public static func noLabelsWarning(task: String = "detect") -> String {
        "WARNING ⚠️ no labels found in \(task) set, cannot compute metrics without labels"
    }

    /// One row: `("%22s" + "%11i" * 2 + "%11.3g" * 4) % (name, images, instances, p, r, map50, map)`.
    public static func row(_ name: String, images: Int, instances: Int, values: [Double]) -> String {
        padded(name, 22) + padded(String(images), 11) + padded(String(instances), 11)
            + values.map { String(format: "%11.3g", $0) }.joined()
    }

    /// The lines `print_results` logs after a run: the `all` row, the no-labels warning if there are no targets,
    /// and with `verbose` (standalone val, not during training) one row per class with targets when `nc > 1`.
    public static func lines(for metrics: DetMetrics, verbose: Bool = true, training: Bool = false) -> [String] {
        let instances = metrics.ntPerClass.reduce(0, +)
        var lines = [row("all", images: metrics.seen, instances: instances, values: metrics.meanResults)]
        if instances == 0 { lines.append(noLabelsWarning()) }
        if verbose && !training && metrics.names.count > 1 {
            for r in metrics.classRows {
                lines.append(row(r.name, images: r.images, instances: r.instances,
                                 values: [r.precision, r.recall, r.map50, r.map50to95]))
            }
        }
        return lines
    }

    /// `"Speed: 0.3ms preprocess, 12.1ms inference, 0.0ms loss, 1.2ms postprocess per image"` (milliseconds).
    public static func speedLine(preprocess: Double, inference: Double, loss: Double, postprocess: Double) -> String {
        "Speed: " + String(format: "%.1fms preprocess, %.1fms inference, %.1fms loss, %.1fms postprocess per image",
                           preprocess, inference, loss, postprocess)
    }

    /// Right-aligns `text` in `width` characters (Python's `%Ns`; longer text is kept whole).
    static func padded(_ text: String, _ width: Int) -> String {
        let length = text.unicodeScalars.count  // Python counts code points
        return length >= width ? text : String(repeating: " ", count: width - length) + text
    }
}
