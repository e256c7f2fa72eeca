import Foundation
import TestSupport
import TorchFormat
import XCTest
import ZIPFoundation

/// The oracle written by `tools/fixtures/torch_format_fixtures.py`: Python values in a typed JSON form
/// (`{"t": "int", "v": "7"}`, tensors as dtype/shape/strides/offset/CRC-32/sum/first values). Numbers are kept as
/// Python `repr` text because JSON number parsing may round the last bit.
enum ExpectedValues {
    /// `Tests/Fixtures/TorchFormat/expected.json`, parsed once.
    static let all: [String: Any] = {
        let url = TestPaths.fixture("TorchFormat/expected.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return [:]
        }
        return object
    }()

    /// The typed record for `key` (a fixture file name or `values`).
    static func record(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        guard let record = all[key] as? [String: Any] else {
            XCTFail("expected.json has no '\(key)'; run tools/fixtures/torch_format_fixtures.py", file: file, line: line)
            throw XCTSkip("missing oracle")
        }
        return record
    }
}

/// Loads fixture `name` from `Tests/Fixtures/TorchFormat/`.
func loadFixture(_ name: String) throws -> TorchCheckpoint {
    try TorchCheckpoint(contentsOf: TestPaths.fixture("TorchFormat/\(name)"))
}

/// Asserts that `tensor` has exactly the dtype, shape, view and bytes (CRC-32) of the typed JSON record, and that its
/// `floats()` reproduce the recorded sum and first values.
func assertTensor(_ tensor: TorchTensor?, matches expected: [String: Any], _ path: String,
                  file: StaticString = #filePath, line: UInt = #line) {
    guard let tensor else { return XCTFail("\(path): no tensor", file: file, line: line) }
    XCTAssertEqual(tensor.dtype.rawValue, expected["dtype"] as? String, "\(path) dtype", file: file, line: line)
    XCTAssertEqual(tensor.shape, expected["shape"] as? [Int], "\(path) shape", file: file, line: line)
    XCTAssertEqual(tensor.strides, expected["strides"] as? [Int], "\(path) strides", file: file, line: line)
    XCTAssertEqual(tensor.storageOffset, expected["offset"] as? Int, "\(path) offset", file: file, line: line)
    XCTAssertEqual(tensor.requiresGrad, expected["requires_grad"] as? Bool, "\(path) requires_grad",
                   file: file, line: line)
    let crc = tensor.contiguousBytes().crc32(checksum: 0)
    XCTAssertEqual(Int(crc), expected["crc32"] as? Int, "\(path) bytes (CRC-32)", file: file, line: line)
    let values = tensor.doubles()
    let sum = values.reduce(0, +)
    let magnitude = values.reduce(0) { $0 + abs($1) }
    XCTAssertEqual(sum, Double(expected["sum"] as? String ?? "") ?? .nan, accuracy: 1e-12 * max(1, magnitude), "\(path) sum",
                   file: file, line: line)
    let first = (expected["first"] as? [String] ?? []).compactMap(Double.init)
    XCTAssertEqual(Array(values.prefix(first.count)), first, "\(path) first values", file: file, line: line)
    XCTAssertEqual(tensor.floats(), values.map(Float.init), "\(path) floats() agrees with doubles()",
                   file: file, line: line)
}

