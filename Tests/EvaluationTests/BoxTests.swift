import XCTest

@testable import Evaluation

/// Box conversions, IoU variants, letterbox undo and clipping against `ultralytics.utils.ops` / `metrics`.
final class BoxTests: XCTestCase {
    struct ScaleCase: Decodable {
        let img1_shape: [Int]
        let img0_shape: [Int]
        let ratio_pad: [[Double]]?
        let boxes: [[Double]]
        let scaled: [[Double]]
        let scaled_f64: [[Double]]
    }

    struct Fixture: Decodable {
        let xywh, xywh2xyxy, xyxy, xyxy2xywh, xyxy2ltwh, iou_a, iou_b, box_iou: [[Double]]
        let ciou_pred, ciou_target: [[Double]]
        let ciou_f32, ciou_f64, giou_f64, diou_f64, iou_f64, ciou_xywh_f64: [Double]
        let scale_boxes: [ScaleCase]
        let clip_in: [[Double]]
        let clip_shape: [Int]
        let clipped: [[Double]]
    }

    func testConversions() throws {
        let f = try loadFixture(Fixture.self, "boxes.json")
        let fromXYWH = Box.boxes(xywh: f.xywh.flatMap { $0.map(Float.init) })
        assertClose(fromXYWH.rows, f.xywh2xyxy, "xywh2xyxy")
        let boxes = f.xyxy.boxes
        assertClose(boxes.map { $0.xywh.map(Double.init) }, f.xyxy2xywh, "xyxy2xywh")
        assertClose(boxes.map { $0.ltwh.map(Double.init) }, f.xyxy2ltwh, "xyxy2ltwh")
    }

    func testBoxIoUMatrix() throws {
        let f = try loadFixture(Fixture.self, "boxes.json")
        let iou = boxIoU(f.iou_a.boxes, f.iou_b.boxes)
        assertClose(iou.map { $0.map(Double.init) }, f.box_iou, "box_iou")
        XCTAssertEqual(iou[3][8], 1, accuracy: 1e-6, "an identical box has IoU 1")
        XCTAssertEqual(iou[0][9], 0, "a degenerate box has IoU 0")
    }

    func testIoUVariantsMatchBboxIoU() throws {
        let f = try loadFixture(Fixture.self, "boxes.json")
        func tuple<T: IoUScalar>(_ r: [Double], _: T.Type) -> (T, T, T, T) { (T(r[0]), T(r[1]), T(r[2]), T(r[3])) }
        let pairs = zip(f.ciou_pred, f.ciou_target)
        let ciou32 = pairs.map { bboxIoU(tuple($0, Float.self), tuple($1, Float.self), xywh: false, kind: .ciou) }
        assertClose(ciou32, f.ciou_f32, tolerance: 1e-6, "CIoU float32")
        let expectations = [(IoUKind.ciou, f.ciou_f64), (.giou, f.giou_f64), (.diou, f.diou_f64), (.iou, f.iou_f64)]
        for (kind, expected) in expectations {
            let values = pairs.map { bboxIoU(tuple($0, Double.self), tuple($1, Double.self), xywh: false, kind: kind) }
            assertClose(values, expected, tolerance: 1e-12, "\(kind) float64")
        }
        let xywh = pairs.map { bboxIoU(tuple($0, Double.self), tuple($1, Double.self), xywh: true, kind: .ciou) }
        assertClose(xywh, f.ciou_xywh_f64, tolerance: 1e-12, "CIoU xywh float64")
    }

    func testScaleBoxesUndoesTheLetterbox() throws {
        let f = try loadFixture(Fixture.self, "boxes.json")
        for (i, c) in f.scale_boxes.enumerated() {
            let input = ImageShape(height: c.img1_shape[0], width: c.img1_shape[1])
            let original = ImageShape(height: c.img0_shape[0], width: c.img0_shape[1])
            let ratioPad = c.ratio_pad.map {
                RatioPad(gainY: $0[0][0], gainX: $0[0][1], padX: $0[1][0], padY: $0[1][1])
            }
            let scaled = scaleBoxes(c.boxes.boxes, from: input, to: original, ratioPad: ratioPad)
            assertClose(scaled.rows, c.scaled, "scale_boxes float32 case \(i)")
            let scaled64 = scaleBoxes(c.boxes, from: input, to: original, ratioPad: ratioPad)
            assertClose(scaled64, c.scaled_f64, tolerance: 1e-12, "scale_boxes float64 case \(i)")
        }
    }

    func testLetterboxGainAndPad() {
        // 640×480 into 640×640: gain 1, 80 px of padding above and below.
        let rp = RatioPad(letterboxing: ImageShape(height: 480, width: 640), into: ImageShape(height: 640, width: 640))
        XCTAssertEqual([rp.gainX, rp.gainY, rp.padX, rp.padY], [1, 1, 0, 80])
    }

    func testClipBoxes() throws {
        let f = try loadFixture(Fixture.self, "boxes.json")
        let clipped = clipBoxes(f.clip_in.boxes, to: ImageShape(height: f.clip_shape[0], width: f.clip_shape[1]))
        assertClose(clipped.rows, f.clipped, "clip_boxes")
    }
}
