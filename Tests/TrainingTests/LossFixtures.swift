import Foundation
import TestSupport
import XCTest

/// `Tests/Fixtures/Loss/MANIFEST.json` and its arrays (made by `tools/fixtures/loss_fixtures.py` from the reference).
struct LossManifest: Decodable {
    struct Array: Decodable {
        let file: String
        let shape: [Int]
    }

    struct Case: Decodable {
        let name: String
        let regMax: Int
        let end2end: Bool
        let imgsz: [Int]
        let epochs: Int
        let epoch: Int
        let nc: Int
        let batch: Int
        let strides: [Float]
        let hyp: [String: Float]
        let weights: [String: Double]?
        let topk: [String: [Int]]
        let lossNames: [String]
        let arrays: [String: Array]

        enum CodingKeys: String, CodingKey {
            case name, regMax = "reg_max", end2end, imgsz, epochs, epoch, nc, batch, strides, hyp, weights, topk
            case lossNames = "loss_names", arrays
        }

        /// Branch names present in this case, one-to-many first.
        var branches: [String] { end2end ? ["one2many", "one2one"] : ["one2many"] }

        /// The float32 values of array `key`.
        func values(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> [Float] {
            let entry = try XCTUnwrap(arrays[key], "fixture \(name) has no array \(key)", file: file, line: line)
            let data = try Data(contentsOf: LossManifest.folder.appendingPathComponent(entry.file))
            let count = entry.shape.reduce(1, *)
            XCTAssertEqual(data.count, count * 4, entry.file, file: file, line: line)
            return data.withUnsafeBytes { raw in
                (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            }
        }

        func shape(_ key: String) -> [Int] { arrays[key]?.shape ?? [] }
    }

    let torch: String
    let ultralytics: String
    let seed: Int
    let cases: [Case]

    static let folder = TestPaths.fixture("Loss")

    static func load() throws -> LossManifest {
        let data = try Data(contentsOf: folder.appendingPathComponent("MANIFEST.json"))
        return try JSONDecoder().decode(LossManifest.self, from: data)
    }
}

/// max |ours − ref| / max |ref| over paired values (max |Δ| alone when the reference is all zero).
func maxRelativeError(_ ours: [Float], _ ref: [Float]) -> Double {
    precondition(ours.count == ref.count, "\(ours.count) values against \(ref.count) reference values")
    var delta: Float = 0, scale: Float = 0
    for (o, r) in zip(ours, ref) {
        delta = max(delta, o.isFinite ? abs(o - r) : .infinity)
        scale = max(scale, abs(r))
    }
    return Double(scale > 0 ? delta / scale : delta)
}
