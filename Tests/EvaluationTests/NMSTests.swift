import XCTest

@testable import Evaluation

/// `non_max_suppression` and the YOLO26 end-to-end top-k against the reference's outputs.
final class NMSTests: XCTestCase {
    struct Options: Decodable {
        let conf_thres: Double?
        let iou_thres: Double?
        let classes: [Int]?
        let agnostic: Bool?
        let multi_label: Bool?
        let max_det: Int?
        let max_nms: Int?

        /// The reference function's own defaults for any key the case leaves out.
        var nmsOptions: NMSOptions {
            NMSOptions(
                confidenceThreshold: Float(conf_thres ?? 0.25), iouThreshold: iou_thres ?? 0.45, classes: classes,
                agnostic: agnostic ?? false, multiLabel: multi_label ?? false, maxDetections: max_det ?? 300,
                maxNMS: max_nms ?? 30000)
        }
    }

    struct NMSCase: Decodable {
        let name: String
        let nc: Int
        let anchors: Int
        let options: Options
        let prediction: [Double]
        let output: [[Double]]
    }

    struct EndToEndCase: Decodable {
        let name: String
        let nc: Int
        let anchors: Int
        let max_det: Int
        let agnostic: Bool
        let conf: Double
        let classes: [Int]?
        let prediction: [Double]
        let topk: [[Double]]
        let filtered: [[Double]]
    }

    struct Cases<C: Decodable>: Decodable { let cases: [C] }

    func testNonMaxSuppressionMatchesReference() throws {
        let fixture = try loadFixture(Cases<NMSCase>.self, "nms.json")
        XCTAssertEqual(fixture.cases.count, 12)
        for c in fixture.cases {
            let out = nonMaxSuppression(prediction: c.prediction.map(Float.init), classCount: c.nc,
                                        options: c.options.nmsOptions)
            assertClose(out.rows, c.output, "nms \(c.name)")
        }
    }

    func testEndToEndTopKMatchesDetectPostprocess() throws {
        let fixture = try loadFixture(Cases<EndToEndCase>.self, "end2end.json")
        for c in fixture.cases {
            let top = endToEndTopK(prediction: c.prediction.map(Float.init), classCount: c.nc,
                                   maxDetections: c.max_det, agnostic: c.agnostic)
            XCTAssertEqual(top.count, min(c.max_det, c.anchors), c.name)
            assertClose(top.rows, c.topk, "top-k \(c.name)")
            let kept = filterEndToEnd(top, confidenceThreshold: Float(c.conf), classes: c.classes,
                                      maxDetections: c.max_det)
            assertClose(kept.rows, c.filtered, "end2end filter \(c.name)")
        }
    }

    /// Two heavily overlapping boxes: kept apart by class-aware NMS, merged by agnostic NMS.
    func testClassOffsetSeparatesClasses() {
        // (4+nc=6, A=3): anchors 0 and 1 overlap (class 0 and 1), anchor 2 elsewhere (class 1).
        let cx: [Float] = [50, 52, 200], cy: [Float] = [50, 50, 200]
        let w: [Float] = [40, 40, 30], h: [Float] = [40, 40, 30]
        let s0: [Float] = [0.9, 0.1, 0.05], s1: [Float] = [0.2, 0.8, 0.6]
        let prediction = cx + cy + w + h + s0 + s1
        let aware = nonMaxSuppression(prediction: prediction, classCount: 2, options: .prediction())
        XCTAssertEqual(aware.map(\.classIndex), [0, 1, 1])
        XCTAssertEqual(aware.map(\.confidence), [0.9, 0.8, 0.6])
        let agnostic = nonMaxSuppression(prediction: prediction, classCount: 2, options: .prediction(agnostic: true))
        XCTAssertEqual(agnostic.map(\.confidence), [0.9, 0.6])
        let multi = nonMaxSuppression(prediction: prediction, classCount: 2, options: .validation())
        // Multi-label: 6 (box, class) pairs; per class the overlapping lower score goes (0.1 in class 0, 0.2 in 1).
        XCTAssertEqual(multi.map(\.confidence), [0.9, 0.8, 0.6, 0.05])
        XCTAssertEqual(multi.map(\.classIndex), [0, 1, 1, 0])
    }

    func testNMSKeepsHigherScoreAndTiesByIndex() {
        let a = Box(x1: 0, y1: 0, x2: 10, y2: 10)
        let boxes = [a, Box(x1: 1, y1: 0, x2: 11, y2: 10), a]
        XCTAssertEqual(nms(boxes: boxes, scores: [0.5, 0.9, 0.5], iouThreshold: 0.7), [1])
        XCTAssertEqual(nms(boxes: boxes, scores: [0.5, 0.9, 0.5], iouThreshold: 0.95), [1, 0])
        XCTAssertEqual(nms(boxes: [], scores: [], iouThreshold: 0.7), [])
    }
}

/// Early-stopped NMS.
final class SelectionTests: XCTestCase {
    func testEarlyStoppedNMSIsAPrefixOfTheFullResult() {
        var generator = SystemRandomNumberGenerator()
        let boxes = (0..<400).map { _ -> Box in
            let x = Float.random(in: 0..<300, using: &generator), y = Float.random(in: 0..<300, using: &generator)
            return Box(x1: x, y1: y, x2: x + Float.random(in: 5..<80, using: &generator),
                       y2: y + Float.random(in: 5..<80, using: &generator))
        }
        let scores = (0..<400).map { _ in Float.random(in: 0..<1, using: &generator) }
        let full = nms(boxes: boxes, scores: scores, iouThreshold: 0.5)
        XCTAssertGreaterThan(full.count, 20)
        XCTAssertEqual(nms(boxes: boxes, scores: scores, iouThreshold: 0.5, maxKept: 20), Array(full.prefix(20)))
    }
}

/// `torch.topk`'s order among equal values (libstdc++ partial_sort / nth_element + sort).
final class TorchTopKTests: XCTestCase {
    struct Case: Decodable {
        let k: Int
        let levels: Int
        let steps: [Int]
        let indices: [Int]

        /// `float32(step / levels)` with the division in double, as numpy made them.
        var values: [Float] { steps.map { Float(Double($0) / Double(levels)) } }
    }

    struct Cases: Decodable {
        let cases: [Case]
        let argsort: [Sort]
    }

    /// `torch.argsort(descending=True)` of `float32(step / levels)`.
    struct Sort: Decodable {
        let levels: Int
        let steps: [Int]
        let indices: [Int]
    }

    func testArgsortMatchesTorchIncludingTies() throws {
        let fixture = try loadFixture(Cases.self, "topk.json")
        for c in fixture.argsort {
            let values = c.steps.map { Float(Double($0) / Double(c.levels)) }
            XCTAssertEqual(torchArgsortDescending(values), c.indices, "n \(values.count)")
        }
        XCTAssertNotEqual(torchArgsortDescending([Float](repeating: 1, count: 40)), Array(0..<40),
                          "torch's default sort is not stable")
    }

    func testTopKMatchesTorchIncludingTies() throws {
        let fixture = try loadFixture(Cases.self, "topk.json")
        for c in fixture.cases {
            let got = torchTopKIndices(c.values, k: c.k)
            XCTAssertEqual(got, c.indices, "n \(c.steps.count), k \(c.k)")
        }
    }
}
