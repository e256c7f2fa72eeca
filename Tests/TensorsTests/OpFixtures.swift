import Foundation
import Tensors
import TestSupport
import XCTest

/// One PyTorch reference case from `Tests/Fixtures/Engine/ops.json` (made by tools/fixtures/engine_ops.py).
struct OpCase: Decodable {
    struct Array: Decodable {
        let shape: [Int]
        let data: [Float]
        var tensor: Tensor { Tensor(data, shape: shape) }
    }
    enum Param: Decodable {
        case int(Int), bool(Bool), double(Double), ints([Int])
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Bool.self) { self = .bool(v) }
            else if let v = try? c.decode(Int.self) { self = .int(v) }
            else if let v = try? c.decode(Double.self) { self = .double(v) }
            else { self = .ints(try c.decode([Int].self)) }
        }
        var int: Int { if case .int(let v) = self { return v }; fatalError("not an int: \(self)") }
        var bool: Bool { if case .bool(let v) = self { return v }; fatalError("not a bool: \(self)") }
        var float: Float {
            switch self {
            case .double(let v): return Float(v)
            case .int(let v): return Float(v)
            default: fatalError("not a number: \(self)")
            }
        }
        var ints: [Int] { if case .ints(let v) = self { return v }; fatalError("not a list: \(self)") }
    }
    let name: String
    let op: String
    let params: [String: Param]
    let inputs: [Array]
    let upstream: Array
    let output: Array
    let grads: [Array]
    let running_mean_before: Array?
    let running_var_before: Array?
    let running_mean_after: Array?
    let running_var_after: Array?

    static let all: [OpCase] = {
        let url = TestPaths.fixture("Engine/ops.json")
        struct File: Decodable { let cases: [OpCase] }
        do { return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases } catch {
            fatalError("cannot read \(url.path): \(error) — regenerate with tools/fixtures/engine_ops.py")
        }
    }()
}

/// max |a − b| / max |b| (0 when both are all zeros).
func relativeError(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "sizes \(a.count) vs \(b.count)")
    var diff: Float = 0, scale: Float = 0
    for i in a.indices {
        diff = max(diff, abs(a[i] - b[i]))
        scale = max(scale, abs(b[i]))
    }
    return scale == 0 ? diff : diff / scale
}

/// Asserts shape equality and relative error ≤ `tolerance`.
func assertClose(_ actual: Tensor, _ expected: OpCase.Array, tolerance: Float = 1e-4, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.shape, expected.shape, "\(what): shape", file: file, line: line)
    guard actual.count == expected.data.count else { return }
    let err = relativeError(actual.scalars, expected.data)
    XCTAssertLessThanOrEqual(err, tolerance, "\(what): relative error \(err)", file: file, line: line)
}
