import XCTest

@testable import Configuration

/// Command-line values parse as the reference's `smart_value` (`ast.literal_eval`) parses them.
final class ValueParserTests: XCTestCase {
    func testScalars() {
        XCTAssertEqual(ValueParser.parse("100"), .int(100))
        XCTAssertEqual(ValueParser.parse("-3"), .int(-3))
        XCTAssertEqual(ValueParser.parse("1_000"), .int(1000))
        XCTAssertEqual(ValueParser.parse("0x10"), .int(16))
        XCTAssertEqual(ValueParser.parse("0.01"), .float(0.01))
        XCTAssertEqual(ValueParser.parse(".5"), .float(0.5))
        XCTAssertEqual(ValueParser.parse("3."), .float(3))
        XCTAssertEqual(ValueParser.parse("1e-5"), .float(1e-5))
        XCTAssertEqual(ValueParser.parse("-1"), .int(-1))
    }

    func testBooleansAndNoneInAnyCase() {
        for text in ["True", "true", "TRUE", "tRuE"] { XCTAssertEqual(ValueParser.parse(text), .bool(true), text) }
        for text in ["False", "false", "FALSE"] { XCTAssertEqual(ValueParser.parse(text), .bool(false), text) }
        for text in ["None", "none", "NONE"] { XCTAssertEqual(ValueParser.parse(text), ConfigValue.none, text) }
    }

    func testListsAndTuples() {
        XCTAssertEqual(ValueParser.parse("0,1"), .list([.int(0), .int(1)]))
        XCTAssertEqual(ValueParser.parse("[640,480]"), .list([.int(640), .int(480)]))
        XCTAssertEqual(ValueParser.parse("(640, 480)"), .list([.int(640), .int(480)]))
        XCTAssertEqual(ValueParser.parse("0.8,0.2,0.0"), .list([.float(0.8), .float(0.2), .float(0.0)]))
        XCTAssertEqual(ValueParser.parse("[0, 'a', True, None]"), .list([.int(0), .string("a"), .bool(true), .none]))
        XCTAssertEqual(ValueParser.parse("[]"), .list([]))
        XCTAssertEqual(
            ValueParser.parse("{'p': 0.5}"), .mapping([ConfigEntry("p", .float(0.5))]))
    }

    func testTextStaysText() {
        XCTAssertEqual(ValueParser.parse("abc"), .string("abc"))
        XCTAssertEqual(ValueParser.parse("data.yaml"), .string("data.yaml"))
        XCTAssertEqual(ValueParser.parse("runs/detect/train"), .string("runs/detect/train"))
        XCTAssertEqual(ValueParser.parse("'quoted text'"), .string("quoted text"))
        XCTAssertEqual(ValueParser.parse("\"001\""), .string("001"))
        XCTAssertEqual(ValueParser.parse("001"), .string("001"), "Python rejects leading zeros")
        XCTAssertEqual(ValueParser.parse("inf"), .string("inf"))
        XCTAssertEqual(ValueParser.parse("[1,"), .string("[1,"))
        XCTAssertEqual(ValueParser.parse("1.2.3"), .string("1.2.3"))
    }

    func testPythonFloatRepr() {
        XCTAssertEqual(PythonFloat.repr(0.01), "0.01")
        XCTAssertEqual(PythonFloat.repr(100), "100.0")
        XCTAssertEqual(PythonFloat.repr(0.0005), "0.0005")
        XCTAssertEqual(PythonFloat.repr(0.0001), "0.0001")
        XCTAssertEqual(PythonFloat.repr(1e-5), "1e-05")
        XCTAssertEqual(PythonFloat.repr(2.5e-7), "2.5e-07")
        XCTAssertEqual(PythonFloat.repr(1e16), "1e+16")
        XCTAssertEqual(PythonFloat.repr(1.5e15), "1500000000000000.0")
        XCTAssertEqual(PythonFloat.repr(0.1 + 0.2), "0.30000000000000004")
        XCTAssertEqual(PythonFloat.repr(-0.937), "-0.937")
    }

    func testCloseMatchesAsDifflib() {
        // Values from Python 3's difflib.
        XCTAssertEqual(SimilarNames.ratio(Array("abcd"), Array("bcde")), 0.75)
        XCTAssertEqual(SimilarNames.closest(to: "appel", in: ["ape", "apple", "peach", "puppy"]), ["apple", "ape"])
        XCTAssertEqual(SimilarNames.closest(to: "epoch", in: KeyTable.names), ["epochs"])
        XCTAssertEqual(SimilarNames.closest(to: "lr", in: KeyTable.names), ["lrf", "lr0"])
        XCTAssertEqual(SimilarNames.closest(to: "zzzz", in: KeyTable.names), [])
    }
}
