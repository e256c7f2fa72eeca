import Foundation
import TestSupport
import XCTest

@testable import Evaluation

/// Loads `Tests/Fixtures/Evaluation/<name>` (written by tools/fixtures/metrics_fixtures.py).
func loadFixture<T: Decodable>(_ type: T.Type, _ name: String, file: StaticString = #filePath, line: UInt = #line)
    throws -> T
{
    let url = TestPaths.fixture("Evaluation/\(name)")
    let data = try Data(contentsOf: url)
    do {
        return try JSONDecoder().decode(T.self, from: data)
    } catch {
        XCTFail("cannot decode \(url.path): \(error)", file: file, line: line)
        throw error
    }
}

/// `|actual − expected| ≤ tolerance · max(1, |expected|)` element-wise, with the first mismatch reported.
func assertClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-6, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    guard actual.count == expected.count else {
        XCTFail("\(message()): count \(actual.count) ≠ \(expected.count)", file: file, line: line)
        return
    }
    for i in actual.indices {
        let a = actual[i], e = expected[i]
        if a.isNaN && e.isNaN { continue }
        if !(abs(a - e) <= tolerance * max(1, abs(e))) {
            XCTFail("\(message()): [\(i)] \(a) ≠ \(e)", file: file, line: line)
            return
        }
    }
}

func assertClose(
    _ actual: [Float], _ expected: [Double], tolerance: Double = 1e-6, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    assertClose(actual.map(Double.init), expected, tolerance: tolerance, message(), file: file, line: line)
}

func assertClose(
    _ actual: [[Double]], _ expected: [[Double]], tolerance: Double = 1e-6,
    _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    guard actual.count == expected.count else {
        XCTFail("\(message()): rows \(actual.count) ≠ \(expected.count)", file: file, line: line)
        return
    }
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        assertClose(a, e, tolerance: tolerance, "\(message()) row \(i)", file: file, line: line)
    }
}

extension Array where Element == [Double] {
    /// Rows of float32 values stored as doubles, as boxes.
    var boxes: [Box] { map { Box(xyxy: $0.map(Float.init)) } }
}

extension Array where Element == Box {
    /// `(N, 4)` rows as doubles.
    var rows: [[Double]] { map { $0.xyxy.map(Double.init) } }
}

extension Array where Element == Detection {
    /// `(N, 6)` rows as doubles.
    var rows: [[Double]] { map { $0.row.map(Double.init) } }
}

/// A float32 array stored as `{"shape": [...], "f32": base64 of little-endian bytes}` (bit-exact, compact).
struct Float32Array: Decodable {
    let shape: [Int]
    let values: [Float]

    enum CodingKeys: String, CodingKey { case shape, f32 }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shape = try c.decode([Int].self, forKey: .shape)
        let text = try c.decode(String.self, forKey: .f32)
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .f32, in: c, debugDescription: "bad base64 float32 data")
        }
        let bytes = [UInt8](data)
        values = stride(from: 0, to: bytes.count, by: 4).map { i -> Float in
            var bits: UInt32 = 0
            for k in 0..<4 { bits |= UInt32(bytes[i + k]) << UInt32(8 * k) }
            return Float(bitPattern: bits)
        }
        guard values.count == shape.reduce(1, *) else {
            throw DecodingError.dataCorruptedError(forKey: .f32, in: c, debugDescription: "shape \(shape) mismatch")
        }
    }

    /// `(rows, columns)` as rows of doubles.
    var rows: [[Double]] {
        guard shape.count == 2, shape[1] > 0 else { return [] }
        return stride(from: 0, to: values.count, by: shape[1]).map { values[$0..<$0 + shape[1]].map(Double.init) }
    }
}
