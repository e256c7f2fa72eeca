import Foundation
import NN
import Tensors
import TestSupport
import XCTest

/// Training settings of one fixture case (the reference's `default.yaml` keys).
struct OptimArgs: Decodable {
    let optimizer: String
    let lr0, lrf, momentum, weight_decay, warmup_epochs, warmup_momentum, warmup_bias_lr: Double
    let nbs, batch, epochs: Int
    let cos_lr: Bool
}

/// A parameter group as the reference built it.
struct OptimGroupFixture: Decodable {
    let param_group: String
    let lr, initial_lr, weight_decay: Double
    let momentum: Double?
    let betas: [Double]?
    let nesterov: Bool?
    let use_muon: Bool
    let params: [String]?
}

/// What the reference's setup decided for a case (shared by trajectories and schedules).
protocol OptimSetupFixture {
    var args: OptimArgs { get }
    var nc: Int { get }
    var dataset_size: Int { get }
    var nb: Int { get }
    var chosen_optimizer: String { get }
    var lr0: Double { get }
    var warmup_bias_lr: Double { get }
    var weight_decay: Double { get }
    var accumulate: Int { get }
    var iterations: Int { get }
    var nw: Int { get }
    var groups: [OptimGroupFixture] { get }
}

/// `Tests/Fixtures/Optim/trajectory_<name>.json` (tools/fixtures/optim_fixtures.py): five training iterations on a
/// small model with fixed gradients — schedule values, clipping, parameters and EMA after every step.
struct TrajectoryFixture: Decodable, OptimSetupFixture {
    struct Array: Decodable {
        let shape: [Int]
        let data: [Float]
    }
    struct Step: Decodable {
        let ni, epoch, accumulate: Int
        let lr: [Double]
        let momentum: [Double?]
        let grads, clipped_grads, buffers, params, ema: [String: [Float]]
        let total_norm: Float
    }
    /// `optimizer.state_dict()` after the last step: param_groups as [key, value] pairs, state keys per index.
    struct StateDict: Decodable {
        struct Entry: Decodable {
            let key: String
            let value: OptimizerValue
            init(from decoder: Decoder) throws {
                var c = try decoder.unkeyedContainer()
                key = try c.decode(String.self)
                if try c.decodeNil() { value = .none }
                else if let v = try? c.decode(Bool.self) { value = .bool(v) }
                else if let v = try? c.decode(Double.self) { value = .double(v) }
                else if let v = try? c.decode(String.self) { value = .string(v) }
                else if let v = try? c.decode([Int].self) { value = .ints(v) }
                else {
                    let v = try c.decode([Double].self)
                    value = .pair(v[0], v[1])
                }
            }
        }
        struct State: Decodable {
            let index: Int
            let keys: [String]
            let step: Float?
        }
        let param_groups: [[Entry]]
        let state: [State]
    }
    let name: String
    let args: OptimArgs
    let state_dict: StateDict
    let nc, dataset_size, nb, accumulate, iterations, nw, ema_updates: Int
    let optimizer, chosen_optimizer: String
    let lr0, warmup_bias_lr, weight_decay: Double
    let groups: [OptimGroupFixture]
    let initial_state: [String: Array]
    let requires_grad: [String: Bool]
    let steps: [Step]

    static func load(_ name: String) -> TrajectoryFixture {
        let url = TestPaths.fixture("Optim/trajectory_\(name).json")
        do { return try JSONDecoder().decode(TrajectoryFixture.self, from: Data(contentsOf: url)) } catch {
            fatalError("cannot read \(url.path): \(error) — regenerate with tools/fixtures/optim_fixtures.py")
        }
    }
}

/// `Tests/Fixtures/Optim/schedules.json`: lr/momentum per group and accumulate for every iteration of a few epochs.
struct ScheduleFixture: Decodable, OptimSetupFixture {
    struct Row: Decodable {
        let ni, epoch, accumulate: Int
        let lr: [Double]
        let momentum: [Double?]
    }
    let name: String
    let args: OptimArgs
    let nc, dataset_size, nb, accumulate, iterations, nw: Int
    let chosen_optimizer: String
    let lr0, warmup_bias_lr, weight_decay: Double
    let groups: [OptimGroupFixture]
    let rows: [Row]

    static let all: [ScheduleFixture] = {
        let url = TestPaths.fixture("Optim/schedules.json")
        struct File: Decodable { let cases: [ScheduleFixture] }
        do { return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases } catch {
            fatalError("cannot read \(url.path): \(error) — regenerate with tools/fixtures/optim_fixtures.py")
        }
    }()
}

/// A module with the given parameters and no computation (stands in for nn.Linear and plain containers).
final class PlainModule: Module {
    init(parameters: [(String, [Int])] = [], children: [(String, Module)] = []) {
        super.init()
        for (name, shape) in parameters { register(parameter: .zeros(shape), as: name) }
        for (name, child) in children { register(child: child, as: name) }
    }
}

