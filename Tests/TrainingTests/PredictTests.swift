import Evaluation
import Foundation
import Models
import Rendering
import TestSupport
import XCTest
import YOLOData

@testable import Training

/// The predictor's letterbox, its sources, and annotated coco8 pictures whose box edges carry the class colour.
final class PredictTests: XCTestCase {
    /// `LetterBox(640, auto=True, stride=32)`: long side to 640, the short side padded only to a stride multiple,
    /// the remainder split as `round(d ∓ 0.1)`.
    func testLetterboxPadsToTheMinimumRectangle() {
        let wide = Image(width: 300, height: 200, fill: 200)
        let (input, h, w) = PredictLetterbox(size: 640, stride: 32)(wide)
        XCTAssertEqual([h, w], [448, 640])  // 427 rows of image, 10 above, 11 below
        XCTAssertEqual(input.count, 3 * 448 * 640)
        XCTAssertEqual(input[5 * 640 + 320], 114 / 255, accuracy: 1e-6)  // top pad
        XCTAssertEqual(input[20 * 640 + 320], 200 / 255, accuracy: 1e-6)  // image
        XCTAssertEqual(input[446 * 640 + 320], 114 / 255, accuracy: 1e-6)  // bottom pad
        XCTAssertEqual(input[436 * 640 + 320], 200 / 255, accuracy: 1e-6)  // last image row (10 + 427 - 1)
        let coco = PredictLetterbox(size: 640)(Image(width: 640, height: 480))
        XCTAssertEqual([coco.height, coco.width], [480, 640])
        let small = PredictLetterbox(size: 320)(Image(width: 500, height: 375))
        XCTAssertEqual([small.height, small.width], [256, 320])  // 240 + 16 of padding
    }

    func testSourcesFolderGlobListAndErrors() throws {
        let folder = TestPaths.temporaryDirectory("yolo-sources")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.jpg", "a.png", "notes.md"] {
            FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data([1]))
        }
        try "a.png\n\n  b.jpg \n".write(to: folder.appendingPathComponent("list.txt"), atomically: true, encoding: .utf8)
        let names = { (urls: [URL]) in urls.map(\.lastPathComponent) }
        XCTAssertEqual(names(try PredictionSource.files(folder.path, currentDirectory: folder)), ["a.png", "b.jpg"])
        XCTAssertEqual(names(try PredictionSource.files("*.jpg", currentDirectory: folder)), ["b.jpg"])
        XCTAssertEqual(try PredictionSource.files("list.txt", currentDirectory: folder).map(\.path),
                       [folder.appendingPathComponent("a.png").path, folder.appendingPathComponent("b.jpg").path])
        XCTAssertEqual(names(try PredictionSource.files("b.jpg", currentDirectory: folder)), ["b.jpg"])
        func message(_ source: String) -> String {
            do {
                _ = try PredictionSource.files(source, currentDirectory: folder)
                return ""
            } catch { return "\(error)" }
        }
        XCTAssertTrue(message("missing.jpg").contains("source=missing.jpg: no such file or folder"), message("missing.jpg"))
        XCTAssertTrue(message("*.gif").contains("matches no images"), message("*.gif"))
        XCTAssertTrue(message("notes.md").contains("not an image file"), message("notes.md"))
        XCTAssertTrue(message("https://x/y.jpg").contains("not supported"))
    }

    /// Predictions of an untrained model on coco8 (low conf so there are boxes): boxes inside the image, the best
    /// box's left edge drawn in its class colour, pixels away from every box untouched, and the txt lines re-parse to
    /// the same boxes.
    func testAnnotatedCoco8ImagesAndLabelsReparse() throws {
        let definition = try XCTUnwrap(BuiltinModels.definition("yolo26n.yaml"))
        let model = try DetectionModel(definition, nc: 3, seed: 3)
        var options = PredictOptions()
        options.imageSize = 160
        options.confidenceThreshold = 0.001
        options.maxDetections = 3
        let predictor = Predictor(model: model, options: options)
        let annotator = Annotator(names: ["circle", "square", "triangle"])
        let images = TestPaths.dataset("coco8").appendingPathComponent("images/val")
        let files = try PredictionSource.files(images.path, currentDirectory: images)
        XCTAssertEqual(files.count, 4)
        for url in files {
            let image = try ImageDecoder.decode(contentsOf: url).image
            let p = predictor(image, path: url.path)
            XCTAssertEqual(p.originalShape, ImageShape(height: image.height, width: image.width))
            XCTAssertEqual(p.inputShape.width % 32 + p.inputShape.height % 32, 0)
            let best = try XCTUnwrap(p.detections.first, url.lastPathComponent)
            XCTAssertLessThanOrEqual(p.detections.count, 3)
            for d in p.detections {
                XCTAssertTrue(d.box.x1 >= 0 && d.box.x2 <= Float(image.width) && d.box.y2 <= Float(image.height))
            }
            let canvas = try annotator.annotated(image, detections: p.detections)
            let x = min(Int(best.box.x1), image.width - 1), y = min(Int((best.box.y1 + best.box.y2) / 2), image.height - 1)
            XCTAssertEqual(canvas[x, y], Colors.colors(best.classIndex), "\(url.lastPathComponent) at (\(x), \(y))")
            // A pixel outside every box (and every label tab above them) keeps the photo's colour.
            if let free = freePixel(image, detections: p.detections, margin: 4 * canvas.annotationLineWidth) {
                let (r, g, b) = image[free.x, free.y]
                XCTAssertEqual(canvas[free.x, free.y], RGB(r, g, b))
            }
            let text = YOLOText.text(for: p.detections, imageShape: p.originalShape, saveConfidence: true)
            let rows = text.split(separator: "\n").map { $0.split(separator: " ").map { Double($0)! } }
            XCTAssertEqual(rows.count, p.detections.count)
            for (row, d) in zip(rows, p.detections) {
                XCTAssertEqual(row.count, 6)
                XCTAssertEqual(Int(row[0]), d.classIndex)
                let xywh = d.box.xywh
                XCTAssertEqual(row[1] * Double(image.width), Double(xywh[0]), accuracy: 0.001 * Double(image.width))
                XCTAssertEqual(row[3] * Double(image.width), Double(xywh[2]), accuracy: 0.001 * Double(image.width))
                XCTAssertEqual(row[5], Double(d.confidence), accuracy: 1e-5)
            }
        }
    }

    /// The first pixel (row-major) at least `margin` pixels from every box and clear of any label tab above one.
    func freePixel(_ image: Image, detections: [Detection], margin: Int) -> (x: Int, y: Int)? {
        let m = Float(margin)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let (fx, fy) = (Float(x), Float(y))
                let clear = detections.allSatisfy { d in
                    let left = d.box.x1 - m, right = d.box.x2 + m + 300  // tabs may stretch right of narrow boxes
                    let top = d.box.y1 - 3 * m - 40, bottom = d.box.y2 + m
                    return fx < left || fx > right || fy < top || fy > bottom
                }
                if clear { return (x, y) }
            }
        }
        return nil
    }
}
