/// The reference's `RandomHSV`: random gains applied through lookup tables in OpenCV's 8-bit HSV space
/// (H 0…179, S and V 0…255), with OpenCV's integer RGB→HSV and float HSV→RGB conversions.
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
        // Each output channel is one of OpenCV's (v, p, q, t) = v·(1, 1−s, 1−s·f, 1−s·(1−f)), i.e. v + v·s·A with
        // A ∈ {0, −1, −f, f−1} fixed by the hue's sector and fraction f: one coefficient per (hue, channel).
        var coefficients = [Float](repeating: 0, count: 256 * 3)
        for h in 0..<256 {
            var hf = Float(lutH[h]) * (6.0 / 180.0)
            while hf < 0 { hf += 6 }
            while hf >= 6 { hf -= 6 }
            var sector = Int(hf)
            hf -= Float(sector)
            if sector < 0 || sector >= 6 { sector = 0; hf = 0 }
            let a: [Float] = [0, -1, -hf, hf - 1]  // v, p, q, t
            // Which of (v, p, q, t) each sector writes to r, g and b (OpenCV's sector_data, reordered to RGB).
            let pick = [[0, 3, 1], [2, 0, 1], [1, 0, 3], [1, 2, 0], [3, 1, 0], [0, 1, 2]][sector]
            for c in 0..<3 { coefficients[h * 3 + c] = a[pick[c]] }
        }
        let saturation = (0..<256).map { Float(lutS[$0]) / 255 }, value = (0..<256).map { Float(lutV[$0]) }
        let tables = Tables.shared
        tables.sdiv.withUnsafeBufferPointer { sdiv in
        tables.hdiv.withUnsafeBufferPointer { hdiv in
        coefficients.withUnsafeBufferPointer { coef in
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
                let vf = val[v], sv = vf * sat[s], k = h * 3
                // Values stay within 0…255: adding 1.5·2^23 rounds half to even and leaves the integer in the low
                // mantissa bits, so the byte is read straight from the bit pattern.
                let out = (UInt8(truncatingIfNeeded: (vf + sv * coef[k] + 12_582_912).bitPattern),
                           UInt8(truncatingIfNeeded: (vf + sv * coef[k + 1] + 12_582_912).bitPattern),
                           UInt8(truncatingIfNeeded: (vf + sv * coef[k + 2] + 12_582_912).bitPattern))
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

    /// Float 0…1 to a byte: ×255, round half to even without a libm call (adding 1.5·2^23 rounds), clamp.
    @inline(__always)
    static func u8(_ x: Float) -> UInt8 { UInt8(min(max(((x * 255) + 12_582_912) - 12_582_912, 0), 255)) }

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

    /// OpenCV `HSV2RGB_b`: via floats, hue scaled by 6/180, rounded to nearest. The plain, per-pixel reference
    /// for the table-driven loop in `apply(_:gains:)`.
    @inline(__always)
    static func toRGB(h: UInt8, s: UInt8, v: UInt8) -> (UInt8, UInt8, UInt8) {
        let sf = Float(s) / 255, vf = Float(v) / 255
        var r = vf, g = vf, b = vf
        if sf != 0 {
            var hf = Float(h) * (6.0 / 180.0)
            while hf < 0 { hf += 6 }
            while hf >= 6 { hf -= 6 }
            var sector = Int(hf)  // hf ≥ 0: truncation is the floor
            hf -= Float(sector)
            if sector < 0 || sector >= 6 { sector = 0; hf = 0 }
            let p = vf * (1 - sf), q = vf * (1 - sf * hf), t = vf * (1 - sf * (1 - hf))
            // OpenCV's sector table {1,3,0},{1,0,2},{3,0,1},{0,2,1},{0,1,3},{2,1,0} over (v, p, q, t) as (b, g, r).
            switch sector {
            case 0: b = p; g = t; r = vf
            case 1: b = p; g = vf; r = q
            case 2: b = t; g = vf; r = p
            case 3: b = vf; g = q; r = p
            case 4: b = vf; g = p; r = t
            default: b = q; g = p; r = vf
            }
        }
        // Round half to even without a libm call: adding 1.5·2^23 leaves the rounded value (|x| < 2^22).
        return (u8(r), u8(g), u8(b))
    }
}
