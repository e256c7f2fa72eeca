import Tensors

/// A generated set of small car-like RGB images, red or not, for the tutorial's toy classifier.
///
/// Each 32×32 image has a neutral textured background and a car (body, cabin, two dark wheels) whose paint is red
/// for positives and another hue for negatives. Everything comes from one seed.
public struct RedCarImages: Sendable {
    /// One image: HWC RGB bytes and whether the car is red.
    public struct Sample: Sendable {
        public var pixels: [UInt8]
        public var isRed: Bool
    }

    public static let side = 32
    public var samples: [Sample]

    /// `count` images from `seed`, half of them red (shuffled).
    public init(count: Int, seed: UInt64) {
        var random = RandomSource(seed: seed).derived("red-cars")
        samples = (0..<count).map { i in Self.draw(isRed: i % 2 == 0, random: &random) }
        samples.shuffle(using: &random)
    }

    static func draw(isRed: Bool, random: inout RandomSource) -> Sample {
        let s = side
        var px = [UInt8](repeating: 0, count: s * s * 3)
        // Background: grey with a gentle gradient and noise.
        let base = 80 + random.nextUniform() * 50
        for y in 0..<s {
            for x in 0..<s {
                let v = base + Float(y) * 0.8 + (random.nextUniform() - 0.5) * 24
                for c in 0..<3 { px[(y * s + x) * 3 + c] = clampByte(v + (random.nextUniform() - 0.5) * 10) }
            }
        }
        // Paint: red (high R, low G/B) or one of the other hues.
        let paint: (Float, Float, Float)
        if isRed {
            paint = (200 + random.nextUniform() * 55, random.nextUniform() * 70, random.nextUniform() * 70)
        } else {
            // Blue, green, black, grey, teal, purple and — rarely — orange paint; orange has as much red as a red
            // car, so the one-feature model cannot be perfect (a realistic overlap between the classes).
            let choices: [(Float, Float, Float)] = [(30, 60, 200), (40, 170, 60), (20, 20, 25), (110, 110, 120),
                                                    (40, 150, 170), (100, 50, 140), (30, 60, 200), (40, 170, 60),
                                                    (20, 20, 25), (215, 120, 30), (30, 60, 200), (40, 170, 60), (20, 20, 25), (110, 110, 120), (40, 150, 170), (100, 50, 140)]
            let c = choices[Int(random.nextUniform() * Float(choices.count)) % choices.count]
            let jitter = (0..<3).map { _ in (random.nextUniform() - 0.5) * 40 }
            paint = (c.0 + jitter[0], c.1 + jitter[1], c.2 + jitter[2])
        }
        let x0 = 1 + Int(random.nextUniform() * 3), width = 26 + Int(random.nextUniform() * 4)
        let y0 = 11 + Int(random.nextUniform() * 5)
        func rect(_ rx: Int, _ ry: Int, _ w: Int, _ h: Int, _ color: (Float, Float, Float)) {
            for y in max(ry, 0)..<min(ry + h, s) {
                for x in max(rx, 0)..<min(rx + w, s) {
                    let shade = 1 + (random.nextUniform() - 0.5) * 0.1
                    px[(y * s + x) * 3] = clampByte(color.0 * shade)
                    px[(y * s + x) * 3 + 1] = clampByte(color.1 * shade)
                    px[(y * s + x) * 3 + 2] = clampByte(color.2 * shade)
                }
            }
        }
        rect(x0, y0, width, 11, paint)                     // body
        rect(x0 + width / 5, y0 - 8, width * 3 / 5, 8, paint)  // cabin
        rect(x0 + width / 5 + 2, y0 - 6, width * 3 / 5 - 4, 3, (150, 190, 220))  // window
        rect(x0 + 3, y0 + 10, 5, 4, (15, 15, 15))          // wheels
        rect(x0 + width - 8, y0 + 10, 5, 4, (15, 15, 15))
        return Sample(pixels: px, isRed: isRed)
    }

    /// The tutorial's feature: the average red value (0–255) of each image, `[count, 1]`.
    public func averageRed(_ range: Range<Int>? = nil) -> Tensor {
        let r = range ?? samples.indices
        let t = Tensor(uninitialized: [r.count, 1])
        for (k, i) in r.enumerated() {
            let px = samples[i].pixels
            var sum = 0
            for j in stride(from: 0, to: px.count, by: 3) { sum += Int(px[j]) }
            t.mutableData[k] = Float(sum) / Float(px.count / 3)
        }
        return t
    }

    /// Labels 1 (red) / 0 (not red), `[count, 1]`.
    public func labels(_ range: Range<Int>? = nil) -> Tensor {
        let r = range ?? samples.indices
        return Tensor(r.map { samples[$0].isRed ? 1 : 0 }, shape: [r.count, 1])
    }
}

@inline(__always) func clampByte(_ v: Float) -> UInt8 { UInt8(max(0, min(255, v.rounded()))) }
