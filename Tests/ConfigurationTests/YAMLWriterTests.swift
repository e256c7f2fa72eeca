import XCTest

@testable import Configuration

/// The YAML writer against PyYAML 6.0.3, the library the reference writes `args.yaml` with.
/// Expected texts were printed by `yaml.safe_dump({"k": text}, sort_keys=False, allow_unicode=True)`.
final class YAMLWriterTests: XCTestCase {
    func testStringsAsPyYAMLQuotesThem() {
        let pyyaml: [(String, String)] = [
            ("001", "'001'"), ("1_000", "'1_000'"), ("0x1F", "'0x1F'"), ("1:30", "'1:30'"), ("=", "'='"),
            ("<<", "'<<'"), ("a,b", "a,b"), ("[a", "'[a'"), ("{x}", "'{x}'"), ("?x", "?x"), ("? x", "'? x'"),
            (":x", ":x"), ("x:", "'x:'"), ("%x", "'%x'"), ("@x", "'@x'"), ("`x", "'`x'"), ("!x", "'!x'"),
            ("&x", "'&x'"), ("|x", "'|x'"), (">x", "'>x'"), ("'x", "'''x'"), ("\"x", "'\"x'"), ("0.", "'0.'"),
            ("+1", "'+1'"), (".5", "'.5'"), ("-.inf", "'-.inf'"), ("NaN", "NaN"), ("Yes", "'Yes'"), ("ON", "'ON'"),
            ("n", "n"), ("y", "y"), ("é", "é"),
        ]
        for (text, expected) in pyyaml { XCTAssertEqual(YAMLWriter.string(text), expected, text) }
        // PyYAML writes these differently but equivalently: `1e5` plain, a line break single-quoted over two lines.
        XCTAssertEqual(YAMLWriter.string("1e5"), "'1e5'")
    }

    /// `yaml.safe_dump({"a": [1e-5, 1e16, 0.0005, 100.0, None, True, [1, [2, 3]], {"x": {"y": 1}}], "b": []})`.
    func testNestedCollectionsAsPyYAMLWritesThem() {
        let nested: ConfigValue = .mapping([ConfigEntry("x", .mapping([ConfigEntry("y", 1)]))])
        let value: ConfigValue = [1e-5, 1e16, 0.0005, 100.0, nil, true, [1, [2, 3]], nested]
        XCTAssertEqual(
            YAMLWriter.document([ConfigEntry("a", value), ConfigEntry("b", [])]),
            "a:\n- 1.0e-05\n- 1.0e+16\n- 0.0005\n- 100.0\n- null\n- true\n- - 1\n  - - 2\n    - 3\n- x:\n    y: 1\nb: []\n"
        )
    }
}
