import Foundation

/// Drawing on images and the preview grid of augmented training samples (like the reference's `train_batch0.jpg`).
public enum PreviewGrid {
    /// Ultralytics' 20-colour palette for classes.
    static let palette: [(UInt8, UInt8, UInt8)] = [
        0xFF3838, 0xFF9D97, 0xFF701F, 0xFFB21D, 0xCFD231, 0x48F90A, 0x92CC17, 0x3DDB86, 0x1A9334, 0x00D4BB,
        0x2C99A8, 0x00C2FF, 0x344593, 0x6473FF, 0x0018EC, 0x8438FF, 0x520085, 0xCB38FF, 0xFF95C8, 0xFF37C7,
    ].map { (UInt8($0 >> 16), UInt8(($0 >> 8) & 0xFF), UInt8($0 & 0xFF)) }

    /// The colour of class `k`.
    public static func color(_ k: Int) -> (UInt8, UInt8, UInt8) { palette[((k % palette.count) + palette.count) % palette.count] }

    /// Fills a rectangle (clipped to the image).
    static func fill(_ image: inout Image, x0: Int, y0: Int, x1: Int, y1: Int, color: (UInt8, UInt8, UInt8)) {
        let xa = max(0, x0), ya = max(0, y0), xb = min(image.width, x1), yb = min(image.height, y1)
        guard xa < xb, ya < yb else { return }
        let w = image.width
        image.pixels.withUnsafeMutableBufferPointer { px in
            for y in ya..<yb {
                for x in xa..<xb {
                    let i = (y * w + x) * 3
                    px[i] = color.0; px[i + 1] = color.1; px[i + 2] = color.2
                }
            }
        }
    }

    /// Draws text with the bitmap font, top-left at (x, y).
    static func text(_ image: inout Image, _ string: String, x: Int, y: Int, scale: Int, color: (UInt8, UInt8, UInt8)) {
        var cx = x
        for ch in string {
            let rows = BitmapFont.glyph(ch)
            for (r, bits) in rows.enumerated() {
                for c in 0..<BitmapFont.width where bits & (0x10 >> UInt8(c)) != 0 {
                    fill(&image, x0: cx + c * scale, y0: y + r * scale, x1: cx + (c + 1) * scale, y1: y + (r + 1) * scale, color: color)
                }
            }
            cx += (BitmapFont.width + 1) * scale
        }
    }

    /// Draws every box of a sample with its class name on a filled tab.
    public static func annotate(_ sample: Sample, names: [String], lineWidth: Int? = nil) -> Image {
        var image = sample.image
        let t = lineWidth ?? max(1, Int((Double(image.width + image.height) / 2 * 0.003).rounded()))
        let scale = max(1, t)
        for k in 0..<sample.count {
            let c = color(Int(sample.classes[k]))
            let x0 = Int(sample.boxes[k * 4]), y0 = Int(sample.boxes[k * 4 + 1])
            let x1 = Int(sample.boxes[k * 4 + 2].rounded(.up)), y1 = Int(sample.boxes[k * 4 + 3].rounded(.up))
            fill(&image, x0: x0, y0: y0, x1: x1, y1: y0 + t, color: c)
            fill(&image, x0: x0, y0: y1 - t, x1: x1, y1: y1, color: c)
            fill(&image, x0: x0, y0: y0, x1: x0 + t, y1: y1, color: c)
            fill(&image, x0: x1 - t, y0: y0, x1: x1, y1: y1, color: c)
            let cls = Int(sample.classes[k])
            let label = cls < names.count ? names[cls] : "\(cls)"
            let tw = BitmapFont.textWidth(label, scale: scale) + 2 * scale, th = (BitmapFont.height + 2) * scale
            let ty = y0 - th >= 0 ? y0 - th : y0
            fill(&image, x0: x0, y0: ty, x1: x0 + tw, y1: ty + th, color: c)
            text(&image, label, x: x0 + scale, y: ty + scale, scale: scale, color: (255, 255, 255))
        }
        return image
    }

    /// Annotated samples in a grid (columns = ⌈√n⌉), shrunk so the longer side is at most `maxSize`.
    public static func render(_ samples: [Sample], names: [String], maxSize: Int = 1920) -> Image {
        precondition(!samples.isEmpty, "preview needs at least one sample")
        let columns = Int(Double(samples.count).squareRoot().rounded(.up))
        let rows = (samples.count + columns - 1) / columns
        let tileW = samples.map(\.image.width).max()!, tileH = samples.map(\.image.height).max()!
        var grid = Image(width: columns * tileW, height: rows * tileH, fill: 255)
        for (k, sample) in samples.enumerated() {
            let tile = annotate(sample, names: names)
            let x = (k % columns) * tileW, y = (k / columns) * tileH
            grid.paste(tile, sourceX: 0, sourceY: 0, width: tile.width, height: tile.height, atX: x, y: y)
            // A thin white frame between tiles, as the reference draws.
            fill(&grid, x0: x, y0: y, x1: x + tileW, y1: y + 2, color: (255, 255, 255))
            fill(&grid, x0: x, y0: y, x1: x + 2, y1: y + tileH, color: (255, 255, 255))
        }
        let r = Double(maxSize) / Double(max(grid.width, grid.height))
        if r < 1 {
            grid = Resize.bilinear(grid, width: max(1, Int(Double(grid.width) * r)), height: max(1, Int(Double(grid.height) * r)))
        }
        return grid
    }
}

extension DataLoader {
    /// The first `count` augmented training samples of `epoch` with their boxes, as the loader makes them.
    public func previewSamples(count: Int = 16, epoch: Int = 0) -> [Sample] {
        let order = order(epoch: epoch)
        let members = Array(order.prefix(count))
        var settings = options.augmentation(forEpoch: epoch)
        if options.rect { settings = settings.closingMosaic }
        let augmenter = TrainingAugmenter(imageSize: options.imageSize, settings: settings)
        let shape = rect?.shapes.first ?? (options.imageSize, options.imageSize)
        return members.enumerated().map { position, i in
            if options.augment {
                var random = DataRandom(seed: options.seed, stream: Stream.augment.rawValue, epoch, i)
                return augmenter.sample(i, source: store, pool: partnerPool(order: order, position: position),
                                        outputSize: (shape.0, shape.1), random: &random)
            }
            return LetterBox(height: shape.0, width: shape.1, scaleUp: false)(store.loadSample(i)).0
        }
    }

    /// Writes a JPEG grid of `count` augmented samples with boxes and class names (`yolo data preview`).
    public func writePreview(to url: URL, names: [String], count: Int = 16, epoch: Int = 0) throws {
        let grid = PreviewGrid.render(previewSamples(count: count, epoch: epoch), names: names)
        try Data(JPEGCodec.encode(grid, quality: 90)).write(to: url)
    }
}
