import NN
import Tensors
import XCTest

/// The warmup and LR schedule against the reference's values for every iteration of a few epochs (linear and cosine,
/// auto AdamW and MuSGD, warmup rounded half to even, warmup capped by `epochs − 1`, no warmup).
final class OptimScheduleTests: XCTestCase {
    func testEveryIterationMatchesTheReference() throws {
        let cases = ScheduleFixture.all
        XCTAssertGreaterThanOrEqual(cases.count, 7)
        var worst = 0.0
        for f in cases {
            let setup = try OptimSetup(f)
            let optimizer = setup.choice.makeOptimizer(for: makeToyModel(), weightDecay: setup.weightDecay)
            assertGroups(optimizer.groups, f.groups, f.name)
            for row in f.rows {
                XCTAssertEqual(row.ni / f.nb, row.epoch)
                setup.schedule.apply(to: &optimizer.groups, iteration: row.ni, epoch: row.epoch,
                                     initialMomentum: setup.choice.momentum)
                XCTAssertEqual(setup.schedule.accumulation(iteration: row.ni), row.accumulate,
                               "\(f.name) ni \(row.ni): accumulate")
                XCTAssertEqual(optimizer.groups.map { $0.momentum }, row.momentum, "\(f.name) ni \(row.ni): momentum")
                XCTAssertEqual(optimizer.groups.count, row.lr.count)
                for (g, expected) in zip(optimizer.groups, row.lr) {
                    let err = abs(g.lr - expected) / max(abs(expected), 1e-300)
                    worst = max(worst, err)
                    XCTAssertLessThanOrEqual(err, 1e-15, "\(f.name) ni \(row.ni) \(g.kind): lr \(g.lr) vs \(expected)")
                }
            }
        }
        print("schedules: worst lr relative error \(worst)")
    }

    func testLinearAndCosineFactorsEndAtLRF() {
        let linear = LRSchedule(epochs: 10, lrf: 0.05), cosine = LRSchedule(epochs: 10, lrf: 0.05, cosine: true)
        XCTAssertEqual(linear.factor(epoch: 0), 1, accuracy: 1e-15)
        XCTAssertEqual(linear.factor(epoch: 10), 0.05, accuracy: 1e-15)
        XCTAssertEqual(linear.factor(epoch: 12), 0.05, accuracy: 1e-15, "clamped after the last epoch")
        XCTAssertEqual(cosine.factor(epoch: 0), 1, accuracy: 1e-15)
        XCTAssertEqual(cosine.factor(epoch: 5), 0.525, accuracy: 1e-12, "halfway between 1 and lrf")
        XCTAssertEqual(cosine.factor(epoch: 10), 0.05, accuracy: 1e-15)
    }

    func testWarmupIterationsRoundHalfToEvenAndSpareTheLastEpoch() {
        XCTAssertEqual(TrainingSchedule.warmupIterations(warmupEpochs: 2.5, epochs: 10, batchesPerEpoch: 5), 12)
        XCTAssertEqual(TrainingSchedule.warmupIterations(warmupEpochs: 1.5, epochs: 10, batchesPerEpoch: 5), 8)
        XCTAssertEqual(TrainingSchedule.warmupIterations(warmupEpochs: 3, epochs: 2, batchesPerEpoch: 7), 7)
        XCTAssertEqual(TrainingSchedule.warmupIterations(warmupEpochs: 3, epochs: 1, batchesPerEpoch: 7), 0)
        XCTAssertEqual(TrainingSchedule.warmupIterations(warmupEpochs: 0, epochs: 9, batchesPerEpoch: 7), 0)
    }

    func testAutoChoiceAndBatchArithmetic() throws {
        let short = try OptimizerChoice(name: "auto", lr0: 0.01, momentum: 0.937, nc: 3, iterations: 10000)
        XCTAssertEqual(short.kind, .AdamW)
        XCTAssertEqual(short.lr, 0.001429)
        XCTAssertEqual(short.momentum, 0.9)
        let long = try OptimizerChoice(name: "Auto", lr0: 0.01, momentum: 0.937, nc: 3, iterations: 10001)
        XCTAssertEqual(long.kind, .MuSGD)
        XCTAssertEqual(long.lr, 0.01)
        XCTAssertEqual(try OptimizerChoice(name: "adamw", lr0: 0.02, momentum: 0.8, nc: 3, iterations: 1).kind, .AdamW)
        XCTAssertThrowsError(try OptimizerChoice(name: "Lion", lr0: 0.01, momentum: 0.9, nc: 3, iterations: 1))
        XCTAssertEqual(OptimizerChoice.accumulate(nbs: 64, batch: 16), 4)
        XCTAssertEqual(OptimizerChoice.accumulate(nbs: 64, batch: 128), 1, "round(0.5) = 0, then at least 1")
        XCTAssertEqual(OptimizerChoice.accumulate(nbs: 64, batch: 26), 2, "round(2.46)")
        XCTAssertEqual(OptimizerChoice.iterations(datasetSize: 1000, batch: 16, nbs: 64, epochs: 100), 1600)
    }
}
