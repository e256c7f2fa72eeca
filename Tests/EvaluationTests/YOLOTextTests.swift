import XCTest

@testable import Evaluation

/// `Results.save_txt` lines for detections.
final class YOLOTextTests: XCTestCase {
    struct Fixture: Decodable {
        let shape: [Int]
        let boxes: [[Double]]
        let conf: [Double]
        let cls: [Int]
        let with_conf: String
        let without_conf: String
    }

    func testLinesMatchSaveTxt() throws {
        let f = try loadFixture(Fixture.self, "save_txt.json")
        let detections = zip(f.boxes.boxes, zip(f.conf, f.cls)).map {
            Detection(box: $0, confidence: Float($1.0), classIndex: $1.1)
        }
        let shape = ImageShape(height: f.shape[0], width: f.shape[1])
        XCTAssertEqual(YOLOText.text(for: detections, imageShape: shape), f.without_conf)
        XCTAssertEqual(YOLOText.text(for: detections, imageShape: shape, saveConfidence: true), f.with_conf)
    }

    func testLinesReparse() {
        let d = Detection(box: Box(x1: 10, y1: 20, x2: 110, y2: 70), confidence: 0.5, classIndex: 3)
        let fields = YOLOText.lines(for: [d], imageShape: ImageShape(height: 100, width: 200), saveConfidence: true)[0]
            .split(separator: " ").map { Double($0)! }
        XCTAssertEqual(fields, [3, 0.3, 0.45, 0.5, 0.5, 0.5])
    }
}
