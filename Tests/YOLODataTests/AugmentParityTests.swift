import Foundation
import TestSupport
import XCTest
@testable import YOLOData

/// Augmentation primitives against OpenCV / Ultralytics outputs (tools/fixtures/yolodata_augment.py).
final class AugmentParityTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var input: String?
            var width: Int?, height: Int?
            var rgb: String?
            var gains: [Double]?
            var matrix: [Double]?
            var scaleup: Bool?
            var out_width: Int?, out_height: Int?
            var boxes_in: [Float]?, boxes: [Float]?
            var box1: [Float]?, box2: [Float]?, keep: [Bool]?
            var sum: UInt64?, weighted: UInt64?
        }
        var smooth: String, wide: String
        var cases: [String: Case]
    }

    var fixture: Fixture!
    var inputs: [String: Image] = [:]

    override func setUpWithError() throws {
        fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: TestPaths.fixture("YOLOData/augment.json")))
        inputs["rgb"] = try ImageDecoder.decode(contentsOf: TestPaths.fixture("YOLOData/images/rgb.png")).image
        inputs["smooth"] = Image(width: 40, height: 30, pixels: hex(fixture.smooth))
        inputs["wide"] = Image(width: 128, height: 16, pixels: hex(fixture.wide))
    }

    func hex(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = s.utf8.makeIterator()
        func n(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        while let a = it.next(), let b = it.next() { out.append(n(a) << 4 | n(b)) }
        return out
    }

    func maxDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        XCTAssertEqual(a.count, b.count)
        return zip(a, b).map { abs(Int($0) - Int($1)) }.max() ?? 0
    }

    func testResizeMatchesOpenCVWithinOne() throws {
        let cases = fixture.cases.filter { $0.key.hasPrefix("resize_") }
        XCTAssertEqual(cases.count, 8)
        for (name, c) in cases {
            let out = Resize.bilinear(inputs[c.input!]!, width: c.width!, height: c.height!)
            XCTAssertLessThanOrEqual(maxDifference(out.pixels, hex(c.rgb!)), 1, name)
        }
    }

    func testHSVMatchesOpenCV() throws {
        let cases = fixture.cases.filter { $0.key.hasPrefix("hsv") && $0.value.gains != nil }
        XCTAssertEqual(cases.count, 12)
        for (name, c) in cases {
            var image = inputs[c.input!]!
            RandomHSV.apply(&image, gains: (c.gains![0], c.gains![1], c.gains![2]))
            // Rows of whole vector blocks (as training images) match OpenCV exactly; narrow rows go through its
            // scalar tail, which rounds where the vector code truncates: ±1 there.
            XCTAssertLessThanOrEqual(maxDifference(image.pixels, hex(c.rgb!)), c.input == "wide" ? 0 : 1, name)
        }
    }

    /// All 180·256·256 HSV triples through our HSV→RGB give OpenCV's bytes (compared by two checksums).
    func testEveryHSVTripleMatchesOpenCV() throws {
        let c = fixture.cases["hsv2rgb_all"]!
        var sum: UInt64 = 0, weighted: UInt64 = 0, position: UInt64 = 1
        for h in 0..<180 {
            for s in 0..<256 {
                for v in 0..<256 {
                    let (r, g, b) = RandomHSV.toRGB(h: UInt8(h), s: UInt8(s), v: UInt8(v))
                    for byte in [r, g, b] {
                        sum &+= UInt64(byte); weighted &+= UInt64(byte) &* position; position += 1
                    }
                }
            }
        }
        XCTAssertEqual(sum, c.sum)
        XCTAssertEqual(weighted, c.weighted)
    }

    func testWarpAffineMatchesOpenCV() throws {
        let c = fixture.cases["warp_smooth"]!
        let m = c.matrix!
        let out = Warp.apply(inputs["smooth"]!, matrix: Matrix3(m), width: c.width!, height: c.height!)
        // OpenCV 5 interpolates in float; this is OpenCV 4's 5-bit fixed-point scheme: ±2 at most.
        XCTAssertLessThanOrEqual(maxDifference(out.pixels, hex(c.rgb!)), 2)
    }

    func testLetterBoxMatchesUltralytics() throws {
        let cases = fixture.cases.filter { $0.key.hasPrefix("letterbox_") }
        XCTAssertEqual(cases.count, 4)
        for (name, c) in cases {
            let sample = Sample(image: inputs["smooth"]!, classes: [0, 0], boxes: c.boxes_in!)
            let (out, _) = LetterBox(height: c.height!, width: c.width!, scaleUp: c.scaleup!)(sample)
            XCTAssertEqual(out.image.width, c.out_width!, name)
            XCTAssertEqual(out.image.height, c.out_height!, name)
            XCTAssertLessThanOrEqual(maxDifference(out.image.pixels, hex(c.rgb!)), 1, name)
            for (a, b) in zip(out.boxes, c.boxes!) { XCTAssertEqual(a, b, accuracy: 1e-3, name) }
        }
    }

    func testBoxTransformAndCandidatesMatchUltralytics() throws {
        let c = fixture.cases["apply_bboxes"]!
        // apply(sample:) maps corners then clips; compare the unclipped corners through a large canvas.
        let m = Matrix3(c.matrix!)
        for k in 0..<3 {
            let b = Array(c.boxes_in![(k * 4)..<(k * 4 + 4)]).map(Double.init)
            var lo = (Double.infinity, Double.infinity), hi = (-Double.infinity, -Double.infinity)
            for (x, y) in [(b[0], b[1]), (b[2], b[3]), (b[0], b[3]), (b[2], b[1])] {
                let (u, v) = m.apply(x, y)
                lo = (min(lo.0, u), min(lo.1, v)); hi = (max(hi.0, u), max(hi.1, v))
            }
            let want = Array(c.boxes![(k * 4)..<(k * 4 + 4)])
            XCTAssertEqual(Float(lo.0), want[0], accuracy: 1e-3); XCTAssertEqual(Float(lo.1), want[1], accuracy: 1e-3)
            XCTAssertEqual(Float(hi.0), want[2], accuracy: 1e-3); XCTAssertEqual(Float(hi.1), want[3], accuracy: 1e-3)
        }
        let cand = fixture.cases["box_candidates"]!
        for k in 0..<cand.keep!.count {
            let a = Array(cand.box1![(k * 4)..<(k * 4 + 4)]), b = Array(cand.box2![(k * 4)..<(k * 4 + 4)])
            XCTAssertEqual(RandomPerspective.boxCandidate(w1: a[2] - a[0], h1: a[3] - a[1], w2: b[2] - b[0], h2: b[3] - b[1]),
                           cand.keep![k], "candidate \(k)")
        }
    }
}
