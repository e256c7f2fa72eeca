import XCTest

@testable import Evaluation

/// `pred_to_json` rows and the `predictions.json` text `json.dump` writes.
final class COCOJSONTests: XCTestCase {
    struct Row: Decodable {
        let file_name: String
        let category_id: Int
        let bbox: [Double]
        let score: Double
    }

    struct Case: Decodable {
        let im_file: String
        let coco: Bool
        let boxes: [[Double]]
        let conf: [Double]
        let cls: [Int]
        let rows: [Row]
    }

    struct Fixture: Decodable {
        let cases: [Case]
        let text: String
        let coco80_to_coco91: [Int]
    }

    func testRowsAndTextMatchPredToJSON() throws {
        let f = try loadFixture(Fixture.self, "coco_json.json")
        XCTAssertEqual(coco80ToCoco91Class, f.coco80_to_coco91)
        var all: [COCODetection] = []
        for c in f.cases {
            let detections = zip(c.boxes.boxes, zip(c.conf, c.cls)).map {
                Detection(box: $0, confidence: Float($1.0), classIndex: $1.1)
            }
            let classMap = c.coco ? coco80ToCoco91Class : COCODetection.defaultClassMap(classCount: 80)
            let rows = COCODetection.rows(for: detections, imagePath: c.im_file, classMap: classMap)
            XCTAssertEqual(rows.map(\.categoryID), c.rows.map(\.category_id))
            XCTAssertEqual(rows.map(\.fileName), c.rows.map(\.file_name))
            XCTAssertEqual(rows.map(\.bbox), c.rows.map(\.bbox), "bbox rounded to 3 decimals")
            XCTAssertEqual(rows.map(\.score), c.rows.map(\.score), "score rounded to 5 decimals")
            all += rows
        }
        XCTAssertEqual(all.first?.imageID, .number(139))
        XCTAssertEqual(all.last?.imageID, .name("raccoon-12"))
        XCTAssertEqual(COCODetection.jsonText(all), f.text)
    }

    func testPythonFloatRepr() {
        XCTAssertEqual(COCODetection.pythonRepr(100), "100.0")
        XCTAssertEqual(COCODetection.pythonRepr(1e-05), "1e-05")
        XCTAssertEqual(COCODetection.pythonRepr(0.0001), "0.0001")
        XCTAssertEqual(COCODetection.pythonRepr(258.15), "258.15")
        XCTAssertEqual(pythonRound(2.675, digits: 2), 2.67, "binary 2.675 is below the tie, as in Python")
    }
}
