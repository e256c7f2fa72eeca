import Foundation
import TestSupport
import XCTest
@testable import YOLOData

/// Hand-computed cases and invariants of the augmentations.
final class AugmentationTests: XCTestCase {
    /// A w×h image whose red channel is the pixel index (mod 256), green = x, blue = y.
    func indexed(_ w: Int, _ h: Int) -> Image {
        var px = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h { for x in 0..<w { let i = (y * w + x) * 3; px[i] = UInt8((y * w + x) % 256); px[i + 1] = UInt8(x); px[i + 2] = UInt8(y) } }
        return Image(width: w, height: h, pixels: px)
    }

    func testHorizontalAndVerticalFlipsAreExact() {
        let sample = Sample(image: indexed(4, 3), classes: [7], boxes: [0.5, 1, 2, 2.5])
        let h = Flip.horizontal(sample)
        XCTAssertEqual(h.boxes, [2, 1, 3.5, 2.5])
        XCTAssertTrue(h.image[0, 0] == (3, 3, 0) && h.image[3, 2] == (8, 0, 2))
        let v = Flip.vertical(sample)
        XCTAssertEqual(v.boxes, [0.5, 0.5, 2, 2])
        XCTAssertTrue(v.image[0, 0] == (8, 0, 2) && v.image[3, 2] == (3, 3, 0))
        XCTAssertEqual(Flip.horizontal(h), sample, "flipping twice is the identity")
        XCTAssertEqual(h.classes, [7])
    }

    func testLetterBoxHandComputed() {
        // 640×480 into 320×320: r = 0.5, 320×240, 40 px bars top and bottom.
        let sample = Sample(image: Image(width: 640, height: 480, fill: 10), classes: [1], boxes: [100, 100, 300, 200])
        let (out, p) = LetterBox(height: 320, width: 320)(sample)
        XCTAssertEqual(p, LetterBox.Placement(ratio: 0.5, left: 0, top: 40, resizedWidth: 320, resizedHeight: 240))
        XCTAssertEqual(out.boxes, [50, 90, 150, 140])
        XCTAssertTrue(out.image[5, 39] == (114, 114, 114) && out.image[5, 40] == (10, 10, 10) && out.image[5, 280] == (114, 114, 114))
        // Validation (scaleUp false): a 320×320 image in a 352 rect batch is padded by 16 on every side.
        let (val, q) = LetterBox(height: 352, width: 352, scaleUp: false)(Sample(image: Image(width: 320, height: 320, fill: 0), classes: [0], boxes: [0, 0, 320, 320]))
        XCTAssertEqual(q.ratio, 1)
        XCTAssertEqual(val.boxes, [16, 16, 336, 336])
        XCTAssertEqual(val.image.width, 352)
        // Odd padding: 5 px split 2 top / 3 bottom (round(2.5 - 0.1) = 2, round(2.5 + 0.1) = 3).
        let odd = LetterBox(height: 15, width: 10).placement(inputWidth: 10, inputHeight: 10)
        XCTAssertEqual(odd.top, 2)
        XCTAssertEqual(odd.resizedHeight, 10)
    }

    func testMosaicPlacesFourQuadrantsHandComputed() {
        // Four 4×4 images with distinct fills, s = 4, centre (4, 4): each fills one quadrant exactly.
        let fills: [UInt8] = [10, 20, 30, 40]
        let parts = fills.enumerated().map { k, f in Sample(image: Image(width: 4, height: 4, fill: f), classes: [Int32(k)], boxes: [1, 1, 3, 3]) }
        let m = MixTransforms.mosaic(parts, size: 4, centerX: 4, centerY: 4)
        XCTAssertEqual(m.image.width, 8)
        XCTAssertTrue(m.image[0, 0].0 == 10 && m.image[7, 0].0 == 20 && m.image[0, 7].0 == 30 && m.image[7, 7].0 == 40)
        XCTAssertEqual(m.classes, [0, 1, 2, 3])
        XCTAssertEqual(m.boxes, [1, 1, 3, 3, 5, 1, 7, 3, 1, 5, 3, 7, 5, 5, 7, 7])
        // Off-centre (5, 3): top-left patch is cut at x 1…5, y 0…3 → shifted by (+1, −1); boxes clipped at 0.
        let n = MixTransforms.mosaic(parts, size: 4, centerX: 5, centerY: 3)
        XCTAssertEqual(Array(n.boxes[0..<4]), [2, 0, 4, 2])
        XCTAssertTrue(n.image[0, 0] == (114, 114, 114) && n.image[1, 0].0 == 10)
    }