/// Asserts that `value` equals the typed JSON `expected`, recursively; `path` names the position in failures.
func assertValue(_ value: PickleValue?, matches expected: Any?, _ path: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    guard let expected = expected as? [String: Any], let type = expected["t"] as? String else {
        return XCTFail("\(path): malformed oracle", file: file, line: line)
    }
    guard let value else { return XCTFail("\(path): missing, expected \(type)", file: file, line: line) }
    let fail = { XCTFail("\(path): found \(value.kindDescription) \(String(describing: value).prefix(120)), "
        + "expected \(type) \(String(describing: expected["v"] ?? "").prefix(120))", file: file, line: line) }
    switch (type, value) {
    case ("none", .none): break
    case ("bool", .bool(let flag)): if flag != expected["v"] as? Bool { fail() }
    case ("int", .int(let number)): if String(number) != expected["v"] as? String { fail() }
    case ("int", .bigInt(let bytes)):
        if bigIntDecimal(bytes) != expected["v"] as? String { fail() }
    case ("float", .float(let number)):
        let text = expected["v"] as? String ?? ""
        guard let reference = Double(text) else { return fail() }
        if number.bitPattern != reference.bitPattern { fail() }
    case ("str", .string(let text)): if text != expected["v"] as? String { fail() }
    case ("bytes", .bytes(let data)):
        if data.map({ String(format: "%02x", $0) }).joined() != expected["hex"] as? String { fail() }
    case ("tuple", .tuple(let elements)), ("list", .list(let elements)), ("set", .set(let elements)):
        let reference = expected["v"] as? [Any] ?? []
        guard elements.count == reference.count else { return fail() }
        for (index, element) in elements.enumerated() {
            assertValue(element, matches: reference[index], "\(path)[\(index)]", file: file, line: line)
        }
    case ("dict", .dict(let items)):
        let reference = expected["v"] as? [[Any]] ?? []
        guard items.count == reference.count else { return fail() }
        for (index, item) in items.enumerated() {
            let label = item.key.stringValue ?? "#\(index)"
            assertValue(item.key, matches: reference[index][0], "\(path) key \(label)", file: file, line: line)
            assertValue(item.value, matches: reference[index][1], "\(path).\(label)", file: file, line: line)
        }
    case ("tensor", .tensor(let tensor)): assertTensor(tensor, matches: expected, path, file: file, line: line)
    case ("module", .object(let object)):
        XCTAssertEqual(object.className, expected["class"] as? String, "\(path) class", file: file, line: line)
        assertStateDict(value, matches: expected["state_dict"], path, file: file, line: line)
    case ("object", .object(let object)):
        XCTAssertEqual(object.className, expected["class"] as? String, "\(path) class", file: file, line: line)
    default: fail()
    }
}

/// Asserts that the state dict of `value` has exactly the names, order and tensors of the oracle's list.
func assertStateDict(_ value: PickleValue, matches expected: Any?, _ path: String,
                     file: StaticString = #filePath, line: UInt = #line) {
    let reference = expected as? [[Any]] ?? []
    do {
        let weights = try TorchStateDict(of: value)
        XCTAssertEqual(weights.names, reference.compactMap { $0.first as? String }, "\(path) state-dict names",
                       file: file, line: line)
        for entry in reference {
            guard let name = entry.first as? String, let record = entry.last as? [String: Any] else { continue }
            assertTensor(weights[name], matches: record, "\(path)[\(name)]", file: file, line: line)
        }
    } catch {
        XCTFail("\(path): \(error)", file: file, line: line)
    }
}

/// The decimal text of a little-endian two's-complement integer (for `bigInt` values).
func bigIntDecimal(_ bytes: [UInt8]) -> String {
    let negative = (bytes.last ?? 0) & 0x80 != 0
    var magnitude = bytes.map { negative ? ~$0 : $0 }  // one's complement; add 1 below for negatives
    if negative {
        for index in magnitude.indices {
            let (sum, carry) = magnitude[index].addingReportingOverflow(1)
            magnitude[index] = sum
            if !carry { break }
        }
    }
    var digits: [UInt8] = []
    var words = magnitude.reversed().map { UInt32($0) }  // big-endian base-256 digits
    while words.contains(where: { $0 != 0 }) {
        var remainder: UInt32 = 0
        for index in words.indices {
            let current = remainder << 8 | words[index]
            words[index] = current / 10
            remainder = current % 10
        }
        digits.append(UInt8(remainder))
    }
    let text = digits.isEmpty ? "0" : String(digits.reversed().map { Character(String($0)) })
    return negative ? "-" + text : text
}
