import XCTest

@testable import Evaluation

/// Whole validation cases (random and crafted) through `DetMetrics` against `DetectionValidator` + `DetMetrics` +
/// `ConfusionMatrix` of the reference: matching, AP per class, means, fitness, table, confusion matrices.
final class MetricsTests: XCTestCase {
    struct Image: Decodable {
        let gt_boxes: [[Double]]
        let gt_cls: [Int]
        let pred_boxes: [[Double]]
        let pred_conf: [Double]
        let pred_cls: [Int]

        var predictions: [Detection] {
            zip(pred_boxes.boxes, zip(pred_conf, pred_cls)).map {
                Detection(box: $0, confidence: Float($1.0), classIndex: $1.1)
            }
        }
        var groundTruth: [GroundTruth] { zip(gt_boxes.boxes, gt_cls).map { GroundTruth(box: $0, classIndex: $1) } }
    }

    struct APResult: Decodable {
        let tp, fp, p, r, f1: [Double]
        let ap: [[Double]]
        let classes: [Int]
    }

    struct SummaryRow: Decodable {
        let Class: String
        let Images, Instances: Int
        let `Box-P`, `Box-R`, `Box-F1`, mAP50, mAP75, `mAP50-95`: Double
    }

    struct ImageMetric: Decodable {
        let precision, recall, f1: Double
        let tp, fp, fn: Int
    }

    struct Curves: Decodable {
        let px: [Double]
        let p_curve, r_curve, f1_curve, prec_values: [[Double]]
    }

    struct Case: Decodable {
        let name: String
        let names: [String]
        let images: [Image]
        let tp_per_image: [[[Int]]]
        let ap_per_class: APResult
        let mp, mr, map50, map75, map, fitness: Double
        let maps: [Double]
        let results_dict: [String: Double]
        let nt_per_class, nt_per_image: [Int]
        let summary: [SummaryRow]
        let image_metrics: [String: ImageMetric]
        let printed: [String]
        let confusion_matrix, confusion_matrix_conf_0_25: [[Double]]
        let curves: Curves?
    }

    struct Cases: Decodable { let cases: [Case] }