    func testIdentityAffineLeavesTheSampleUnchanged() {
        var settings = AugmentationSettings()
        settings.translate = 0; settings.scale = 0
        let sample = Sample(image: indexed(16, 16), classes: [3], boxes: [2, 2, 12, 10])
        var random = DataRandom(seed: 1)
        let out = RandomPerspective(settings)(sample, width: 16, height: 16, random: &random)
        XCTAssertEqual(out, sample)
    }

    func testAffineScaleAndTranslateMoveBoxesLikeTheImage() {
        // Scale 0.5 about the centre of a 20×20 image: the box (4,4)-(16,16) becomes (7,7)-(13,13).
        let m = Matrix3([1, 0, 10, 0, 1, 10, 0, 0, 1]) * Matrix3([0.5, 0, 0, 0, 0.5, 0, 0, 0, 1]) * Matrix3([1, 0, -10, 0, 1, -10, 0, 0, 1])
        let sample = Sample(image: Image(width: 20, height: 20, fill: 50), classes: [1], boxes: [4, 4, 16, 16])
        let out = RandomPerspective.apply(sample, matrix: m, scale: 0.5, width: 20, height: 20)
        XCTAssertEqual(out.boxes, [7, 7, 13, 13])
        XCTAssertTrue(out.image[10, 10] == (50, 50, 50) && out.image[1, 1] == (114, 114, 114))
    }

    func testMixupAndCutmix() {
        let a = Sample(image: Image(width: 8, height: 8, fill: 100), classes: [1], boxes: [0, 0, 2, 2])
        let b = Sample(image: Image(width: 8, height: 8, fill: 200), classes: [2], boxes: [0, 0, 8, 8])
        let m = MixTransforms.mixup(a, b, ratio: 0.25)
        XCTAssertEqual(m.image.pixels[0], 175)
        XCTAssertEqual(m.classes, [1, 2])
        var random = DataRandom(seed: 3)
        var pasted = 0
        for _ in 0..<20 {
            let c = MixTransforms.cutmix(a, b, random: &random)
            if c.count > 1 {
                pasted += 1
                XCTAssertEqual(c.classes, [1, 2])
                // The pasted box is clipped to the cut rectangle, which covers none of a's box (0,0)-(2,2).
                let bx = Array(c.boxes[4..<8])
                XCTAssertTrue(bx[0] >= 0 && bx[2] <= 8 && bx[2] > bx[0])
                XCTAssertTrue(c.image.pixels.contains(200))
            } else {
                XCTAssertEqual(c, a)
            }
        }
        XCTAssertGreaterThan(pasted, 0)
    }

