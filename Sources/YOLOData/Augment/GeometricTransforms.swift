import Foundation

/// The reference's `RandomPerspective`: centre, perspective, rotate+scale, shear, translate; boxes follow and
/// degenerate ones are dropped.
public struct RandomPerspective: Sendable {
    public var degrees: Double, translate: Double, scale: Double, shear: Double, perspective: Double

    public init(_ s: AugmentationSettings) {
        degrees = s.degrees; translate = s.translate; scale = s.scale; shear = s.shear; perspective = s.perspective
    }

    /// The matrix and scale drawn for an input of `inputWidth`×`inputHeight` warped to `outputWidth`×`outputHeight`,
    /// in the reference's draw order (perspective x, y; angle; scale; shear x, y; translate x, y).
    public func matrix(inputWidth: Int, inputHeight: Int, outputWidth: Int, outputHeight: Int,
                       random: inout DataRandom) -> (Matrix3, Double) {
        let c = Matrix3([1, 0, -Double(inputWidth) / 2, 0, 1, -Double(inputHeight) / 2, 0, 0, 1])
        let px = random.uniform(-perspective, perspective), py = random.uniform(-perspective, perspective)
        let p = Matrix3([1, 0, 0, 0, 1, 0, px, py, 1])
        let angle = random.uniform(-degrees, degrees) * Double.pi / 180
        let s = random.uniform(1 - scale, 1 + scale)
        let (sinA, cosA) = (sin(angle) * s, cos(angle) * s)
        // cv2.getRotationMatrix2D(center=(0,0), angle, scale) = [[a, b, 0], [-b, a, 0]] with a = s·cos, b = s·sin.
        let r = Matrix3([cosA, sinA, 0, -sinA, cosA, 0, 0, 0, 1])
        let shx = tan(random.uniform(-shear, shear) * Double.pi / 180)
        let shy = tan(random.uniform(-shear, shear) * Double.pi / 180)
        let sh = Matrix3([1, shx, 0, shy, 1, 0, 0, 0, 1])
        let tx = random.uniform(0.5 - translate, 0.5 + translate) * Double(outputWidth)
        let ty = random.uniform(0.5 - translate, 0.5 + translate) * Double(outputHeight)
        let t = Matrix3([1, 0, tx, 0, 1, ty, 0, 0, 1])
        return (t * sh * r * p * c, s)
    }

    /// Warps the sample into `width`×`height` and transforms, clips and filters its boxes.
    public func callAsFunction(_ sample: Sample, width: Int, height: Int, random: inout DataRandom) -> Sample {
        let (m, s) = matrix(inputWidth: sample.image.width, inputHeight: sample.image.height,
                            outputWidth: width, outputHeight: height, random: &random)
        return RandomPerspective.apply(sample, matrix: m, scale: s, width: width, height: height)
    }

    /// Applies a known matrix: image warp, box corners mapped, clipped to the output, then `boxCandidates`.
    public static func apply(_ sample: Sample, matrix m: Matrix3, scale s: Double, width: Int, height: Int) -> Sample {
        var out = Sample(image: Warp.apply(sample.image, matrix: m, width: width, height: height))
        var boxes = [Float](repeating: 0, count: sample.boxes.count)
        for k in 0..<sample.count {
            let x1 = Double(sample.boxes[k * 4]), y1 = Double(sample.boxes[k * 4 + 1])
            let x2 = Double(sample.boxes[k * 4 + 2]), y2 = Double(sample.boxes[k * 4 + 3])
            var lo = (Double.infinity, Double.infinity), hi = (-Double.infinity, -Double.infinity)
            for (x, y) in [(x1, y1), (x2, y2), (x1, y2), (x2, y1)] {
                let (u, v) = m.apply(x, y)
                lo = (min(lo.0, u), min(lo.1, v)); hi = (max(hi.0, u), max(hi.1, v))
            }
            boxes[k * 4] = Float(lo.0); boxes[k * 4 + 1] = Float(lo.1); boxes[k * 4 + 2] = Float(hi.0); boxes[k * 4 + 3] = Float(hi.1)
        }
        out.classes = sample.classes
        out.boxes = boxes
        out.clipBoxes(width: Float(width), height: Float(height))
        var keep = [Bool](repeating: false, count: sample.count)
        for k in 0..<sample.count {
            let w1 = (sample.boxes[k * 4 + 2] - sample.boxes[k * 4]) * Float(s)
            let h1 = (sample.boxes[k * 4 + 3] - sample.boxes[k * 4 + 1]) * Float(s)
            let w2 = out.boxes[k * 4 + 2] - out.boxes[k * 4], h2 = out.boxes[k * 4 + 3] - out.boxes[k * 4 + 1]
            keep[k] = boxCandidate(w1: w1, h1: h1, w2: w2, h2: h2)
        }
        out.filterBoxes(keep)
        return out
    }

    /// The reference's `box_candidates`: wider and taller than 2 px, ≥ 10 % of its scaled area kept, aspect < 100.
    public static func boxCandidate(w1: Float, h1: Float, w2: Float, h2: Float, whThreshold: Float = 2,
                                    aspectThreshold: Float = 100, areaThreshold: Float = 0.1) -> Bool {
        let eps: Float = 1e-16
        let aspect = max(w2 / (h2 + eps), h2 / (w2 + eps))
        return w2 > whThreshold && h2 > whThreshold && w2 * h2 / (w1 * h1 + eps) > areaThreshold && aspect < aspectThreshold
    }
}

