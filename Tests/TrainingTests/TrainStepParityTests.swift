import Foundation
import Models
import NN
import Tensors
import TestSupport
import Training
import XCTest

/// Whole training steps against Ultralytics 8.4.190 (`tools/fixtures/train_step.py`): a tiny YOLO26 (~31k
/// parameters, nc 3) from the reference's own initialisation, one fixed batch of 4 images at 64 px, five iterations
/// of epoch 0 in warmup with the pieces wired exactly as `DetectionTrainer` wires them (OptimizerChoice, scaled weight
/// decay, TrainingSchedule, E2ELoss, clipGradNorm at 10, step, zeroGrad). Checks the group lr/momentum per
/// iteration, every gradient at ni 0 (max |Δ| ≤ 1e-4 of max |g|), the gradient norm before clipping (1e-5 relative at
/// ni 0; 1e-2 later: in this state the reference's own gradient norm moves ~1e-4 for a 1e-6 relative nudge of the
/// weights), the parameters after optimizer steps 1 and 2 (max |Δ| ≤ 1e-4; step 1 moves only the bias group, whose
/// lr starts at warmup_bias_lr) and the five-iteration loss trajectory (total loss and logged items, relative 1e-3).
/// AdamW elements whose clipped ni-0 gradient is at rounding-noise level are only checked for boundedness (see below).
/// The measured errors are printed (`TrainStepParity SGD: …`).
final class TrainStepParityTests: XCTestCase {
    static let parameterTolerance: Float = 1e-4
    static let lossTolerance = 1e-3

    func testSGDWarmupSteps() throws { try check("SGD") }
    func testAdamWWarmupSteps() throws { try check("AdamW") }

    /// `Tests/Fixtures/TrainStep/MANIFEST.json`.
    struct Manifest: Decodable {
        struct Iteration: Decodable {
            let ni: Int
            let accumulate: Int
            let lr: [Double]
            let momentum: [Double]
            let loss: Double
            let items: [String: Double]
            let gradNorm: Double?
            let parameterGradientNorms: [Double]
            let step: Int?
            enum CodingKeys: String, CodingKey {
                case ni, accumulate, lr, momentum, loss, items, gradNorm = "grad_norm", step
                case parameterGradientNorms = "param_grad_norms"
            }
        }
        struct Group: Decodable {
            let paramGroup: String
            let count: Int
            let weightDecay: Double
            enum CodingKeys: String, CodingKey { case paramGroup = "param_group", count, weightDecay = "weight_decay" }
        }
        struct Run: Decodable {
            let optimizer: String
            let lr0: Double
            let momentum: Double
            let weightDecay: Double
            let accumulate: Int
            let warmupIterations: Int
            let batchesPerEpoch: Int
            let epochs: Int
            let groups: [Group]
            let iterations: [Iteration]
            let files: [String: String]
            enum CodingKeys: String, CodingKey {
                case optimizer, lr0, momentum, weightDecay = "weight_decay", accumulate
                case warmupIterations = "warmup_iterations", batchesPerEpoch = "batches_per_epoch", epochs, groups
                case iterations, files
            }
        }
        let ultralytics: String
        let yaml: String
        let scale: String
        let nc: Int
        let batch: Int
        let imgsz: Int
        let targets: [[Float]]
        let args: [String: Double]
        let parameters: [ParameterEntry]
        let runs: [String: Run]

        struct ParameterEntry: Decodable {
            let name: String
            let shape: [Int]
            init(from decoder: Decoder) throws {
                var c = try decoder.unkeyedContainer()
                name = try c.decode(String.self)
                shape = try c.decode([Int].self)
            }
        }

        /// The committed tiny fixture, or `YOLO_TRAIN_STEP_FIXTURE` (e.g. `train_step.py --full`'s real yolo26n).
        static let folder = ProcessInfo.processInfo.environment["YOLO_TRAIN_STEP_FIXTURE"].map { URL(fileURLWithPath: $0) }
            ?? TestPaths.fixture("TrainStep")