    func testCustomTransforms() throws {
        // Box blur of a single bright pixel (3×3 mean): 90 / 9 = 10 around it.
        var dot = Image(width: 5, height: 5, fill: 0)
        dot.pixels[(2 * 5 + 2) * 3] = 90
        let blurred = Filters.boxBlur(dot, kernel: 3)
        XCTAssertEqual(blurred[1, 1].0, 10); XCTAssertEqual(blurred[2, 2].0, 10); XCTAssertEqual(blurred[0, 0].0, 0)
        XCTAssertEqual(Filters.medianBlur(dot, kernel: 3), Image(width: 5, height: 5, fill: 0), "median removes a lone dot")
        var gray = indexed(6, 4)
        Filters.toGray(&gray)
        XCTAssertTrue(stride(from: 0, to: gray.pixels.count, by: 3).allSatisfy { gray.pixels[$0] == gray.pixels[$0 + 2] })
        var bc = Image(width: 2, height: 1, pixels: [0, 100, 200, 50, 250, 255])
        Filters.brightnessContrast(&bc, alpha: 1.5, beta: 0.1)
        XCTAssertEqual(bc.pixels, [26, 176, 255, 101, 255, 255])
        var flat = Image(width: 32, height: 32, fill: 77)
        Filters.clahe(&flat, clipLimit: 4, tiles: 8)
        XCTAssertEqual(Set(flat.pixels).count, 1, "CLAHE maps a flat image to a flat image")

        let yaml = """
        augmentations:
          - Blur: {blur_limit: 7, p: 0.5}
          - HorizontalFlip: {p: 0.5}
          - {name: RandomBrightnessContrast, p: 0.5}
          - ToGray
          - CLAHE: {clip_limit: 2, p: 0.1}
          - MedianBlur: {blur_limit: 5, p: 0.01}
        """
        let list = try CustomTransform.list(fromYAML: yaml)
        XCTAssertEqual(list, [.blur(limit: 7, p: 0.5), .horizontalFlip(p: 0.5),
                              .randomBrightnessContrast(brightnessLimit: 0.2, contrastLimit: 0.2, p: 0.5),
                              .toGray(p: 0.5), .clahe(clipLimit: 2, tiles: 8, p: 0.1), .medianBlur(limit: 5, p: 0.01)])
        XCTAssertEqual(try CustomTransform.list(fromYAML: CustomTransform.yaml(list)), list, "args.yaml round trip")
        XCTAssertThrowsError(try CustomTransform.list(fromYAML: "- Blurr: {p: 0.5}")) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'Blur'"), "\(error)")
        }
        XCTAssertThrowsError(try CustomTransform.make(name: "Blur", parameters: ["blur_limt": 7])) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'blur_limit'"), "\(error)")
        }
    }

    func testSettingsUseUltralyticsKeys() throws {
        let s = try AugmentationSettings(["hsv_h": 0.02, "mosaic": 0.5, "fliplr": 0])
        XCTAssertEqual(s.hsvH, 0.02); XCTAssertEqual(s.mosaic, 0.5); XCTAssertEqual(s.fliplr, 0); XCTAssertEqual(s.scale, 0.5)
        XCTAssertThrowsError(try AugmentationSettings(["mosiac": 1])) { XCTAssertTrue("\($0)".contains("did you mean 'mosaic'")) }
        XCTAssertThrowsError(try AugmentationSettings(["fliplr": 2]))
        let closed = s.closingMosaic
        XCTAssertEqual(closed.mosaic, 0); XCTAssertEqual(closed.mixup, 0); XCTAssertEqual(closed.hsvH, 0.02)
    }

    func testRandomGeneratorIsReproducibleAndBetaHasTheRightMean() {
        var a = DataRandom(seed: 0, stream: 1, 2), b = DataRandom(seed: 0, stream: 1, 2), c = DataRandom(seed: 0, stream: 2, 1)
        let xa = (0..<5).map { _ in a.next() }, xb = (0..<5).map { _ in b.next() }, xc = (0..<5).map { _ in c.next() }
        XCTAssertEqual(xa, xb)
        XCTAssertNotEqual(xa, xc)
        var r = DataRandom(seed: 9)
        let mean = (0..<4000).map { _ in r.beta(32, 32) }.reduce(0, +) / 4000
        XCTAssertEqual(mean, 0.5, accuracy: 0.01)
        XCTAssertEqual(r.permutation(10).sorted(), Array(0..<10))
    }
}

/// The full training pipeline on real images: invariants over many seeds.
final class TrainingPipelineTests: XCTestCase {
    struct Source: SampleSource {
        var items: [LabeledImage]
        var loader: ImageLoader
        var count: Int { items.count }
        func loadSample(_ index: Int) -> Sample { loader.load(items[index]).0 }
    }

    func coco8Source(size: Int) throws -> Source {
        let config = try DatasetConfig(contentsOf: TestPaths.dataset("coco8").appendingPathComponent("data.yaml"))
        let split = try config.load(.train, options: ScanOptions(useCache: false))
        return Source(items: split.images, loader: ImageLoader(imageSize: size))
    }

