import Foundation
import TestSupport
import YOLOData

/// Small datasets built in temporary folders for the data-tool tests.
enum TestDatasets {
    /// Writes `images/<name>.jpg` (a tiny real JPEG) and `labels/<name>.txt` for each entry (classes, one box each
    /// of `boxSize` normalised width and height); returns the dataset root.
    static func make(_ entries: [(name: String, classes: [Int])], boxSize: Double = 0.2, in root: URL, split: String? = nil,
                     names: [String] = ["common", "rare"]) throws -> URL {
        let sub = split.map { "/\($0)" } ?? ""
        let images = root.appendingPathComponent("images\(sub)"), labels = root.appendingPathComponent("labels\(sub)")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: labels, withIntermediateDirectories: true)
        for (k, entry) in entries.enumerated() {
            var image = Image(width: 64, height: 48, fill: UInt8(40 + (k * 37) % 180))
            for x in 0..<(k % 64) { image.pixels[x * 3] = 255 }
            try Data(try JPEGCodec.encode(image, quality: 90)).write(to: images.appendingPathComponent("\(entry.name).jpg"))
            let rows = entry.classes.enumerated().map { i, c in
                String(format: "%d %.4f %.4f %.4f %.4f", c, boxSize >= 0.5 ? 0.5 : 0.3 + 0.1 * Double(i % 4), 0.5, boxSize, boxSize)
            }
            try (rows.joined(separator: "\n") + (rows.isEmpty ? "" : "\n"))
                .write(to: labels.appendingPathComponent("\(entry.name).txt"), atomically: true, encoding: .utf8)
        }
        return root
    }

    /// A data.yaml with train/val folders under `root`.
    static func yaml(_ root: URL, names: [String] = ["common", "rare"], val: String = "images/val") throws -> URL {
        let file = root.appendingPathComponent("data.yaml")
        let list = names.enumerated().map { "  \($0.offset): \($0.element)" }.joined(separator: "\n")
        try "path: .\ntrain: images/train\nval: \(val)\nnames:\n\(list)\n".write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Copies a shared dataset into a fresh temporary folder (the shared copy is never modified).
    static func copyShared(_ name: String) throws -> URL {
        let target = TestPaths.temporaryDirectory("yolo-\(name)-copy").appendingPathComponent(name)
        try FileManager.default.copyItem(at: TestPaths.dataset(name), to: target)
        for cache in (FileManager.default.enumerator(atPath: target.path)?.allObjects as? [String] ?? []) where cache.hasSuffix(".cache") {
            try? FileManager.default.removeItem(at: target.appendingPathComponent(cache))
        }
        return target
    }
}