    /// Runs one case the way the validator does and checks every reference output.
    func check(_ c: Case, file: StaticString = #filePath, line: UInt = #line) {
        var metrics = DetMetrics(names: c.names)
        var confusion = ConfusionMatrix(classCount: c.names.count)
        var confusion25 = ConfusionMatrix(classCount: c.names.count)
        for (i, image) in c.images.enumerated() {
            let correct = metrics.update(predictions: image.predictions, groundTruth: image.groundTruth,
                                         imageName: "im\(i).jpg")
            XCTAssertEqual(correct.map { $0.map { $0 ? 1 : 0 } }, c.tp_per_image[i], "\(c.name) tp of image \(i)",
                           file: file, line: line)
            confusion.processBatch(detections: image.predictions, groundTruth: image.groundTruth,
                                   confidenceThreshold: 0.001)
            confusion25.processBatch(detections: image.predictions, groundTruth: image.groundTruth)
        }
        let result = metrics.process()
        let ref = c.ap_per_class
        XCTAssertEqual(result.classes, ref.classes, "\(c.name) classes", file: file, line: line)
        assertClose(result.precision, ref.p, "\(c.name) p", file: file, line: line)
        assertClose(result.recall, ref.r, "\(c.name) r", file: file, line: line)
        assertClose(result.f1, ref.f1, "\(c.name) f1", file: file, line: line)
        assertClose(result.truePositives, ref.tp, "\(c.name) tp", file: file, line: line)
        assertClose(result.falsePositives, ref.fp, "\(c.name) fp", file: file, line: line)
        assertClose(result.ap, ref.ap, "\(c.name) ap", file: file, line: line)

        let box = metrics.box
        assertClose([box.mp, box.mr, box.map50, box.map75, box.map, metrics.fitness],
                    [c.mp, c.mr, c.map50, c.map75, c.map, c.fitness], "\(c.name) means", file: file, line: line)
        assertClose(metrics.maps, c.maps, "\(c.name) maps", file: file, line: line)
        XCTAssertEqual(metrics.resultsDict.map(\.key), DetMetrics.keys + ["fitness"], file: file, line: line)
        assertClose(metrics.resultsDict.map(\.value), metrics.resultsDict.map { c.results_dict[$0.key] ?? .nan },
                    "\(c.name) results_dict", file: file, line: line)
        XCTAssertEqual(metrics.ntPerClass, c.nt_per_class, "\(c.name) nt_per_class", file: file, line: line)
        XCTAssertEqual(metrics.ntPerImage, c.nt_per_image, "\(c.name) nt_per_image", file: file, line: line)

        let rows = metrics.classRows
        XCTAssertEqual(rows.map(\.name), c.summary.map(\.Class), "\(c.name) summary classes", file: file, line: line)
        XCTAssertEqual(rows.map(\.images), c.summary.map(\.Images), file: file, line: line)
        XCTAssertEqual(rows.map(\.instances), c.summary.map(\.Instances), file: file, line: line)
        let ours = rows.map { [$0.precision, $0.recall, $0.f1, $0.map50, $0.map75, $0.map50to95] }
        let theirs = c.summary.map { [$0.`Box-P`, $0.`Box-R`, $0.`Box-F1`, $0.mAP50, $0.mAP75, $0.`mAP50-95`] }
        assertClose(ours, theirs, tolerance: 1e-5, "\(c.name) summary (rounded to 5 decimals)", file: file, line: line)

        XCTAssertEqual(metrics.imageMetrics.count, c.images.count, file: file, line: line)
        for (name, m) in metrics.imageMetrics {
            guard let e = c.image_metrics[name] else { return XCTFail("no image metrics for \(name)") }
            assertClose([m.precision, m.recall, m.f1], [e.precision, e.recall, e.f1], "\(c.name) \(name)",
                        file: file, line: line)
            XCTAssertEqual([m.truePositives, m.falsePositives, m.falseNegatives], [e.tp, e.fp, e.fn], file: file,
                           line: line)
        }

        XCTAssertEqual([ValidationTable.header] + ValidationTable.lines(for: metrics), c.printed,
                       "\(c.name) printed table", file: file, line: line)
        assertClose(confusion.matrix, c.confusion_matrix, "\(c.name) confusion matrix (conf 0.001)", file: file,
                    line: line)
        assertClose(confusion25.matrix, c.confusion_matrix_conf_0_25, "\(c.name) confusion matrix (conf 0.25)",
                    file: file, line: line)

        if let curves = c.curves {
            assertClose(result.x, curves.px, "\(c.name) px", file: file, line: line)
            assertClose(result.precisionCurve, curves.p_curve, "\(c.name) p_curve", file: file, line: line)
            assertClose(result.recallCurve, curves.r_curve, "\(c.name) r_curve", file: file, line: line)
            assertClose(result.f1Curve, curves.f1_curve, "\(c.name) f1_curve", file: file, line: line)
            assertClose(result.precisionValues, curves.prec_values, "\(c.name) prec_values", file: file, line: line)
        }
    }

    func cases() throws -> [String: Case] {
        let list = try loadFixture(Cases.self, "metrics_cases.json").cases
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }

    func testPerfectPredictions() throws {
        let c = try XCTUnwrap(cases()["perfect"])
        check(c)
        XCTAssertEqual(c.map50, 0.995, accuracy: 1e-12, "101-point AP of a perfect class is 0.995")
    }

    func testNoPredictions() throws { check(try XCTUnwrap(cases()["no_predictions"])) }

    func testNoGroundTruth() throws {
        check(try XCTUnwrap(cases()["no_ground_truth"]))
        check(try XCTUnwrap(cases()["no_ground_truth_with_empty"]))
        check(try XCTUnwrap(cases()["all_empty"]))
    }

    func testTies() throws { check(try XCTUnwrap(cases()["ties"])) }

    func testOneClassMissing() throws {
        let c = try XCTUnwrap(cases()["class_missing"])
        XCTAssertFalse(c.ap_per_class.classes.contains(2), "class 2 has no targets in this case")
        check(c)
    }

    func testSingleClass() throws { check(try XCTUnwrap(cases()["single_class"])) }

    func testRandomCases() throws {
        let all = try cases()
        for name in ["random_0", "random_1", "random_2"] { check(try XCTUnwrap(all[name], name)) }
        XCTAssertEqual(all.count, 11, "every case in the fixture is checked by a test")
    }

    func testCurves() throws {
        let c = try loadFixture(Case.self, "metrics_curves.json")
        XCTAssertNotNil(c.curves)
        check(c)
    }

    func testClearForgetsEverything() throws {
        let c = try XCTUnwrap(cases()["random_0"])
        var metrics = DetMetrics(names: c.names)
        for image in c.images { metrics.update(predictions: image.predictions, groundTruth: image.groundTruth) }
        metrics.clear()
        XCTAssertEqual(metrics.seen, 0)
        XCTAssertTrue(metrics.tp.isEmpty && metrics.targetClasses.isEmpty)
    }
}
