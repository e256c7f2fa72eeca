import XCTest
import Rendering

final class ShapeTests: XCTestCase {
    func testStrokedRectColoursEdgesNotInterior() {
        var canvas = Canvas(width: 100, height: 80, background: .white)
        let red = RGB(255, 0, 0)
        canvas.strokeRect(x1: 10, y1: 20, x2: 60, y2: 70, color: red, lineWidth: 3)
        for (x, y) in [(10, 20), (60, 70), (35, 20), (35, 70), (10, 45), (60, 45), (9, 45), (11, 45), (61, 45)] {
            XCTAssertEqual(canvas[x, y], red, "edge pixel (\(x), \(y))")
        }
        XCTAssertEqual(canvas[35, 45], .white, "interior")
        XCTAssertEqual(canvas[12, 45], .white, "just inside the 3-pixel border")
        XCTAssertEqual(canvas[8, 45], .white, "just outside the 3-pixel border")
        XCTAssertEqual(canvas.countPixels(in: PixelRect(x: 12, y: 22, width: 47, height: 47), differingFrom: .white), 0)
    }

    func testStrokeRectClipsAtTheCanvasEdge() {
        var canvas = Canvas(width: 20, height: 20)
        canvas.strokeRect(x1: -5, y1: -5, x2: 30, y2: 30, color: .black, lineWidth: 2)
        XCTAssertEqual(canvas.countPixels(in: PixelRect(x: 0, y: 0, width: 20, height: 20), differingFrom: .white), 0)
    }

    func testAntiAliasedLineCoversItsPathOnly() {
        var canvas = Canvas(width: 100, height: 100)
        canvas.line(from: Point(10, 10), to: Point(90, 90), color: .black, width: 3)
        XCTAssertEqual(canvas[50, 50], .black)
        XCTAssertEqual(canvas[20, 20], .black)
        XCTAssertEqual(canvas[80, 20], .white)
        XCTAssertEqual(canvas[20, 80], .white)
        // Anti-aliased: some edge pixels are grey, neither black nor white.
        var greys = 0
        for y in 0..<100 { for x in 0..<100 where canvas[x, y] != .black && canvas[x, y] != .white { greys += 1 } }
        XCTAssertGreaterThan(greys, 50)
        // A 3-pixel line has about 3 dark pixels per row across.
        var row = 0
        for x in 0..<100 where canvas[x, 50].r < 128 { row += 1 }
        XCTAssertTrue((3...6).contains(row), "dark pixels across row 50: \(row)")
    }

    func testDashedLineHasGaps() {
        var canvas = Canvas(width: 200, height: 20)
        canvas.polyline([Point(0, 10), Point(200, 10)], color: .black, width: 2, dash: [6, 6])
        var runs = 0, inInk = false
        for x in 0..<200 {
            let ink = canvas[x, 10].r < 128
            if ink && !inInk { runs += 1 }
            inInk = ink
        }
        XCTAssertTrue((14...18).contains(runs), "dash runs: \(runs)")
    }

    func testDotAndCircle() {
        var canvas = Canvas(width: 60, height: 60)
        canvas.dot(center: Point(20, 20), radius: 5, color: .black)
        XCTAssertEqual(canvas[20, 20], .black)
        XCTAssertEqual(canvas[20, 28], .white)
        canvas.circle(center: Point(40, 40), radius: 10, color: .black, lineWidth: 2)
        XCTAssertEqual(canvas[40, 40], .white, "a circle outline leaves its centre empty")
        XCTAssertLessThan(canvas[50, 40].r, 100)
    }

    func testResizedIsBilinear() {
        var canvas = Canvas(width: 2, height: 1)
        canvas[0, 0] = RGB(0, 0, 0)
        canvas[1, 0] = RGB(200, 100, 50)
        let big = canvas.resized(width: 8, height: 2)
        XCTAssertEqual(big.width, 8)
        XCTAssertEqual(big[0, 0], RGB(0, 0, 0))
        XCTAssertEqual(big[7, 1], RGB(200, 100, 50))
        XCTAssertEqual(Int(big[4, 0].r), 125, accuracy: 1)  // (4.5)/4 - 0.5 = 0.625 of the way
        let small = Canvas(width: 40, height: 40, background: RGB(10, 20, 30)).resized(width: 7, height: 3)
        XCTAssertEqual(small[6, 2], RGB(10, 20, 30))
    }

    func testDrawImageClips() {
        var canvas = Canvas(width: 10, height: 10, background: .white)
        canvas.drawImage(Canvas(width: 4, height: 4, background: .black), x: 8, y: -2)
        XCTAssertEqual(canvas.countPixels(in: PixelRect(x: 0, y: 0, width: 10, height: 10), differingFrom: .white), 4)
        XCTAssertEqual(canvas[9, 1], .black)
    }

    func testLabelBoxDrawsOutlineAndTab() throws {
        var canvas = Canvas(width: 320, height: 240, background: RGB(40, 40, 40))
        let color = Colors.colors(0)
        try canvas.labelBox(x1: 60, y1: 80, x2: 200, y2: 200, label: "person 0.87", color: color, lineWidth: 2)
        XCTAssertEqual(canvas[130, 200], color, "bottom edge")
        XCTAssertEqual(canvas[130, 150], RGB(40, 40, 40), "inside")
        // The tab sits above the box and holds white text on the blue palette colour.
        var white = 0, tab = 0
        for y in 50..<80 {
            for x in 60..<200 {
                if canvas[x, y] == color { tab += 1 }
                if canvas[x, y].r > 200 && canvas[x, y].g > 200 { white += 1 }
            }
        }
        XCTAssertGreaterThan(tab, 300)
        XCTAssertGreaterThan(white, 30)
        XCTAssertEqual(Colors.textColor(on: Colors.colors(1)), Colors.darkText, "light cyan gets dark text")
    }

    func testPalette() {
        XCTAssertEqual(Colors.palette.count, 20)
        XCTAssertEqual(Colors.colors(0), RGB(0x04, 0x2A, 0xFF))
        XCTAssertEqual(Colors.colors(21), Colors.colors(1))
        XCTAssertEqual(Colors.colors(-1), Colors.colors(19))
    }
}
