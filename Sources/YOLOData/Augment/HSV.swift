/// The reference's `RandomHSV`: random gains applied through lookup tables in OpenCV's 8-bit HSV space
/// (H 0…179, S and V 0…255), with OpenCV's integer RGB→HSV and its vectorised float HSV→RGB (truncating to bytes).
public enum RandomHSV {
    /// Draws the three gains (hue, saturation, value) in the reference's order and applies them.
    public static func apply(_ image: inout Image, hgain: Double, sgain: Double, vgain: Double, random: inout DataRandom) {
        guard hgain != 0 || sgain != 0 || vgain != 0 else { return }
        let r0 = random.uniform(-1, 1) * hgain, r1 = random.uniform(-1, 1) * sgain, r2 = random.uniform(-1, 1) * vgain
        apply(&image, gains: (r0, r1, r2))
    }

    /// Applies fixed gains (r_h, r_s, r_v), each in [-gain, gain].
    public static func apply(_ image: inout Image, gains r: (Double, Double, Double)) {
        var lutH = [UInt8](repeating: 0, count: 256), lutS = lutH, lutV = lutH
        for x in 0..<256 {
            let h = (Double(x) + r.0 * 180).truncatingRemainder(dividingBy: 180)
            lutH[x] = UInt8(truncatingIfNeeded: Int(h < 0 ? h + 180 : h))
            lutS[x] = UInt8(min(max(Double(x) * (r.1 + 1), 0), 255))
            lutV[x] = UInt8(min(max(Double(x) * (r.2 + 1), 0), 255))
        }
        lutS[0] = 0
        // OpenCV's vectorised HSV2RGB_b, which converts whole rows of training images (widths that are multiples
        // of the vector block): s and v scaled by 1/255 in float, the hue's sector and fraction, the tab values
        // v, v·(1−s), v·(1−s·f), v·(1−s·(1−f)) with 1−s·x fused, then ×255 truncated.
        var fraction = [Float](repeating: 0, count: 256), picks = [Int](repeating: 0, count: 256 * 3)
        for h in 0..<256 {
            let (sector, f) = Self.sector(hue: lutH[h])
            fraction[h] = f
            for c in 0..<3 { picks[h * 3 + c] = Self.sectorTable[sector][c] }
        }
        let saturation = (0..<256).map { Float(lutS[$0]) * inv255 }, value = (0..<256).map { Float(lutV[$0]) * inv255 }
        let tables = Tables.shared
        tables.sdiv.withUnsafeBufferPointer { sdiv in
        tables.hdiv.withUnsafeBufferPointer { hdiv in
        picks.withUnsafeBufferPointer { pick in
        fraction.withUnsafeBufferPointer { frac in
        saturation.withUnsafeBufferPointer { sat in
        value.withUnsafeBufferPointer { val in
        image.pixels.withUnsafeMutableBufferPointer { px in
            var i = 0
            // Runs of one colour (the 114 padding, flat areas) reuse the previous result: one compare per pixel.
            var lastIn = (UInt8(0), UInt8(0), UInt8(0)), lastOut = (UInt8(0), UInt8(0), UInt8(0)), haveLast = false
            while i < px.count {
                let r = px[i], g = px[i + 1], b = px[i + 2]
                if haveLast && r == lastIn.0 && g == lastIn.1 && b == lastIn.2 {
                    px[i] = lastOut.0; px[i + 1] = lastOut.1; px[i + 2] = lastOut.2
                    i += 3
                    continue
                }
                let (h, s, v) = toHSV(Int(r), Int(g), Int(b), sdiv: sdiv, hdiv: hdiv)
                let tab = Self.tab(h: frac[h], s: sat[s], v: val[v]), k = h * 3
                let out = (u8(tab[pick[k]]), u8(tab[pick[k + 1]]), u8(tab[pick[k + 2]]))
                px[i] = out.0; px[i + 1] = out.1; px[i + 2] = out.2
                lastIn = (r, g, b); lastOut = out; haveLast = true
                i += 3
            }
        }
        }
        }
        }
        }
        }
        }
    }

    /// Which of OpenCV's (v, p, q, t) tab values each hue sector writes to r, g and b (its `sector_data`, which
    /// lists b, g, r, reordered to RGB).
    static let sectorTable = [[0, 3, 1], [2, 0, 1], [1, 0, 3], [1, 2, 0], [3, 1, 0], [0, 1, 2]]

    /// 1/255 in float, as OpenCV scales s and v.
    static let inv255 = Float(1) / Float(255)

    /// The hue's sector (0…5) and fraction, as OpenCV's vector code splits h·6/180 (truncation).
    @inline(__always)
    static func sector(hue h: UInt8) -> (sector: Int, fraction: Float) {
        let hf = Float(h) * (Float(6) / Float(180)), whole = hf.rounded(.towardZero)
        return (Int(whole) % 6, hf - whole)
    }

    /// OpenCV's tab values for a hue fraction `h` and s, v in 0…1: v, v·(1−s), v·(1−s·h), v·(1−s·(1−h)), the
    /// last two with a fused multiply-add as its vector code is compiled.
    @inline(__always)
    static func tab(h: Float, s: Float, v: Float) -> SIMD4<Float> {
        SIMD4(v, v * (1 - s), v * Float(1).addingProduct(-s, h), v * Float(1).addingProduct(-s, 1 - h))
    }

    /// A 0…1 value to a byte as OpenCV's vector path does: ×255, truncated, saturated.
    @inline(__always)
    static func u8(_ x: Float) -> UInt8 { UInt8(min(max((x * 255).rounded(.towardZero), 0), 255)) }

    /// OpenCV's division tables (hsv_shift = 12).
    final class Tables: Sendable {
        static let shared = Tables()
        let sdiv: [Int], hdiv: [Int]
        init() {
            var s = [Int](repeating: 0, count: 256), h = [Int](repeating: 0, count: 256)
            for i in 1..<256 {
                s[i] = Int((Double(255 << 12) / Double(i)).rounded())
                h[i] = Int((Double(180 << 12) / (6 * Double(i))).rounded())
            }
            sdiv = s; hdiv = h
        }
    }

    /// OpenCV `RGB2HSV_b` (8-bit, hue range 180).
    @inline(__always)
    static func toHSV(_ r: Int, _ g: Int, _ b: Int, sdiv: UnsafeBufferPointer<Int>, hdiv: UnsafeBufferPointer<Int>) -> (Int, Int, Int) {
        let v = max(r, g, b), vmin = min(r, g, b)
        let diff = v - vmin
        let s = (diff * sdiv[v] + (1 << 11)) >> 12
        var h: Int
        h = v == r ? g - b : (v == g ? b - r + 2 * diff : r - g + 4 * diff)
        h = (h * hdiv[diff] + (1 << 11)) >> 12
        if h < 0 { h += 180 }
        return (h, s, v)
    }

    /// OpenCV's vectorised `HSV2RGB_b` for one pixel, written out plainly: the reference for the table-driven
    /// loop in `apply(_:gains:)`.
    static func toRGB(h: UInt8, s: UInt8, v: UInt8) -> (UInt8, UInt8, UInt8) {
        let (sector, fraction) = sector(hue: h)
        let tab = tab(h: fraction, s: Float(s) * inv255, v: Float(v) * inv255)
        let pick = sectorTable[sector]
        return (u8(tab[pick[0]]), u8(tab[pick[1]]), u8(tab[pick[2]]))
    }
}
