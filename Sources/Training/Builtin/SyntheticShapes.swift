import Foundation
import YOLOData

/// The built-in dataset of `yolo train` without `data=` (and `make demo`): coloured circles, squares and triangles on
/// textured backgrounds, generated from a fixed seed into a cache folder the first time, so a new user's first command
/// works offline and shows a model learning within minutes.
public struct SyntheticShapes: Sendable {
    public var seed: UInt64 = 0
    public var imageSize = 160
    public var trainCount = 256
    public var valCount = 64
    public static let names = ["circle", "square", "triangle"]

    /// The standard set (version-named folder, so a change of generator never reuses an old cache).
    public static let standard = SyntheticShapes()

    /// Where the dataset lives: `$YOLO_DATASETS_DIR`, else `~/.cache/yolo-swift/datasets`, plus a versioned name.
    public var folder: URL {
        let env = ProcessInfo.processInfo.environment
        let base: URL
        if let dir = env["YOLO_DATASETS_DIR"], !dir.isEmpty {
            base = URL(fileURLWithPath: dir)
        } else if let cache = env["XDG_CACHE_HOME"], !cache.isEmpty {
            base = URL(fileURLWithPath: cache).appendingPathComponent("yolo-swift/datasets")
        } else {
            base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/yolo-swift/datasets")
        }
        return base.appendingPathComponent("synthetic-shapes-v1-s\(seed)-\(imageSize)")
    }

    public init() {}

