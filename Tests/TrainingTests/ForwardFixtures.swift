import Foundation
import TestSupport
import XCTest

/// `Tests/Fixtures/ModelForward/MANIFEST.json` and its `.bin` outputs (made by `tools/fixtures/model_forward.py`).
struct ForwardManifest: Decodable {
    struct Model: Decodable {
        let stateDict: [StateEntry]
        let sum: String
        let absSum: String
        enum CodingKeys: String, CodingKey {
            case stateDict = "state_dict"
            case sum
            case absSum = "abs_sum"
        }
    }

    /// `[name, shape]`.
    struct StateEntry: Decodable {
        let name: String
        let shape: [Int]
        init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            name = try c.decode(String.self)
            shape = try c.decode([Int].self)
        }
    }

    struct Output: Decodable {
        let key: String
        let file: String
        let shape: [Int]
        let stride: Int
        let count: Int
    }

    struct Case: Decodable {
        let name: String
        let model: String
        let weights: String
        let mode: String
        let batch: Int
        let imgsz: Int
        let outputs: [Output]
    }

    let torch: String
    let ultralytics: String
    let models: [String: Model]
    let cases: [Case]

    static let folder = TestPaths.fixture("ModelForward")

    static func load() throws -> ForwardManifest {
        let data = try Data(contentsOf: folder.appendingPathComponent("MANIFEST.json"))
        return try JSONDecoder().decode(ForwardManifest.self, from: data)
    }

    /// The reference samples of `output` (elements 0, stride, 2·stride, … of the flattened tensor).
    static func samples(_ output: Output) throws -> [Float] {
        let data = try Data(contentsOf: folder.appendingPathComponent(output.file))
        XCTAssertEqual(data.count, output.count * 4, output.file)
        return data.withUnsafeBytes { raw in
            (0..<output.count).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
            }
        }
    }
}

/// Parity measures: max |ours − ref| / max |ref| over a set of elements.
struct RelativeError {
    private(set) var maxDelta: Float = 0
    private(set) var maxRef: Float = 0

    mutating func add(ours: Float, ref: Float) {
        maxDelta = max(maxDelta, ours.isNaN ? .infinity : abs(ours - ref))
        maxRef = max(maxRef, abs(ref))
    }

    var value: Double { maxRef > 0 ? Double(maxDelta / maxRef) : Double(maxDelta) }
}
