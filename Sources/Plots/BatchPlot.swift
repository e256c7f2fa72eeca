import Evaluation
import Foundation
import Rendering
import YOLOData

/// train_batchN.jpg, val_batchN_labels.jpg and val_batchN_pred.jpg (`plot_images`): up to 16 batch images in a
/// square grid (at most 1920 pixels), each with its file name and its boxes labelled in class colours.
public enum BatchPlot {
    /// Draws `batch` with its targets, or with `predictions` (batch-image pixels, per image) when given; predictions
    /// at or below `confidenceThreshold` are left out, as the reference does.
    public static func render(_ batch: Batch, names: [String], predictions: [[Detection]]? = nil,
                              confidenceThreshold: Float = 0.25, maxSize: Int = 1920, maxSubplots: Int = 16) throws -> Canvas {
        let count = min(batch.count, maxSubplots)
        let grid = Int(Double(count).squareRoot().rounded(.up))
        var h = batch.height, w = batch.width
        var mosaic = Canvas(width: grid * w, height: grid * h, background: .white)
        for i in 0..<count {
            mosaic.drawImage(image(batch, i), x: w * (i / grid), y: h * (i % grid))  // column-major, as the reference
        }
        let scale = Double(maxSize) / Double(grid) / Double(max(h, w))
        if scale < 1 {
            h = Int((scale * Double(h)).rounded(.up))
            w = Int((scale * Double(w)).rounded(.up))
            mosaic = mosaic.resized(width: w * grid, height: h * grid)
        }
        let fontSize = Double(max(Int(Double((h + w) * grid) * 0.01), 18))
        let lineWidth = max(Int((fontSize / 10).rounded()), 1)
        let font = try Font.standard()
        for i in 0..<count {
            let x = w * (i / grid), y = h * (i % grid)
            mosaic.strokeRect(x1: x, y1: y, x2: x + w, y2: y + h, color: .white, lineWidth: 2)
            if i < batch.meta.count {
                let name = String(URL(fileURLWithPath: batch.meta[i].file).lastPathComponent.prefix(40))
                mosaic.draw(TextMask(name, size: fontSize, font: font), x: x + 5, y: y + 5, color: RGB(220, 220, 220))
            }
            let sx = Double(w) / Double(batch.width), sy = Double(h) / Double(batch.height)
            for (box, cls, confidence) in boxes(batch, predictions: predictions, image: i) {
                if let confidence, confidence <= confidenceThreshold { continue }
                let name = cls >= 0 && cls < names.count ? names[cls] : "\(cls)"
                let label = confidence.map { "\(name) \(String(format: "%.1f", $0))" } ?? name
                try mosaic.labelBox(x1: Double(x) + Double(box.x1) * sx, y1: Double(y) + Double(box.y1) * sy,
                                    x2: Double(x) + Double(box.x2) * sx, y2: Double(y) + Double(box.y2) * sy,
                                    label: label, color: Colors.colors(cls), lineWidth: lineWidth,
                                    fontSize: fontSize, font: font)
            }
        }
        return mosaic
    }

    /// Image `i` of the batch as RGB8.
    static func image(_ batch: Batch, _ i: Int) -> Canvas {
        let plane = batch.height * batch.width
        var rgb = [UInt8](repeating: 0, count: plane * 3)
        batch.images.withUnsafeBufferPointer { src in
            let base = i * 3 * plane
            for p in 0..<plane {
                for c in 0..<3 { rgb[p * 3 + c] = UInt8(min(max(src[base + c * plane + p] * 255, 0), 255).rounded()) }
            }
        }
        return Canvas(rgb: rgb, width: batch.width, height: batch.height)
    }

    /// The boxes of image `image` in batch-image pixels: targets (no confidence) or predictions.
    static func boxes(_ batch: Batch, predictions: [[Detection]]?, image: Int) -> [(Box, Int, Float?)] {
        if let predictions {
            guard image < predictions.count else { return [] }
            return predictions[image].map { ($0.box, $0.classIndex, $0.confidence) }
        }
        var out: [(Box, Int, Float?)] = []
        let W = Float(batch.width), H = Float(batch.height)
        for k in 0..<batch.targetCount where Int(batch.targets[k * 6]) == image {
            let t = batch.targets[(k * 6)..<(k * 6 + 6)].map { $0 }
            let box = Box(x1: (t[2] - t[4] / 2) * W, y1: (t[3] - t[5] / 2) * H, x2: (t[2] + t[4] / 2) * W, y2: (t[3] + t[5] / 2) * H)
            out.append((box, Int(t[1]), nil))
        }
        return out
    }

    /// Writes the mosaic of `batch` to `url` (JPEG by its extension).
    public static func write(_ batch: Batch, names: [String], predictions: [[Detection]]? = nil, to url: URL) throws {
        try render(batch, names: names, predictions: predictions).write(to: url)
    }
}
