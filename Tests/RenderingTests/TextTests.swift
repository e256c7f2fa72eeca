import XCTest
import Rendering

final class TextTests: XCTestCase {
    func testTextDrawsInsideItsMeasuredBoxOnly() throws {
        var canvas = Canvas(width: 300, height: 120, background: .white)
        let size = try canvas.textSize("Precision 0.87", size: 20)
        XCTAssertGreaterThan(size.width, 100, "14 characters at 20 px should be wider than 100 px")
        XCTAssertLessThan(size.width, 200)
        XCTAssertGreaterThanOrEqual(size.height, 20)
        XCTAssertLessThan(size.height, 30)
        let box = try canvas.drawText("Precision 0.87", x: 40, y: 30, size: 20, color: .black)
        XCTAssertEqual(box, PixelRect(x: 40, y: 30, width: size.width, height: size.height))
        let inside = canvas.countPixels(in: box, differingFrom: .white)
        XCTAssertGreaterThan(inside, 200, "text should ink a good part of its box")
        let total = canvas.countPixels(in: PixelRect(x: 0, y: 0, width: 300, height: 120), differingFrom: .white)
        XCTAssertEqual(total - canvas.countPixels(in: box.insetBy(-1), differingFrom: .white), 0,
                       "no ink outside the measured box")
        // Black glyph cores are really black (a real anti-aliased font, not a blur).
        var darkest = 255
        for y in box.y..<box.maxY { for x in box.x..<box.maxX { darkest = min(darkest, Int(canvas[x, y].r)) } }
        XCTAssertLessThan(darkest, 40)
    }

    func testAnchorsPlaceTheBox() throws {
        var canvas = Canvas(width: 200, height: 100)
        let centred = try canvas.drawText("mAP50", x: 100, y: 50, size: 16, anchor: .center)
        XCTAssertEqual(Double(centred.x) + Double(centred.width) / 2, 100, accuracy: 1)
        XCTAssertEqual(Double(centred.y) + Double(centred.height) / 2, 50, accuracy: 1)
        let right = try canvas.drawText("epoch", x: 190, y: 90, size: 16, anchor: TextAnchor(.right, .bottom))
        XCTAssertEqual(right.maxX, 190)
        XCTAssertEqual(right.maxY, 90)
    }

    func testRotatedTextRunsVertically() throws {
        var canvas = Canvas(width: 100, height: 300)
        let flat = try canvas.textSize("Precision", size: 18)
        let box = try canvas.drawText("Precision", x: 50, y: 150, size: 18, anchor: .center, rotation: .counterClockwise90)
        XCTAssertEqual(box.width, flat.height)
        XCTAssertEqual(box.height, flat.width)
        XCTAssertGreaterThan(canvas.countPixels(in: box, differingFrom: .white), 100)
        let all = canvas.countPixels(in: PixelRect(x: 0, y: 0, width: 100, height: 300), differingFrom: .white)
        XCTAssertEqual(all, canvas.countPixels(in: box, differingFrom: .white))
        // Reading bottom to top: the capital P (a tall full-height stem) is at the bottom of the box.
        let bottomInk = canvas.countPixels(in: PixelRect(x: box.x, y: box.maxY - 14, width: box.width, height: 14),
                                           differingFrom: .white)
        XCTAssertGreaterThan(bottomInk, 20)
    }

    func testMissingFontNamesThePathAndTheFix() {
        let path = "/nonexistent/fonts/NoSuchFont.ttf"
        XCTAssertThrowsError(try Font.load(path: path)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(path), text)
            XCTAssertTrue(text.contains("sudo apt-get install fonts-dejavu-core"), text)
            XCTAssertEqual(error as? RenderingError, .fontMissing(path: path))
        }
    }

    func testUnreadableFontIsAnError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-font-\(UUID().uuidString).ttf")
        try Data("hello".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertThrowsError(try Font.load(path: url.path)) { error in
            XCTAssertTrue("\(error)".contains(url.path))
        }
    }
}
