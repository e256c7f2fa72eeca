import Foundation
import Models
import NN
import TestSupport
import XCTest

/// Parameter groups of real models against the reference's `build_optimizer` on `DetectionModel('yolo26n.yaml')` and
/// `yolo11n.yaml` (Tests/Fixtures/Optim/groups.json, made by tools/fixtures/optim_fixtures.py).
final class OptimGroupingTests: XCTestCase {
    struct Case: Decodable {
        struct Group: Decodable {
            let param_group: String
            let lr, weight_decay: Double
            let params: [String]
        }
        let cfg, optimizer: String
        let groups: [Group]
        let frozen: [String]
    }

    func testGroupsMatchBuildOptimizer() throws {
        let url = TestPaths.fixture("Optim/groups.json")
        struct File: Decodable { let cases: [Case] }
        let cases = try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
        XCTAssertEqual(cases.count, 6)
        var models: [String: DetectionModel] = [:]
        for c in cases {
            let model = try models[c.cfg] ?? DetectionModel(XCTUnwrap(BuiltinModels.definition(c.cfg)))
            models[c.cfg] = model
            let frozen = model.namedParameters().filter { !$0.tensor.requiresGrad }.map(\.name)
            XCTAssertEqual(frozen, c.frozen, "\(c.cfg): frozen parameters")
            let choice = try OptimizerChoice(name: c.optimizer, lr0: 0.01, momentum: 0.9, nc: 80, iterations: 100)
            let optimizer = choice.makeOptimizer(for: model, weightDecay: 0.0005)
            let what = "\(c.cfg) \(c.optimizer)"
            XCTAssertEqual(optimizer.groups.map(\.kind.rawValue), c.groups.map(\.param_group), "\(what): kinds")
            XCTAssertEqual(optimizer.groups.map(\.names.count), c.groups.map(\.params.count), "\(what): sizes")
            for (g, e) in zip(optimizer.groups, c.groups) {
                XCTAssertEqual(g.names, e.params, "\(what) \(e.param_group): members")
                XCTAssertEqual(g.lr, e.lr, "\(what) \(e.param_group): lr")
                XCTAssertEqual(g.weightDecay, e.weight_decay, "\(what) \(e.param_group): weight decay")
            }
            print("\(what): group sizes \(optimizer.groups.map { "\($0.kind.rawValue) \($0.names.count)" })")
        }
    }
}
