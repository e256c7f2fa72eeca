import NN
import Tensors
import XCTest

/// Five reference training iterations per optimizer (tools/fixtures/optim_fixtures.py): groups, warmup schedule,
/// clip_grad_norm_, optimizer step and ModelEMA against PyTorch/Ultralytics 8.4.190.
final class OptimTrajectoryTests: XCTestCase {
    /// Largest relative errors seen in one case.
    struct Errors: CustomStringConvertible {
        var norm: Float = 0, clipped: Float = 0, params: Float = 0, updates: Float = 0, ema: Float = 0
        var description: String {
            "norm \(norm), clipped grads \(clipped), params \(params), updates \(updates), ema \(ema)"
        }
    }

    /// Replays a fixture case with the Swift optimizer, schedule, clipping and EMA; returns the worst errors.
    /// `tolerance` bounds parameters and EMA relative to their size, `updateTolerance` each step's change
    /// (ours − reference before the step, against reference after − before). A change of ~lr on parameters of size
    /// ~1 cannot be closer than half a float32 ulp of the parameter: ≈ 6e-8 / 2e-3 = 3e-5 relative for Adam's
    /// lr-sized steps, hence 2e-5 where the steps are larger than that.
    func replay(_ name: String, tolerance: Float, updateTolerance: Float,
                file: StaticString = #filePath, line: UInt = #line) throws -> Errors {
        let f = TrajectoryFixture.load(name)
        let setup = try OptimSetup(f, file: file, line: line)
        let model = makeToyModel()
        let state = model.stateDict()
        XCTAssertEqual(Set(state.map(\.name)), Set(f.initial_state.keys), "\(name): state names", file: file, line: line)
        for (key, tensor) in state {
            guard let a = f.initial_state[key] else { continue }
            XCTAssertEqual(tensor.shape, a.shape, "\(name): \(key) shape", file: file, line: line)
            tensor.assign(Tensor(a.data, shape: a.shape))
        }
        let parameters = model.namedParameters()
        for (key, p) in parameters where f.requires_grad[key] == false { p.requiringGrad(false) }
        let optimizer = setup.choice.makeOptimizer(for: model, weightDecay: setup.weightDecay)
        XCTAssertEqual(optimizer.name, f.optimizer, "\(name): optimizer class", file: file, line: line)
        assertGroups(optimizer.groups, f.groups, name, file: file, line: line)
        let ema = ModelEMA(model: model)
        var errors = Errors()
        var before = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.tensor.scalars) })
        for step in f.steps {
            let ni = step.ni, epoch = ni / f.nb
            XCTAssertEqual(epoch, step.epoch, file: file, line: line)
            setup.schedule.apply(to: &optimizer.groups, iteration: ni, epoch: epoch,
                                 initialMomentum: setup.choice.momentum)
            XCTAssertEqual(optimizer.groups.map(\.lr), step.lr, "\(name) ni \(ni): lr", file: file, line: line)
            XCTAssertEqual(optimizer.groups.map(\.momentum), step.momentum, "\(name) ni \(ni): momentum",
                           file: file, line: line)
            XCTAssertEqual(setup.schedule.accumulation(iteration: ni), step.accumulate, "\(name) ni \(ni): accumulate",
                           file: file, line: line)
            for (key, p) in parameters {
                p.grad = step.grads[key].map { Tensor($0, shape: p.shape) }
            }
            let norm = clipGradNorm(parameters.map(\.tensor), maxNorm: 10)
            errors.norm = max(errors.norm, abs(norm - step.total_norm) / step.total_norm)
            for (key, p) in parameters {
                guard let expected = step.clipped_grads[key] else {
                    XCTAssertNil(p.grad, "\(name): \(key) should have no gradient", file: file, line: line)
                    continue
                }
                errors.clipped = max(errors.clipped, relativeError(p.grad!.scalars, expected))
            }
            optimizer.step()
            optimizer.zeroGrad()
            for (key, tensor) in state {
                if let b = step.buffers[key] { tensor.assign(Tensor(b, shape: tensor.shape)) }
                if key.hasSuffix("num_batches_tracked") { tensor.mutableData[0] += 1 }
            }
            ema.update(from: model)
            for (key, p) in parameters {
                let ours = p.scalars, expected = step.params[key]!, previous = before[key]!
                errors.params = max(errors.params, relativeError(ours, expected))
                let change = zip(expected, previous).map { $0 - $1 }
                if change.contains(where: { $0 != 0 }) {
                    errors.updates = max(errors.updates, relativeError(zip(ours, previous).map { $0 - $1 }, change))
                }
                before[key] = expected
            }
            for (key, e) in ema.stateDict() {
                errors.ema = max(errors.ema, relativeError(e.scalars, step.ema[key]!))
            }
        }
        XCTAssertEqual(ema.updates, f.ema_updates, file: file, line: line)
        let groups = optimizer.torchParamGroups()
        XCTAssertEqual(groups.map { $0.map(\.key) }, f.state_dict.param_groups.map { $0.map(\.key) },
                       "\(name): param_groups keys", file: file, line: line)
        XCTAssertEqual(groups.map { $0.map(\.value) }, f.state_dict.param_groups.map { $0.map(\.value) },
                       "\(name): param_groups values", file: file, line: line)
        let saved = optimizer.torchState()
        XCTAssertEqual(saved.map(\.index), f.state_dict.state.map(\.index), "\(name): state indices", file: file, line: line)
        XCTAssertEqual(saved.map { $0.state.map(\.key) }, f.state_dict.state.map(\.keys), "\(name): state keys",
                       file: file, line: line)
        XCTAssertEqual(saved.map { $0.state.first { $0.key == "step" }?.tensor.item }, f.state_dict.state.map(\.step),
                       "\(name): step counts", file: file, line: line)
        XCTAssertLessThanOrEqual(errors.norm, 1e-6, "\(name): total norm", file: file, line: line)
        XCTAssertLessThanOrEqual(errors.clipped, 1e-6, "\(name): clipped gradients", file: file, line: line)
        XCTAssertLessThanOrEqual(errors.params, tolerance, "\(name): parameters", file: file, line: line)
        XCTAssertLessThanOrEqual(errors.updates, updateTolerance, "\(name): updates", file: file, line: line)
        XCTAssertLessThanOrEqual(errors.ema, tolerance, "\(name): EMA", file: file, line: line)
        print("\(name): \(errors)")
        return errors
    }

    func testSGDNesterovWithWarmup() throws { _ = try replay("sgd_nesterov_warmup", tolerance: 1e-6, updateTolerance: 2e-5) }
    func testAutoAdamWWithWarmup() throws { _ = try replay("adamw_auto_warmup", tolerance: 1e-6, updateTolerance: 2e-5) }
    func testAdamCosineWithWarmup() throws { _ = try replay("adam_cos_warmup", tolerance: 1e-6, updateTolerance: 2e-5) }
    func testAdamWWithoutWarmup() throws { _ = try replay("adamw_no_warmup", tolerance: 1e-6, updateTolerance: 2e-5) }
    /// MuSGD's Newton–Schulz runs in bfloat16 in the reference: our emulation rounds at the same points but sums in a
    /// different order, so single bf16 roundings may differ.
    func testAutoMuSGDWithWarmup() throws { _ = try replay("musgd_auto_warmup", tolerance: 1e-6, updateTolerance: 1e-4) }
}
