import Foundation
import Rendering
import TestSupport
import XCTest
@testable import Plots

final class ResultsPlotTests: XCTestCase {
    static let header = "epoch,time,train/box_loss,train/cls_loss,train/dfl_loss,metrics/precision(B),metrics/recall(B),"
        + "metrics/mAP50(B),metrics/mAP50-95(B),val/box_loss,val/cls_loss,val/dfl_loss,lr/pg0,lr/pg1,lr/pg2"

    static func csv(epochs: Int) -> String {
        let rows = (1...epochs).map { e -> String in
            let t = Double(e)
            let v = [t, t * 10, 2 / t, 3 / t, 1.5 / t, t / 20, t / 25, t / 22, t / 40, 2.2 / t, 3.1 / t, 1.6 / t, 0.01, 0.01, 0.01]
            return v.map { String(format: "%.6g", $0) }.joined(separator: ",")
        }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }

    func testColumnsFollowTheReferenceOrder() throws {
        let table = try ResultsTable(csv: Self.csv(epochs: 3))
        XCTAssertEqual(table.plottedColumns, [
            "train/box_loss", "train/cls_loss", "train/dfl_loss", "metrics/precision(B)", "metrics/recall(B)",
            "val/box_loss", "val/cls_loss", "val/dfl_loss", "metrics/mAP50(B)", "metrics/mAP50-95(B)",
        ])
        XCTAssertEqual(table.column("epoch"), [1, 2, 3])
    }

    func testResultsPNGHasTenPanelsWithCurvesAndTitles() throws {
        let folder = TestPaths.temporaryDirectory("plots-results")
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("results.csv")
        try Self.csv(epochs: 12).write(to: csv, atomically: true, encoding: .utf8)
        let url = try plotResults(csv: csv)
        XCTAssertEqual(url.lastPathComponent, "results.png")
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))

        let figure = try ResultsPlot.render(try ResultsTable(contentsOf: csv), dpi: 100)
        keep(figure.canvas, "results.png")
        let canvas = figure.canvas
        XCTAssertEqual(canvas.width, 1200)  // (10 + 2) inches at 100 dpi
        XCTAssertEqual(canvas.height, 600)
        let cellW = 240, cellH = 300
        for row in 0..<2 {
            for col in 0..<5 {
                let cell = PixelRect(x: col * cellW, y: row * cellH, width: cellW, height: cellH)
                let plot = PixelRect(x: cell.x + 60, y: cell.y + 50, width: cellW - 80, height: cellH - 100)
                XCTAssertGreaterThan(pixels(canvas, plot, near: Tab10.color(0)), 100, "results line in panel \(row),\(col)")
                XCTAssertGreaterThan(pixels(canvas, plot, near: Tab10.color(1)), 30, "smooth line in panel \(row),\(col)")
                let title = PixelRect(x: cell.x + 40, y: cell.y, width: cellW - 50, height: 30)
                XCTAssertGreaterThan(ink(canvas, title), 50, "title of panel \(row),\(col)")
            }
        }
    }

    func testASingleEpochAndMissingFileAndBadRows() throws {
        XCTAssertNoThrow(try ResultsPlot.render(try ResultsTable(csv: Self.csv(epochs: 1)), dpi: 50))
        XCTAssertThrowsError(try ResultsTable(contentsOf: URL(fileURLWithPath: "/nonexistent/results.csv"))) {
            XCTAssertTrue("\($0)".contains("/nonexistent/results.csv"))
        }
        XCTAssertThrowsError(try ResultsTable(csv: Self.header + "\n1,2,3\n", path: "r.csv")) {
            XCTAssertTrue("\($0)".contains("r.csv:2"), "\($0)")
        }
        XCTAssertThrowsError(try ResultsTable(csv: Self.header + "\n", path: "r.csv")) {
            XCTAssertEqual($0 as? PlotError, .empty(path: "r.csv"))
        }
    }

    func testGaussianSmoothingMatchesNumPy() {
        // Expected: ultralytics 8.4.190 `_gaussian_filter1d(y, 3)` (ultralytics/utils/plotting.py), printed with
        // .venv-tools/bin/python: a spike 8 long (the kernel reflects several times) and a ramp 20 long.
        let spike = gaussianFilter1D([0, 0, 0, 10, 0, 0, 0, 0], sigma: 3)
        let spikeExpected = [1.353754, 1.398058, 1.443096, 1.432027, 1.333955, 1.167039, 0.991708, 0.880363]
        for (a, b) in zip(spike, spikeExpected) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        let ramp = gaussianFilter1D((1...20).map(Double.init), sigma: 3)
        let rampExpected = [2.937548, 3.196331, 3.687397, 4.365608, 5.17915, 6.080523, 7.033054, 8.012323, 9.004088,
                            10.000924, 10.999076, 11.995912, 12.987677, 13.966946, 14.919477, 15.82085, 16.634392,
                            17.312603, 17.803669, 18.062452]
        XCTAssertEqual(ramp.count, 20)
        for (a, b) in zip(ramp, rampExpected) { XCTAssertEqual(a, b, accuracy: 1e-6) }
    }

    func testTicksAreRound() {
        XCTAssertEqual(Ticks(range: 0...1, target: 5).labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        XCTAssertEqual(Ticks(range: 0.3...1.9, target: 6).labels, ["0.5", "1.0", "1.5"])
        XCTAssertEqual(Ticks(range: 0.3...1.9, target: 8).labels, ["0.4", "0.6", "0.8", "1.0", "1.2", "1.4", "1.6", "1.8"])
        XCTAssertEqual(Ticks(range: 0.3...1.9, target: 7).labels, ["0.50", "0.75", "1.00", "1.25", "1.50", "1.75"])
        XCTAssertEqual(Ticks(range: 0...30, target: 4).labels, ["0", "10", "20", "30"])
    }
}
