/// Pixel filters behind the custom transforms: box blur, median blur, brightness/contrast, gray, CLAHE.
public enum Filters {
    /// Albumentations' kernel choice: an odd size drawn uniformly from 3, 5, …, `limit`.
    static func randomOddKernel(limit: Int, random: inout DataRandom) -> Int {
        let sizes = Array(stride(from: 3, through: max(3, limit), by: 2))
        return sizes[random.index(below: sizes.count)]
    }

    /// Reflect-101 border index (OpenCV's default border for blur).
    @inline(__always) static func reflect101(_ i: Int, _ n: Int) -> Int {
        if n == 1 { return 0 }
        var i = i
        while i < 0 || i >= n { i = i < 0 ? -i : 2 * n - 2 - i }
        return i
    }

    /// Mean over a `kernel`×`kernel` window (cv2.blur), separable, reflect-101 borders.
    public static func boxBlur(_ image: Image, kernel k: Int) -> Image {
        let w = image.width, h = image.height, r = k / 2
        var tmp = [Int32](repeating: 0, count: w * h * 3)
        var out = [UInt8](repeating: 0, count: w * h * 3)
        image.pixels.withUnsafeBufferPointer { src in
            tmp.withUnsafeMutableBufferPointer { t in
                for y in 0..<h {
                    let row = y * w * 3
                    for x in 0..<w {
                        var s0: Int32 = 0, s1: Int32 = 0, s2: Int32 = 0
                        for dx in -r...r {
                            let p = row + reflect101(x + dx, w) * 3
                            s0 += Int32(src[p]); s1 += Int32(src[p + 1]); s2 += Int32(src[p + 2])
                        }
                        t[row + x * 3] = s0; t[row + x * 3 + 1] = s1; t[row + x * 3 + 2] = s2
                    }
                }
                out.withUnsafeMutableBufferPointer { dst in
                    let area = Double(k * k)
                    for y in 0..<h {
                        for x in 0..<(w * 3) {
                            var s: Int32 = 0
                            for dy in -r...r { s += t[reflect101(y + dy, h) * w * 3 + x] }
                            dst[y * w * 3 + x] = UInt8((Double(s) / area).rounded())
                        }
                    }
                }
            }
        }
        return Image(width: w, height: h, pixels: out)
    }