/// The reference's `LetterBox`: resize keeping the aspect ratio, then pad with 114 to the target shape.
public struct LetterBox: Sendable {
    /// Target height and width.
    public var height: Int, width: Int
    /// Allow enlarging (false for validation: only shrink).
    public var scaleUp = true
    /// Centre the image (else top-left).
    public var center = true

    public init(height: Int, width: Int, scaleUp: Bool = true, center: Bool = true) {
        self.height = height; self.width = width; self.scaleUp = scaleUp; self.center = center
    }

    /// Where the image went: scale ratio and the left/top padding (for mapping predictions back).
    public struct Placement: Sendable, Equatable {
        public var ratio: Double
        public var left: Int, top: Int
        public var resizedWidth: Int, resizedHeight: Int
    }

    /// The placement for an input of `inputWidth`×`inputHeight` (Python's round-half-even as the reference).
    public func placement(inputWidth: Int, inputHeight: Int) -> Placement {
        var r = min(Double(height) / Double(inputHeight), Double(width) / Double(inputWidth))
        if !scaleUp { r = min(r, 1) }
        let newW = max(Int((Double(inputWidth) * r).rounded(.toNearestOrEven)), 1)
        let newH = max(Int((Double(inputHeight) * r).rounded(.toNearestOrEven)), 1)
        var dw = Double(width - newW), dh = Double(height - newH)
        if center { dw /= 2; dh /= 2 }
        let top = center ? Int((dh - 0.1).rounded(.toNearestOrEven)) : 0
        let left = center ? Int((dw - 0.1).rounded(.toNearestOrEven)) : 0
        return Placement(ratio: r, left: left, top: top, resizedWidth: newW, resizedHeight: newH)
    }

    /// Letterboxes a sample; boxes are scaled and shifted with the image.
    public func callAsFunction(_ sample: Sample) -> (Sample, Placement) {
        let p = placement(inputWidth: sample.image.width, inputHeight: sample.image.height)
        let resized = Resize.bilinear(sample.image, width: p.resizedWidth, height: p.resizedHeight)
        // The reference pads top/left then bottom/right = round(d ± 0.1); the total can differ from the target by
        // rounding, so pad into exactly height × width as cv2.copyMakeBorder would for these amounts.
        let bottom = Int((center ? (Double(height - p.resizedHeight) / 2 + 0.1) : Double(height - p.resizedHeight) + 0.1).rounded(.toNearestOrEven))
        let right = Int((center ? (Double(width - p.resizedWidth) / 2 + 0.1) : Double(width - p.resizedWidth) + 0.1).rounded(.toNearestOrEven))
        var canvas = Image(width: p.resizedWidth + p.left + right, height: p.resizedHeight + p.top + bottom, fill: 114)
        canvas.paste(resized, sourceX: 0, sourceY: 0, width: p.resizedWidth, height: p.resizedHeight, atX: p.left, y: p.top)
        var out = sample
        out.image = canvas
        out.scaleBoxes(sx: Float(p.ratio), sy: Float(p.ratio))
        out.translateBoxes(dx: Float(p.left), dy: Float(p.top))
        return (out, p)
    }
}

/// Horizontal and vertical flips of a sample (image and boxes).
public enum Flip {
    /// Mirrors left-right: x → width − x.
    public static func horizontal(_ sample: Sample) -> Sample {
        let w = sample.image.width, h = sample.image.height, rowBytes = w * 3
        // A fresh array written once (mutating a copy of `sample` would first copy the whole image).
        let pixels = [UInt8](unsafeUninitializedCapacity: rowBytes * h) { dst, initialized in
            sample.image.pixels.withUnsafeBufferPointer { src in
                for y in 0..<h {
                    var s = src.baseAddress! + (y &* rowBytes)
                    var d = dst.baseAddress! + (y &* rowBytes &+ rowBytes &- 3)
                    for _ in 0..<w {
                        d[0] = s[0]; d[1] = s[1]; d[2] = s[2]
                        s += 3; d -= 3
                    }
                }
            }
            initialized = rowBytes * h
        }
        var out = Sample(image: Image(width: w, height: h, pixels: pixels), classes: sample.classes, boxes: sample.boxes)
        let fw = Float(w)
        for k in 0..<sample.count {
            out.boxes[k * 4] = fw - sample.boxes[k * 4 + 2]
            out.boxes[k * 4 + 2] = fw - sample.boxes[k * 4]
        }
        return out
    }

    /// Mirrors top-bottom: y → height − y.
    public static func vertical(_ sample: Sample) -> Sample {
        let h = sample.image.height, rowBytes = sample.image.width * 3
        let pixels = [UInt8](unsafeUninitializedCapacity: rowBytes * h) { dst, initialized in
            sample.image.pixels.withUnsafeBufferPointer { src in
                for y in 0..<h {
                    (dst.baseAddress! + (h - 1 - y) * rowBytes).initialize(from: src.baseAddress! + y * rowBytes, count: rowBytes)
                }
            }
            initialized = rowBytes * h
        }
        var out = Sample(image: Image(width: sample.image.width, height: h, pixels: pixels), classes: sample.classes, boxes: sample.boxes)
        let fh = Float(h)
        for k in 0..<sample.count {
            out.boxes[k * 4 + 1] = fh - sample.boxes[k * 4 + 3]
            out.boxes[k * 4 + 3] = fh - sample.boxes[k * 4 + 1]
        }
        return out
    }
}