    /// The data.yaml of the dataset, generating it first when absent.
    public func prepare(log: (String) -> Void) throws -> URL {
        let yaml = folder.appendingPathComponent("data.yaml")
        if FileManager.default.fileExists(atPath: yaml.path) { return yaml }
        log("No data= given: generating the built-in synthetic dataset (\(trainCount) train + \(valCount) val images of "
            + "\(Self.names.joined(separator: ", ")), seed \(seed)) in \(folder.path)")
        let fm = FileManager.default
        let temporary = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).\(getpid())")
        try? fm.removeItem(at: temporary)
        for split in ["train", "val"] {
            try fm.createDirectory(at: temporary.appendingPathComponent("images/\(split)"), withIntermediateDirectories: true)
            try fm.createDirectory(at: temporary.appendingPathComponent("labels/\(split)"), withIntermediateDirectories: true)
            let count = split == "train" ? trainCount : valCount
            for i in 0..<count {
                var random = DataRandom(seed: Int(seed), stream: split == "train" ? 1 : 2, i)
                let (pixels, labels) = render(random: &random)
                let name = String(format: "%@_%04d", split, i)
                try BMPWriter.data(rgb: pixels, width: imageSize, height: imageSize)
                    .write(to: temporary.appendingPathComponent("images/\(split)/\(name).bmp"))
                try labels.joined(separator: "\n").appending("\n")
                    .write(to: temporary.appendingPathComponent("labels/\(split)/\(name).txt"), atomically: false, encoding: .utf8)
            }
        }
        let text = """
            # Built-in synthetic shapes (yolo-swift), generated from seed \(seed)
            path: \(folder.path)
            train: images/train
            val: images/val
            names:
            \(Self.names.enumerated().map { "  \($0.offset): \($0.element)" }.joined(separator: "\n"))

            """
        try text.write(to: temporary.appendingPathComponent("data.yaml"), atomically: true, encoding: .utf8)
        try fm.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? fm.removeItem(at: folder)
        try fm.moveItem(at: temporary, to: folder)
        return yaml
    }

    /// One image (RGB, `imageSize`²) and its YOLO label rows.
    func render(random: inout DataRandom) -> ([UInt8], [String]) {
        let s = imageSize
        var canvas = [Float](repeating: 0, count: s * s * 3)
        // Background: a random two-colour gradient with a coarse noise texture.
        let c0 = (0..<3).map { _ in Float(random.uniform(40, 200)) }, c1 = (0..<3).map { _ in Float(random.uniform(40, 200)) }
        let cells = 8, noise = (0..<(cells + 1) * (cells + 1)).map { _ in Float(random.uniform(-25, 25)) }
        for y in 0..<s {
            for x in 0..<s {
                let t = Float(x + y) / Float(2 * s)
                let gx = Float(x) / Float(s) * Float(cells), gy = Float(y) / Float(s) * Float(cells)
                let ix = min(Int(gx), cells - 1), iy = min(Int(gy), cells - 1)
                let fx = gx - Float(ix), fy = gy - Float(iy)
                let n = noise[iy * (cells + 1) + ix] * (1 - fx) * (1 - fy) + noise[iy * (cells + 1) + ix + 1] * fx * (1 - fy)
                    + noise[(iy + 1) * (cells + 1) + ix] * (1 - fx) * fy + noise[(iy + 1) * (cells + 1) + ix + 1] * fx * fy
                let grain = Float(random.uniform(-8, 8))
                for ch in 0..<3 { canvas[(y * s + x) * 3 + ch] = c0[ch] * (1 - t) + c1[ch] * t + n + grain }
            }
        }
        var labels: [String] = []
        var placed: [(Double, Double, Double)] = []
        let count = 1 + random.index(below: 3)
        for _ in 0..<count {
            let cls = random.index(below: Self.names.count)
            var r = 0.0, cx = 0.0, cy = 0.0, fits = false
            for _ in 0..<20 {
                r = random.uniform(0.09, 0.2) * Double(s)
                cx = random.uniform(r + 2, Double(s) - r - 2); cy = random.uniform(r + 2, Double(s) - r - 2)
                fits = placed.allSatisfy { (($0.0 - cx) * ($0.0 - cx) + ($0.1 - cy) * ($0.1 - cy)).squareRoot() > ($0.2 + r) * 1.05 }
                if fits { break }
            }
            guard fits else { continue }
            placed.append((cx, cy, r))
            // Bright class-tinted fill, a darker outline.
            let base: [Double] = [[230, 60, 60], [60, 200, 80], [70, 110, 240]][cls]
            let colour = base.map { Float(min(max($0 + random.uniform(-35, 35), 0), 255)) }
            var x0 = Double(s), y0 = Double(s), x1 = 0.0, y1 = 0.0
            for y in max(Int(cy - r) - 1, 0)...min(Int(cy + r) + 1, s - 1) {
                for x in max(Int(cx - r) - 1, 0)...min(Int(cx + r) + 1, s - 1) {
                    let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                    let inside: Bool
                    switch cls {
                    case 0: inside = dx * dx + dy * dy <= r * r
                    case 1: inside = abs(dx) <= r * 0.85 && abs(dy) <= r * 0.85
                    default: // upward triangle inscribed in the circle
                        let top = -r, bottom = r * 0.6
                        inside = dy >= top && dy <= bottom && abs(dx) <= (dy - top) / (bottom - top) * r * 0.95
                    }
                    guard inside else { continue }
                    for ch in 0..<3 { canvas[(y * s + x) * 3 + ch] = colour[ch] }
                    x0 = min(x0, Double(x)); y0 = min(y0, Double(y)); x1 = max(x1, Double(x + 1)); y1 = max(y1, Double(y + 1))
                }
            }
            guard x1 > x0, y1 > y0 else { continue }
            let f = Double(s)
            labels.append(String(format: "%d %.6f %.6f %.6f %.6f", cls, (x0 + x1) / 2 / f, (y0 + y1) / 2 / f,
                                 (x1 - x0) / f, (y1 - y0) / f))
        }
        return (canvas.map { UInt8(min(max($0.rounded(), 0), 255)) }, labels)
    }
}

/// Writes 24-bit BMP files (bottom-up rows, BGR, rows padded to 4 bytes), which the data loader reads natively.
enum BMPWriter {
    static func data(rgb: [UInt8], width: Int, height: Int) -> Data {
        let row = (width * 3 + 3) & ~3
        let size = 54 + row * height
        var d = Data(count: size)
        func put32(_ v: Int, at o: Int) { for i in 0..<4 { d[o + i] = UInt8((v >> (8 * i)) & 0xFF) } }
        func put16(_ v: Int, at o: Int) { for i in 0..<2 { d[o + i] = UInt8((v >> (8 * i)) & 0xFF) } }
        d[0] = 0x42; d[1] = 0x4D
        put32(size, at: 2); put32(54, at: 10); put32(40, at: 14)
        put32(width, at: 18); put32(height, at: 22); put16(1, at: 26); put16(24, at: 28)
        put32(row * height, at: 34); put32(2835, at: 38); put32(2835, at: 42)
        for y in 0..<height {
            let o = 54 + (height - 1 - y) * row
            for x in 0..<width {
                let p = (y * width + x) * 3
                d[o + x * 3] = rgb[p + 2]; d[o + x * 3 + 1] = rgb[p + 1]; d[o + x * 3 + 2] = rgb[p]
            }
        }
        return d
    }
}
