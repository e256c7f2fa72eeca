import Foundation
import Models
import NN
import Tensors
import TestSupport
import XCTest

/// A seed gives the reference's initial weights (`Tests/Fixtures/ModelInit`, from `tools/fixtures/model_init.py`).
final class InitialWeightsTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable { let model: String, nc: Int, seed: UInt64, entries: [Entry] }
        struct Entry: Decodable { let name: String, shape: [Int], head: [Double], last: Double, sum: Double, weighted: Double }
        let cases: [Case]
    }

    func testEverySeededWeightMatchesTheReference() throws {
        let data = try Data(contentsOf: TestPaths.fixture("ModelInit/init.json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: data)
        XCTAssertEqual(fixture.cases.count, 3)
        for c in fixture.cases {
            let model = try DetectionModel(try XCTUnwrap(BuiltinModels.definition(c.model)), nc: c.nc, seed: c.seed)
            let ours = Dictionary(uniqueKeysWithValues: model.stateDict().map { ($0.name, $0.tensor) })
            XCTAssertEqual(ours.count - c.entries.count, ours.keys.filter { $0.hasSuffix("num_batches_tracked") }.count)
            for e in c.entries {
                let label = "\(c.model) seed \(c.seed) \(e.name)"
                guard let t = ours[e.name] else { XCTFail("\(label) missing"); continue }
                XCTAssertEqual(t.shape, e.shape, label)
                let v = t.scalars
                XCTAssertEqual(v.prefix(3).map(Double.init), e.head, label)
                XCTAssertEqual(Double(v[v.count - 1]), e.last, label)
                var sum = 0.0, weighted = 0.0
                for (i, x) in v.enumerated() {
                    sum += Double(x)
                    weighted += Double(i % 7 + 1) * Double(x)
                }
                XCTAssertEqual(sum, e.sum, accuracy: 1e-9 * Double(v.count), label)
                XCTAssertEqual(weighted, e.weighted, accuracy: 1e-9 * Double(v.count), label)
            }
        }
    }

    func testGeneratorMatchesTorchManualSeed() {
        // torch.manual_seed(0); torch.empty(3).uniform_(-1, 1) and the first raw 32-bit outputs of mt19937(0).
        var g = TorchGenerator(seed: 0)
        XCTAssertEqual([g.next(), g.next()], [2_357_136_044, 2_546_248_239])
        var u = TorchGenerator(seed: 0)
        XCTAssertEqual((0..<3).map { _ in u.uniform(-1, 1) }, [-0.007486820220947266, 0.5364435911178589, -0.8230451345443726])
    }

    func testDifferentSeedsGiveDifferentWeights() throws {
        let def = try XCTUnwrap(BuiltinModels.definition("yolo26n.yaml"))
        let a = try DetectionModel(def, nc: 3, seed: 0).stateDict()[0].tensor.scalars
        let b = try DetectionModel(def, nc: 3, seed: 1).stateDict()[0].tensor.scalars
        XCTAssertNotEqual(a, b)
    }
}