/// The fixture script's `Toy` model, with the same state-dict names and module types.
func makeToyModel() -> Module {
    var random = RandomSource(seed: 0)
    func conv(_ c1: Int, _ c2: Int, _ k: Int, bias: Bool) -> Conv2d {
        Conv2d(inputChannels: c1, outputChannels: c2, kernelSize: k, bias: bias, random: &random)
    }
    func convBN(_ c1: Int, _ c2: Int, _ k: Int) -> Module {
        PlainModule(children: [("conv", conv(c1, c2, k, bias: false)), ("bn", BatchNorm2d(channels: c2))])
    }
    let head = PlainModule(children: [
        ("cv2", PlainModule(children: [("0", conv(8, 4, 1, bias: true))])),
        ("cv3", PlainModule(children: [("0", convBN(8, 6, 1)), ("1", conv(6, 3, 1, bias: true))])),
        ("dfl", PlainModule(children: [("0", conv(4, 1, 1, bias: false))])),
    ])
    let layers = PlainModule(children: [
        ("0", convBN(3, 8, 3)), ("1", convBN(8, 8, 1)),
        ("2", PlainModule(parameters: [("weight", [12, 8]), ("bias", [12])])), ("3", head),
    ])
    return PlainModule(children: [("model", layers)])
}

/// The reference's choices for a fixture case, recomputed by the Swift API (and checked against the fixture).
struct OptimSetup {
    let choice: OptimizerChoice
    let weightDecay: Double
    let accumulate: Int
    let schedule: TrainingSchedule

    init(_ f: OptimSetupFixture, file: StaticString = #filePath, line: UInt = #line) throws {
        let a = f.args
        var acc = OptimizerChoice.accumulate(nbs: a.nbs, batch: a.batch)
        weightDecay = OptimizerChoice.scaledWeightDecay(a.weight_decay, batch: a.batch, accumulate: acc, nbs: a.nbs)
        acc = min(acc, f.nb * a.epochs)
        accumulate = acc
        let iterations = OptimizerChoice.iterations(datasetSize: f.dataset_size, batch: a.batch, nbs: a.nbs,
                                                    epochs: a.epochs)
        choice = try OptimizerChoice(name: a.optimizer, lr0: a.lr0, momentum: a.momentum, nc: f.nc,
                                     iterations: iterations)
        schedule = TrainingSchedule(lr: LRSchedule(epochs: a.epochs, lrf: a.lrf, cosine: a.cos_lr),
                                    batchesPerEpoch: f.nb, warmupEpochs: a.warmup_epochs,
                                    warmupBiasLR: choice.isAuto ? 0 : a.warmup_bias_lr,
                                    warmupMomentum: a.warmup_momentum, momentum: a.momentum, accumulate: acc)
        XCTAssertEqual(iterations, f.iterations, "iterations", file: file, line: line)
        XCTAssertEqual(weightDecay, f.weight_decay, "weight decay", file: file, line: line)
        XCTAssertEqual(acc, f.accumulate, "accumulate", file: file, line: line)
        XCTAssertEqual(choice.kind.rawValue, f.chosen_optimizer, "optimizer", file: file, line: line)
        XCTAssertEqual(choice.lr, f.lr0, "lr0", file: file, line: line)
        XCTAssertEqual(schedule.warmupBiasLR, f.warmup_bias_lr, "warmup_bias_lr", file: file, line: line)
        XCTAssertEqual(schedule.warmupIterations, f.nw, "warmup iterations", file: file, line: line)
    }
}

/// Asserts that the groups match the reference's (kind, members, lr, momentum, betas, decay, flags).
func assertGroups(_ groups: [ParameterGroup], _ expected: [OptimGroupFixture], _ what: String,
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(groups.count, expected.count, "\(what): group count", file: file, line: line)
    for (i, (g, e)) in zip(groups, expected).enumerated() {
        XCTAssertEqual(g.kind.rawValue, e.param_group, "\(what) group \(i): kind", file: file, line: line)
        if let names = e.params { XCTAssertEqual(g.names, names, "\(what) group \(i): members", file: file, line: line) }
        XCTAssertEqual(g.lr, e.lr, "\(what) group \(i): lr", file: file, line: line)
        XCTAssertEqual(g.initialLR, e.initial_lr, "\(what) group \(i): initial_lr", file: file, line: line)
        XCTAssertEqual(g.momentum, e.momentum, "\(what) group \(i): momentum", file: file, line: line)
        if let betas = e.betas { XCTAssertEqual([g.betas.0, g.betas.1], betas, "\(what) group \(i): betas", file: file, line: line) }
        XCTAssertEqual(g.weightDecay, e.weight_decay, "\(what) group \(i): weight_decay", file: file, line: line)
        XCTAssertEqual(g.nesterov, e.nesterov ?? false, "\(what) group \(i): nesterov", file: file, line: line)
        XCTAssertEqual(g.useMuon, e.use_muon, "\(what) group \(i): use_muon", file: file, line: line)
    }
}