        static func load() throws -> Manifest {
            try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("MANIFEST.json")))
        }

        /// Little-endian float32 values of a fixture file.
        static func floats(_ file: String) throws -> [Float] {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            return data.withUnsafeBytes { raw in
                (0..<(data.count / 4)).map {
                    Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
                }
            }
        }
    }

    /// Our tiny model from the fixture's yaml with the reference's initial parameters.
    func makeModel(_ manifest: Manifest, file: StaticString = #filePath, line: UInt = #line) throws -> DetectionModel {
        let text = try String(contentsOf: Manifest.folder.appendingPathComponent(manifest.yaml), encoding: .utf8)
        let model = try DetectionModel(try ModelDefinition(yaml: text, file: manifest.yaml, scale: manifest.scale),
                                       nc: manifest.nc)
        let parameters = model.namedParameters()
        XCTAssertEqual(parameters.map(\.name), manifest.parameters.map(\.name), "parameter order", file: file, line: line)
        XCTAssertEqual(parameters.map(\.tensor.shape), manifest.parameters.map(\.shape), "parameter shapes",
                       file: file, line: line)
        let initial = try Manifest.floats("initial.bin")
        XCTAssertEqual(initial.count, parameters.reduce(0) { $0 + $1.tensor.count }, file: file, line: line)
        var offset = 0
        for p in parameters {
            let n = p.tensor.count
            p.tensor.assign(Tensor(Array(initial[offset..<offset + n]), shape: p.tensor.shape))
            offset += n
        }
        model.train()
        return model
    }

    /// Max |ours − ref| over all parameters (elements where `excluded` is true apart), with the name where it occurs.
    func parameterError(_ ours: [(name: String, values: [Float])], _ reference: [Float], excluded: [Bool]? = nil)
        -> (maxAbs: Float, name: String, scale: Float, excludedMaxAbs: Float) {
        var worst: (Float, String) = (0, "")
        var scale: Float = 0, excludedWorst: Float = 0
        var offset = 0
        for p in ours {
            for (i, o) in p.values.enumerated() {
                let r = reference[offset + i]
                let d = o.isFinite ? abs(o - r) : .infinity
                if excluded?[offset + i] == true {
                    excludedWorst = max(excludedWorst, d)
                    continue
                }
                if d > worst.0 { worst = (d, p.name) }
                scale = max(scale, abs(r))
            }
            offset += p.values.count
        }
        return (worst.0, worst.1, scale, excludedWorst)
    }

    /// The model's parameters (or their gradients) flattened in `named_parameters()` order.
    func flat(_ model: DetectionModel, gradients: Bool = false) -> [(name: String, values: [Float])] {
        model.namedParameters().map { p in
            (p.name, gradients ? (p.tensor.grad?.scalars ?? [Float](repeating: 0, count: p.tensor.count)) : p.tensor.scalars)
        }
    }

    func relative(_ ours: Double, _ ref: Double) -> Double { abs(ours - ref) / max(abs(ref), 1e-12) }

    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let manifest = try Manifest.load()
        let run = try XCTUnwrap(manifest.runs[name], "no run \(name)", file: file, line: line)
        let model = try makeModel(manifest, file: file, line: line)
        let arg = { (key: String) throws -> Double in try XCTUnwrap(manifest.args[key], "args.\(key)") }
        let batch = manifest.batch, nbs = Int(try arg("nbs")), epochs = run.epochs, nb = run.batchesPerEpoch

        // As DetectionTrainer.train() wires the pieces.
        var accumulate = OptimizerChoice.accumulate(nbs: nbs, batch: batch)
        let decay = OptimizerChoice.scaledWeightDecay(try arg("weight_decay"), batch: batch, accumulate: accumulate, nbs: nbs)
        accumulate = min(accumulate, max(nb * epochs, 1))
        XCTAssertEqual(accumulate, run.accumulate, "accumulate", file: file, line: line)
        XCTAssertEqual(decay, run.weightDecay, accuracy: 1e-15, "scaled weight decay", file: file, line: line)
        let choice = try OptimizerChoice(name: name, lr0: try arg("lr0"), momentum: try arg("momentum"), nc: manifest.nc,
            iterations: OptimizerChoice.iterations(datasetSize: nb * batch, batch: batch, nbs: nbs, epochs: epochs))
        let optimizer = choice.makeOptimizer(for: model, weightDecay: decay)
        XCTAssertEqual(optimizer.name, run.optimizer, file: file, line: line)
        XCTAssertEqual(optimizer.groups.map(\.kind.rawValue), run.groups.map(\.paramGroup), file: file, line: line)
        XCTAssertEqual(optimizer.groups.map(\.parameters.count), run.groups.map(\.count), file: file, line: line)
        XCTAssertEqual(optimizer.groups.map(\.weightDecay), run.groups.map(\.weightDecay), file: file, line: line)
        let schedule = TrainingSchedule(
            lr: LRSchedule(epochs: epochs, lrf: try arg("lrf"), cosine: false), batchesPerEpoch: nb,
            warmupEpochs: try arg("warmup_epochs"), warmupBiasLR: choice.isAuto ? 0 : try arg("warmup_bias_lr"),
            warmupMomentum: try arg("warmup_momentum"), momentum: try arg("momentum"), accumulate: accumulate)
        XCTAssertEqual(schedule.warmupIterations, run.warmupIterations, file: file, line: line)
        let gains = LossGains(box: Float(try arg("box")), cls: Float(try arg("cls")), dfl: Float(try arg("dfl")))
        let loss = E2ELoss(detect: model.detect, epochs: epochs, gains: gains)
        // `train_step.py --real` writes its batch of real images; the committed fixture uses the formula input.
        let x = FileManager.default.fileExists(atPath: Manifest.folder.appendingPathComponent("input.bin").path)
            ? Tensor(try Manifest.floats("input.bin"), shape: [batch, 3, manifest.imgsz, manifest.imgsz])
            : FormulaWeights.input(batch: batch, size: manifest.imgsz)
        let targets = manifest.targets.flatMap { $0 }

        // Adam turns gradients at rounding-noise level (|g| ≈ eps = 1e-8 after clipping: BN biases whose exact
        // gradient is zero, e.g. the stride-32 box branch with no target there) into updates anywhere in ±lr
        // (bias lr 0.1 at ni 0), in the reference as in ours; those elements are compared only for boundedness.
        let referenceGradients = try Manifest.floats("grad-ni0.bin")
        let referenceNorm0 = try XCTUnwrap(run.iterations.first?.gradNorm)
        let clip0 = Float(min(10 / (referenceNorm0 + 1e-6), 1))
        let noiseLevel: [Bool]? = choice.kind == .SGD ? nil : referenceGradients.map { abs($0 * clip0) < 1e-7 }

        var lastStep = -1, steps = 0
        var report: [String] = []
        var worstLoss = 0.0, worstItem = 0.0, worstLossAbs = 0.0, worstItemAbs = 0.0
        for ref in run.iterations {
            let ni = ref.ni
            schedule.apply(to: &optimizer.groups, iteration: ni, epoch: 0, initialMomentum: choice.momentum)
            for (g, group) in optimizer.groups.enumerated() {
                XCTAssertEqual(group.lr, ref.lr[g], accuracy: 1e-15, "lr of group \(g) at ni \(ni)", file: file, line: line)
                XCTAssertEqual(group.momentum ?? group.betas.0, ref.momentum[g], accuracy: 1e-15,
                               "momentum of group \(g) at ni \(ni)", file: file, line: line)
            }
            XCTAssertEqual(schedule.accumulation(iteration: ni), ref.accumulate, file: file, line: line)
            let out = loss(model(x), targets: targets)
            let total = Double(out.loss.item)
            worstLoss = max(worstLoss, relative(total, ref.loss))
            worstLossAbs = max(worstLossAbs, abs(total - ref.loss))
            XCTAssertLessThanOrEqual(relative(total, ref.loss), Self.lossTolerance,
                                     "\(name) loss at ni \(ni): ours \(total), reference \(ref.loss)", file: file, line: line)
            for (itemName, value) in out.namedItems {
                let r = try XCTUnwrap(ref.items[itemName], "reference has no item \(itemName)", file: file, line: line)
                worstItem = max(worstItem, relative(Double(value), r))
                worstItemAbs = max(worstItemAbs, abs(Double(value) - r))
                XCTAssertLessThanOrEqual(relative(Double(value), r), Self.lossTolerance,
                                         "\(name) \(itemName) at ni \(ni): ours \(value), reference \(r)", file: file, line: line)
            }
            out.loss.backward()
            if ni == 0 {
                let e = parameterError(flat(model, gradients: true), referenceGradients)
                report.append(String(format: "ni 0 gradients max|Δ| %.3g (%@; max|g| %.3g)", e.maxAbs, e.name, e.scale))
                XCTAssertLessThanOrEqual(e.maxAbs / e.scale, 1e-4, "\(name) gradients at ni 0: max |Δ| \(e.maxAbs) at "
                                         + "\(e.name), max |g| \(e.scale)", file: file, line: line)
            }
            // Which parameter's gradient departs most (relative to the largest per-parameter norm): a diagnostic.
            let norms = model.namedParameters().map { p in
                (p.name, (p.tensor.grad?.scalars ?? []).reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
            }
            let largest = ref.parameterGradientNorms.max() ?? 1
            if let worst = zip(norms, ref.parameterGradientNorms).max(by: { abs($0.0.1 - $0.1) < abs($1.0.1 - $1.1) }) {
                report.append(String(format: "ni %d worst param grad norm %@ ours %.6g ref %.6g (%.3g of the largest)", ni,
                                     worst.0.0, worst.0.1, worst.1, abs(worst.0.1 - worst.1) / largest))
            }
            if ni - lastStep >= schedule.accumulation(iteration: ni) {
                let norm = clipGradNorm(model.namedParameters().map(\.tensor), maxNorm: 10)
                if let refNorm = ref.gradNorm {
                    report.append(String(format: "ni %d grad norm rel %.3g", ni, relative(Double(norm), refNorm)))
                    XCTAssertLessThanOrEqual(relative(Double(norm), refNorm), ni == 0 ? 1e-5 : 1e-2,
                                             "\(name) gradient norm at ni \(ni): ours \(norm), reference \(refNorm)",
                                             file: file, line: line)
                }
                optimizer.step()
                optimizer.zeroGrad()
                lastStep = ni
                steps += 1
                XCTAssertEqual(steps, ref.step, "\(name): optimizer step count at ni \(ni)", file: file, line: line)
                if let saved = run.files[String(steps)] {
                    let e = parameterError(flat(model), try Manifest.floats(saved), excluded: noiseLevel)
                    report.append(String(format: "step %d params max|Δ| %.3g (%@; max|p| %.3g)", steps, e.maxAbs, e.name, e.scale)
                        + (noiseLevel.map { m in String(format: ", %d noise-gradient elements max|Δ| %.3g",
                                                            m.filter { $0 }.count, e.excludedMaxAbs) } ?? ""))
                    XCTAssertLessThanOrEqual(e.excludedMaxAbs, 0.25, "\(name): noise-gradient elements moved beyond ±lr",
                                             file: file, line: line)
                    XCTAssertLessThanOrEqual(e.maxAbs, Self.parameterTolerance,
                                             "\(name) parameters after step \(steps): max |Δ| \(e.maxAbs) at \(e.name)",
                                             file: file, line: line)
                }
            } else {
                XCTAssertNil(ref.step, "\(name): the reference stepped at ni \(ni), we did not", file: file, line: line)
            }
        }
        report.append(String(format: "5-iteration loss rel %.3g (abs %.3g), items rel %.3g (abs %.3g)",
                             worstLoss, worstLossAbs, worstItem, worstItemAbs))
        print("TrainStepParity \(name): " + report.joined(separator: "; "))
    }
}