    /// Median over a `kernel`×`kernel` window per channel (cv2.medianBlur), replicated borders.
    public static func medianBlur(_ image: Image, kernel k: Int) -> Image {
        let w = image.width, h = image.height, r = k / 2
        var out = [UInt8](repeating: 0, count: w * h * 3)
        var window = [UInt8](repeating: 0, count: k * k)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                window.withUnsafeMutableBufferPointer { win in
                    for y in 0..<h {
                        for x in 0..<w {
                            for c in 0..<3 {
                                var n = 0
                                for dy in -r...r {
                                    let yy = min(max(y + dy, 0), h - 1)
                                    for dx in -r...r {
                                        let xx = min(max(x + dx, 0), w - 1)
                                        win[n] = src[(yy * w + xx) * 3 + c]; n += 1
                                    }
                                }
                                // Insertion sort: windows are at most 49 values.
                                for i in 1..<n {
                                    let v = win[i]; var j = i - 1
                                    while j >= 0 && win[j] > v { win[j + 1] = win[j]; j -= 1 }
                                    win[j + 1] = v
                                }
                                dst[(y * w + x) * 3 + c] = win[n / 2]
                            }
                        }
                    }
                }
            }
        }
        return Image(width: w, height: h, pixels: out)
    }

    /// `clip(x·alpha + beta·255)` through a lookup table (Albumentations, brightness by max).
    public static func brightnessContrast(_ image: inout Image, alpha: Double, beta: Double) {
        var lut = [UInt8](repeating: 0, count: 256)
        for i in 0..<256 { lut[i] = UInt8(min(max((Double(i) * alpha + beta * 255).rounded(), 0), 255)) }
        lut.withUnsafeBufferPointer { t in
            image.pixels.withUnsafeMutableBufferPointer { px in
                for i in 0..<px.count { px[i] = t[Int(px[i])] }
            }
        }
    }

    /// BT.601 luma in 14-bit fixed point, as OpenCV's RGB2GRAY.
    @inline(__always) static func luma(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let y: Int = Int(r) * 4899 + Int(g) * 9617 + Int(b) * 1868
        return UInt8(min((y + 8192) >> 14, 255))
    }

    /// BT.601 luma `0.299 R + 0.587 G + 0.114 B` written to all channels.
    public static func toGray(_ image: inout Image) {
        image.pixels.withUnsafeMutableBufferPointer { px in
            var i = 0
            while i < px.count {
                let v = luma(px[i], px[i + 1], px[i + 2])
                px[i] = v; px[i + 1] = v; px[i + 2] = v
                i += 3
            }
        }
    }

    /// CLAHE on the luma: per-tile clipped histograms, equalised and bilinearly blended (OpenCV's scheme);
    /// each pixel's RGB moves by its luma change, so colours keep their hue.
    public static func clahe(_ image: inout Image, clipLimit: Double, tiles: Int) {
        let w = image.width, h = image.height
        let tw = (w + tiles - 1) / tiles, th = (h + tiles - 1) / tiles
        var luma = [UInt8](repeating: 0, count: w * h)
        for i in 0..<(w * h) {
            let p = i * 3
            luma[i] = Filters.luma(image.pixels[p], image.pixels[p + 1], image.pixels[p + 2])
        }
        var luts = [UInt8](repeating: 0, count: tiles * tiles * 256)
        for ty in 0..<tiles {
            for tx in 0..<tiles {
                var hist = [Int](repeating: 0, count: 256)
                let x0 = tx * tw, y0 = ty * th
                let x1 = min(x0 + tw, w), y1 = min(y0 + th, h)
                let area = max((x1 - x0) * (y1 - y0), 1)
                if x1 > x0 && y1 > y0 {
                    for y in y0..<y1 { for x in x0..<x1 { hist[Int(luma[y * w + x])] += 1 } }
                }
                let limit = max(Int(clipLimit * Double(area) / 256), 1)
                var excess = 0
                for i in 0..<256 where hist[i] > limit { excess += hist[i] - limit; hist[i] = limit }
                let batch = excess / 256, residual = excess - batch * 256
                for i in 0..<256 { hist[i] += batch }
                if residual > 0 {
                    let step = max(256 / residual, 1)
                    var left = residual, i = 0
                    while i < 256 && left > 0 { hist[i] += 1; left -= 1; i += step }
                }
                var sum = 0
                let scale = 255.0 / Double(area)
                for i in 0..<256 {
                    sum += hist[i]
                    luts[(ty * tiles + tx) * 256 + i] = UInt8(min(max((Double(sum) * scale).rounded(), 0), 255))
                }
            }
        }
        image.pixels.withUnsafeMutableBufferPointer { px in
            for y in 0..<h {
                let fy = Double(y) / Double(th) - 0.5
                var ty1 = Int(fy.rounded(.down)); let ya = fy - Double(ty1)
                var ty2 = ty1 + 1
                ty1 = max(ty1, 0); ty2 = min(ty2, tiles - 1)
                for x in 0..<w {
                    let fx = Double(x) / Double(tw) - 0.5
                    var tx1 = Int(fx.rounded(.down)); let xa = fx - Double(tx1)
                    var tx2 = tx1 + 1
                    tx1 = max(tx1, 0); tx2 = min(tx2, tiles - 1)
                    let v = Int(luma[y * w + x])
                    func lut(_ tx: Int, _ ty: Int) -> Double { Double(luts[(ty * tiles + tx) * 256 + v]) }
                    let top = lut(tx1, ty1) * (1 - xa) + lut(tx2, ty1) * xa
                    let bottom = lut(tx1, ty2) * (1 - xa) + lut(tx2, ty2) * xa
                    let delta = Int((top * (1 - ya) + bottom * ya).rounded()) - v
                    let p = (y * w + x) * 3
                    for c in 0..<3 { px[p + c] = UInt8(min(max(Int(px[p + c]) + delta, 0), 255)) }
                }
            }
        }
    }
}