    func testBoxesStayInsideAndClassesArePreserved() throws {
        let source = try coco8Source(size: 160)
        let allClasses = Set(source.items.flatMap(\.labels.classes))
        var settings = AugmentationSettings()
        settings.mixup = 0.5; settings.cutmix = 0.5; settings.degrees = 10; settings.shear = 5; settings.flipud = 0.5
        settings.custom = [.blur(limit: 5, p: 0.3), .toGray(p: 0.2)]
        let augmenter = TrainingAugmenter(imageSize: 160, settings: settings)
        var total = 0
        for seed in 0..<6 {
            for index in 0..<source.count {
                var random = DataRandom(seed: seed, stream: 0, index)
                let s = augmenter.sample(index, source: source, random: &random)
                XCTAssertEqual(s.image.width, 160); XCTAssertEqual(s.image.height, 160)
                for k in 0..<s.count {
                    let b = Array(s.boxes[(k * 4)..<(k * 4 + 4)])
                    XCTAssertTrue(b[0] >= 0 && b[1] >= 0 && b[2] <= 160 && b[3] <= 160 && b[2] > b[0] && b[3] > b[1], "box \(b)")
                }
                XCTAssertTrue(Set(s.classes).isSubset(of: allClasses))
                total += s.count
            }
        }
        XCTAssertGreaterThan(total, 24, "augmented samples keep most boxes")

        // Without geometry changes (no mosaic, no scale/translate), every box and class survives.
        var plain = AugmentationSettings()
        plain.mosaic = 0; plain.scale = 0; plain.translate = 0; plain.fliplr = 1
        let keep = TrainingAugmenter(imageSize: 160, settings: plain)
        for index in 0..<source.count {
            var random = DataRandom(seed: 1, stream: 0, index)
            let s = keep.sample(index, source: source, random: &random)
            XCTAssertEqual(s.classes, source.items[index].labels.classes)
        }
    }

    func testSameSeedSameSampleDifferentSeedDifferentSample() throws {
        let source = try coco8Source(size: 128)
        let augmenter = TrainingAugmenter(imageSize: 128, settings: AugmentationSettings())
        var r1 = DataRandom(seed: 5, stream: 0, 2), r2 = DataRandom(seed: 5, stream: 0, 2), r3 = DataRandom(seed: 6, stream: 0, 2)
        let a = augmenter.sample(2, source: source, random: &r1)
        XCTAssertEqual(a, augmenter.sample(2, source: source, random: &r2))
        XCTAssertNotEqual(a, augmenter.sample(2, source: source, random: &r3))
    }
}

final class HSVReferenceTests: XCTestCase {
    /// The table-driven HSV loop equals the plain per-pixel OpenCV formulas on random pixels and gains.
    func testFastLoopMatchesPlainFormulas() {
        var random = DataRandom(seed: 11)
        var pixels = [UInt8](repeating: 0, count: 64 * 64 * 3)
        for i in pixels.indices { pixels[i] = UInt8(random.index(below: 256)) }
        for _ in 0..<4 {
            let gains = (random.uniform(-0.02, 0.02), random.uniform(-0.7, 0.7), random.uniform(-0.4, 0.4))
            var fast = Image(width: 64, height: 64, pixels: pixels)
            RandomHSV.apply(&fast, gains: gains)
            var lutH = [UInt8](repeating: 0, count: 256), lutS = lutH, lutV = lutH
            for x in 0..<256 {
                let h = (Double(x) + gains.0 * 180).truncatingRemainder(dividingBy: 180)
                lutH[x] = UInt8(Int(h < 0 ? h + 180 : h))
                lutS[x] = UInt8(min(max(Double(x) * (gains.1 + 1), 0), 255))
                lutV[x] = UInt8(min(max(Double(x) * (gains.2 + 1), 0), 255))
            }
            lutS[0] = 0
            let t = RandomHSV.Tables.shared
            var off = 0
            t.sdiv.withUnsafeBufferPointer { sdiv in
                t.hdiv.withUnsafeBufferPointer { hdiv in
                    for i in stride(from: 0, to: pixels.count, by: 3) {
                        let (h, s, v) = RandomHSV.toHSV(Int(pixels[i]), Int(pixels[i + 1]), Int(pixels[i + 2]), sdiv: sdiv, hdiv: hdiv)
                        let (r, g, b) = RandomHSV.toRGB(h: lutH[h], s: lutS[s], v: lutV[v])
                        for (a, b) in zip([fast.pixels[i], fast.pixels[i + 1], fast.pixels[i + 2]], [r, g, b]) where a != b {
                            off += 1
                        }
                    }
                }
            }
            XCTAssertEqual(off, 0, "values that differ")
        }
    }
}
