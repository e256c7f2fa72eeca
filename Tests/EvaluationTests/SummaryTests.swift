import XCTest

@testable import Evaluation

/// Console strings and the postprocess switch.
final class SummaryTests: XCTestCase {
    func testVerboseCountsClassesInOrder() {
        let names = ["person", "bicycle", "car", "motorcycle", "airplane", "bus"]
        XCTAssertEqual(ResultSummary.verbose(classIndices: [5, 0, 0, 0, 0], names: names), "4 persons, 1 bus, ")
        XCTAssertEqual(ResultSummary.verbose(classIndices: [], names: names), "(no detections), ")
    }

    func testSpeedLines() {
        XCTAssertEqual(ValidationTable.speedLine(preprocess: 0.25, inference: 12.06, loss: 0, postprocess: 1.94),
                       "Speed: 0.2ms preprocess, 12.1ms inference, 0.0ms loss, 1.9ms postprocess per image")
        XCTAssertEqual(ResultSummary.predictionSpeedLine(preprocess: 1.23, inference: 40.26, postprocess: 0.8,
                                                         shape: [1, 3, 640, 480]),
                       "Speed: 1.2ms preprocess, 40.3ms inference, 0.8ms postprocess per image at shape "
                           + "(1, 3, 640, 480)")
    }

    func testTableRowLayout() {
        XCTAssertEqual(ValidationTable.row("all", images: 16, instances: 49, values: [0.969, 0.862, 0.9474, 0.77412]),
                       String(repeating: " ", count: 19) + "all" + String(repeating: " ", count: 9) + "16"
                           + String(repeating: " ", count: 9) + "49      0.969      0.862      0.947      0.774")
    }

    func testPostprocessPaths() {
        // Two anchors, one class: anchor 1 overlaps anchor 0 fully.
        let xywh: [Float] = [50, 51, 50, 50, 20, 20, 20, 20, 0.9, 0.8]
        let nms = Postprocess.prediction(endToEnd: false)(prediction: xywh, classCount: 1)
        XCTAssertEqual(nms.map(\.confidence), [0.9])
        let xyxy: [Float] = [40, 41, 40, 40, 60, 61, 60, 60, 0.9, 0.8]
        let e2e = Postprocess.prediction(endToEnd: true)(prediction: xyxy, classCount: 1)
        XCTAssertEqual(e2e.map(\.confidence), [0.9, 0.8], "no NMS on the one-to-one path")
        XCTAssertEqual(Postprocess.validation(endToEnd: false),
                       .nms(NMSOptions(confidenceThreshold: 0.001, iouThreshold: 0.7, multiLabel: true)))
    }
}
