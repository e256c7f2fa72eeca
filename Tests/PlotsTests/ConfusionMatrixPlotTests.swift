import Evaluation
import Foundation
import Rendering
import TestSupport
import XCTest
@testable import Plots

final class ConfusionMatrixPlotTests: XCTestCase {
    let names = ["person", "car", "dog"]
    // [predicted][true]: a strong diagonal, some background FPs (last column) and FNs (last row).
    let matrix: [[Double]] = [[40, 2, 0, 5], [1, 30, 0, 3], [0, 0, 0, 1], [6, 4, 2, 0]]

    func testCellsAreShadedByValueAndEmptyCellsStayWhite() throws {
        let canvas = try ConfusionMatrixPlot.render(matrix: matrix, names: names, normalize: false, dpi: 80).canvas
        keep(canvas, "confusion_matrix.png")
        XCTAssertEqual(canvas.width, 960)
        XCTAssertEqual(canvas.height, 720)
        let (frame, cell) = locateMatrix(canvas)
        func centre(_ i: Int, _ j: Int) -> RGB {
            // Sample a quarter into the cell, away from the value text in the middle.
            canvas[frame.x + Int((Double(j) + 0.2) * cell), frame.y + Int((Double(i) + 0.2) * cell)]
        }
        XCTAssertLessThan(centre(0, 0).r, 60, "the largest count is dark blue")
        XCTAssertGreaterThan(centre(2, 2).r, 250, "a zero cell is blank")
        XCTAssertLessThan(centre(1, 1).r, centre(3, 0).r, "30 is darker than 6")
        // Values are written in the cells: white text on the dark cell, dark text on light ones.
        let darkCell = PixelRect(x: frame.x + Int(0.25 * cell), y: frame.y + Int(0.3 * cell), width: Int(0.5 * cell),
                                 height: Int(0.4 * cell))
        XCTAssertGreaterThan(pixels(canvas, darkCell, near: .white, tolerance: 40), 5)
        // Class names under the matrix and on its left, the title above it.
        XCTAssertGreaterThan(ink(canvas, PixelRect(x: frame.x, y: frame.maxY + 4, width: frame.width, height: 60)), 200)
        XCTAssertGreaterThan(ink(canvas, PixelRect(x: 0, y: frame.y, width: frame.x - 4, height: frame.height)), 200)
        XCTAssertGreaterThan(ink(canvas, PixelRect(x: frame.x, y: 0, width: frame.width, height: frame.y - 2)), 50)
        // Far right of the colour bar stays empty.
        XCTAssertEqual(ink(canvas, PixelRect(x: canvas.width - 40, y: 0, width: 40, height: canvas.height)), 0)
    }

    func testNormalizedColumnsAndFileNames() throws {
        var cm = ConfusionMatrix(classCount: 2)
        let car = GroundTruth(box: Box(x1: 0, y1: 0, x2: 10, y2: 10), classIndex: 1)
        cm.processBatch(detections: [Detection(box: Box(x1: 0, y1: 0, x2: 10, y2: 10), confidence: 0.9, classIndex: 1)],
                        groundTruth: [car])
        let folder = TestPaths.temporaryDirectory("plots-cm")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try ConfusionMatrixPlot.write(cm, names: ["person", "car"], to: folder, dpi: 40)
        XCTAssertEqual(files.map(\.lastPathComponent), ["confusion_matrix.png", "confusion_matrix_normalized.png"])
        for url in files { XCTAssertTrue(FileManager.default.fileExists(atPath: url.path)) }
        let normalized = try ConfusionMatrixPlot.render(matrix: matrix, names: names, normalize: true, dpi: 80).canvas
        let (frame, cell) = locateMatrix(normalized)
        // Column "dog" (true class 2) is 0 / 2 predicted dog and 2 / 2 background: its background cell is darkest.
        let dogBackground = normalized[frame.x + Int(2.2 * cell), frame.y + Int(3.2 * cell)]
        XCTAssertLessThan(dogBackground.r, 60)
    }

    func testManyClassesDrawWithoutValues() throws {
        let n = 120
        let big = (0...n).map { i in (0...n).map { j in i == j ? 5.0 : 0 } }
        let canvas = try ConfusionMatrixPlot.render(matrix: big, names: (0..<n).map { "c\($0)" }, normalize: false,
                                                    dpi: 40).canvas
        XCTAssertGreaterThan(ink(canvas, PixelRect(x: 0, y: 0, width: canvas.width, height: canvas.height)), 100)
    }

    /// The matrix square: the first run of columns holding bluish cell pixels (the colour bar comes after a gap).
    private func locateMatrix(_ canvas: Canvas) -> (PixelRect, Double) {
        func bluish(_ x: Int, _ y: Int) -> Bool { let p = canvas[x, y]; return Int(p.b) > Int(p.r) + 10 }
        var minX = -1, maxX = -1, minY = canvas.height, maxY = 0
        for x in 0..<canvas.width {
            let rows = (0..<canvas.height).filter { bluish(x, $0) }
            if rows.isEmpty {
                if minX >= 0 { break }
                continue
            }
            if minX < 0 { minX = x }
            maxX = x
            minY = min(minY, rows.first!)
            maxY = max(maxY, rows.last!)
        }
        let frame = PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
        return (frame, Double(frame.width) / Double(names.count + 1))
    }
}
