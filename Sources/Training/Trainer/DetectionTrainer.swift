import DataTools
import Evaluation
import Foundation
import Models
import NN
import Tensors
import TorchFormat
import YOLOData

/// The detection training loop as the reference's `BaseTrainer` runs it: warmup and LR schedule, gradient
/// accumulation to `nbs`, norm clipping at 10, EMA, per-epoch validation of the EMA, results.csv, last.pt/best.pt,
/// early stopping, a time budget, resume and a clean stop on Ctrl-C.
public final class DetectionTrainer {
    public let options: TrainOptions
    /// Observers (plots, trackers); called in order.
    public var callbacks: [TrainingCallback]
    let log: (String) -> Void

    public init(options: TrainOptions, callbacks: [TrainingCallback] = [], log: @escaping (String) -> Void = { print($0) }) {
        self.options = options
        self.callbacks = callbacks
        self.log = log
    }

    /// The loss of the model's head: E2E (YOLO26) or the one-to-many detection loss.
    enum Loss {
        case endToEnd(E2ELoss)
        case single(DetectionLoss)

        var names: [String] {
            switch self { case .endToEnd(let l): return l.lossNames; case .single(let l): return l.lossNames }
        }
        func callAsFunction(_ out: DetectOutput, targets: [Float]) -> DetectionLossOutput {
            switch self {
            case .endToEnd(let l): return l(out, targets: targets)
            case .single(let l): return l(out.oneToMany, targets: targets)
            }
        }
        mutating func epochEnded() { if case .endToEnd(var l) = self { l.update(); self = .endToEnd(l) } }
    }

    /// Trains until `epochs`, early stopping, the time budget or a stop request; returns the rows of this session.
    @discardableResult
    public func train() throws -> [EpochResult] {
        var o = options
        let weights = o.saveDir.appendingPathComponent("weights")
        try FileManager.default.createDirectory(at: weights, withIntermediateDirectories: true)
        let dataset = try DatasetConfig(contentsOf: o.data)
        let trainSplit = try dataset.load(.train), valSplit = try dataset.load(.val)
        log(trainSplit.report())
        log(valSplit.report())
        let duplicates = LeakageCheck.exactDuplicates(train: trainSplit, val: valSplit)
        if !duplicates.isEmpty {
            log("warning: \(duplicates.count) image(s) appear in both train and val (data leakage inflates val metrics): "
                + duplicates.prefix(3).map(\.description).joined(separator: "; ")
                + (duplicates.count > 3 ? "; …" : "") + ". Check with: yolo data check data=\(o.data.path)")
        }
        let nc = o.singleClass ? 1 : dataset.classCount
        let names = o.singleClass ? ["item"] : dataset.names
        let setup = try ModelSetup(options: o, nc: nc)
        let model = setup.model, emaModel = setup.ema
        for note in setup.notes { log(note) }
        let frozen = ModelSetup.freeze(model, layers: o.freeze)
        if !frozen.isEmpty { log("Freezing \(frozen.count) parameters of layers \(o.freeze.map(String.init).joined(separator: ","))") }
        emaModel.eval()
        log(model.summaryLine(imgsz: o.imgsz))

        var resume = try setup.resumeCheckpoint.map { try ResumeState(checkpoint: $0) }
        if let r = resume, r.epochs > 0 { o.epochs = max(o.epochs, r.epochs) }
        var trainOptions = LoaderOptions.training(imageSize: o.imgsz, batchSize: o.batch, workers: o.workers, seed: o.seed)
        trainOptions.epochs = o.epochs
        trainOptions.closeMosaic = o.closeMosaic
        trainOptions.augmentation = o.augmentation
        trainOptions.fraction = o.fraction
        trainOptions.cache = o.cache
        guard let sampler = SamplingMode(rawValue: o.sampler) else {
            throw TrainingError("sampler=\(o.sampler) is not a sampler; use sampler=uniform or sampler=balanced")
        }
        trainOptions.sampler = sampler
        if sampler == .balanced { log("sampler=balanced: images with rare classes are repeated (repeat-factor sampling)") }
        if !o.augmentation.custom.isEmpty {
            log("augmentations: " + o.augmentation.custom.map { t in
                t.name + "(" + t.parameters.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + ")" }.joined(separator: ", "))
        }
        let trainLoader = DataLoader(split: trainSplit, options: trainOptions)
        var valOptions = LoaderOptions.validation(imageSize: o.imgsz, batchSize: o.batch * 2, workers: o.workers)
        valOptions.cache = o.cache
        let valLoader = DataLoader(split: valSplit, options: valOptions)
        let nb = trainLoader.batchCount
        var accumulate = OptimizerChoice.accumulate(nbs: o.nbs, batch: o.batch)
        let decay = OptimizerChoice.scaledWeightDecay(o.weightDecay, batch: o.batch, accumulate: accumulate, nbs: o.nbs)
        accumulate = min(accumulate, max(nb * o.epochs, 1))
        let choice = try OptimizerChoice(name: o.optimizer, lr0: o.lr0, momentum: o.momentum, nc: nc,
            iterations: OptimizerChoice.iterations(datasetSize: trainSplit.count, batch: o.batch, nbs: o.nbs, epochs: o.epochs))
        let optimizer = choice.makeOptimizer(for: model, weightDecay: decay)
        if choice.isAuto {
            log("optimizer: 'optimizer=auto' found, ignoring 'lr0=\(o.lr0)' and 'momentum=\(o.momentum)' and determining "
                + "best 'optimizer', 'lr0' and 'momentum' automatically...")
        }
        log("optimizer: \(choice.kind.rawValue)(lr=\(String(format: "%.6g", choice.lr)), momentum=\(choice.momentum)) with "
            + "parameter groups " + optimizer.groups.map { "\($0.parameters.count) \($0.kind.rawValue)(decay=\($0.weightDecay))" }
            .joined(separator: ", "))
        func makeSchedule(epochs: Int) -> TrainingSchedule {
            TrainingSchedule(lr: LRSchedule(epochs: epochs, lrf: o.lrf, cosine: o.cosLR), batchesPerEpoch: nb,
                             warmupEpochs: o.warmupEpochs, warmupBiasLR: choice.isAuto ? 0 : o.warmupBiasLR,
                             warmupMomentum: o.warmupMomentum, momentum: o.momentum, accumulate: accumulate)
        }
        var schedule = makeSchedule(epochs: o.epochs)
        let ema = ModelEMA(model: model, target: emaModel)
        let gains = LossGains(box: o.box, cls: o.cls, dfl: o.dfl)
        var loss: Loss = model.detect.oneToOneCv2 != nil
            ? .endToEnd(E2ELoss(detect: model.detect, epochs: o.epochs, gains: gains))
            : .single(DetectionLoss(detect: model.detect, gains: gains))
        let csv = ResultsCSV(url: o.saveDir.appendingPathComponent("results.csv"), lossNames: loss.names)

        var startEpoch = 0
        var lastStep = -1
        var stopper = EarlyStopping(patience: o.patience)
        var best = -1.0
        var previousSeconds = 0.0
        var earlier: [EpochResult] = []
        if let checkpoint = setup.resumeCheckpoint, let r = resume {
            guard !TrainingCheckpoint.isFinished(checkpoint) && (r.epoch + 1 < o.epochs || r.batchesDone > 0) else {
                throw TrainingError("\(o.resumeFrom?.path ?? "the checkpoint") finished all \(o.epochs) epochs: nothing to resume. "
                    + "To train further from these weights, start a new run: yolo train model=\(o.resumeFrom?.path ?? "last.pt") data=... epochs=N")
            }
            if case .dict? = checkpoint["optimizer"] {
                try optimizer.load(pickleStateDict: checkpoint["optimizer"]!, file: checkpoint.name)
            }
            // ModelEMA starts as a copy of the model: put the saved average back.
            if checkpoint["ema"].map({ $0 != .none }) == true {
                try emaModel.load(weights: try checkpoint.stateDict("ema"), file: checkpoint.name)
            }
            ema.updates = r.emaUpdates
            try TrainingCheckpoint.restoreGradients(checkpoint["grads"], into: model, file: checkpoint.name)
            startEpoch = r.epoch + 1
            lastStep = r.lastOptimizerStep
            best = r.bestFitness ?? -1
            stopper = EarlyStopping(patience: o.patience, bestFitness: max(r.bestFitness ?? 0, 0), bestEpoch: r.bestEpoch)
            previousSeconds = r.seconds
            for _ in 0..<startEpoch { loss.epochEnded() }
            earlier = (try? csv.read()) ?? []
            earlier = earlier.filter { $0.epoch <= startEpoch }
            try csv.rewrite(earlier)
        } else {
            try? FileManager.default.removeItem(at: csv.url)
        }

        let run = TrainingRun(saveDir: o.saveDir, arguments: o.arguments, names: names, lossNames: loss.names,
                              trainSplit: trainSplit, valSplit: valSplit, epochs: o.epochs, batchesPerEpoch: nb,
                              resumed: setup.resumeCheckpoint != nil, log: log)
        run.results = earlier
        for c in callbacks { c.trainStart(run) }
        do {
            let progress = ProgressDisplay(lossNames: loss.names, epochs: o.epochs, imgsz: o.imgsz, log: log)

            StopRequest.reset()
            let restoreSignals = StopRequest.installSignalHandlers()
            defer { restoreSignals() }
            var results: [EpochResult] = []
            let start = Date().addingTimeInterval(-previousSeconds)
            let sessionStart = Date()
            log("Starting training for " + (o.time.map { "\($0) hours..." } ?? "\(o.epochs) epochs...")
                + " \(nb) batches of \(o.batch) at \(o.imgsz); results to \(o.saveDir.path)")
            var epoch = startEpoch
            var stop = false
            // Seconds the training loop waited for the data workers, and spent in training epochs (issue 4: < 5 %).
            var dataWait = 0.0, trainingSeconds = 0.0
            var interrupted = false
            func checkpoint(epochDone: Int, fitness: Double?, state: ResumeState?) throws -> TrainingCheckpoint {
                var c = try TrainingCheckpoint(model: model, ema: emaModel, epoch: epochDone, bestFitness: max(best, fitness ?? best))
                c.names = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.offset, $0.element) })
                c.optimizer = optimizer.pickleStateDict()
                c.trainArgs = o.trainArgs
                c.resume = state
                c.gradients = TrainingCheckpoint.gradients(of: model)
                return c
            }
            while epoch < o.epochs && !stop {
                run.epoch = epoch
                model.train()
                var sums = [Double](repeating: 0, count: loss.names.count)
                var seen = 0
                var skip = 0
                var instances = 0
                if let r = resume, r.batchesDone > 0, epoch == startEpoch {
                    (skip, seen) = (r.batchesDone, r.lossBatches)
                    if r.lossSums.count == sums.count { sums = r.lossSums }
                }
                resume = nil
                let epochStart = Date()
                log(progress.header)
                var batchesDone = 0
                let batches = trainLoader.epoch(epoch)
                defer { dataWait += batches.waitSeconds }
                for batch in batches {
                    defer { trainLoader.recycle(batch) }
                    batchesDone = batch.index + 1
                    if batch.index < skip { continue }
                    let ni = batch.index + nb * epoch
                    schedule.apply(to: &optimizer.groups, iteration: ni, epoch: epoch, initialMomentum: choice.momentum)
                    let x = Tensor(batch.images, shape: [batch.count, 3, batch.height, batch.width])
                    let out = loss(model(x), targets: batch.targets)
                    guard out.items.allSatisfy(\.isFinite) else {
                        throw TrainingError("the loss became non-finite at epoch \(epoch + 1), batch \(batch.index + 1) "
                            + "(\(zip(loss.names, out.items).map { "\($0)=\($1)" }.joined(separator: " "))); the last good "
                            + "weights are in \(weights.path) — lower lr0 or check the labels")
                    }
                    out.loss.backward()
                    if ni - lastStep >= schedule.accumulation(iteration: ni) {
                        clipGradNorm(model.namedParameters().map(\.tensor), maxNorm: 10)
                        optimizer.step()
                        optimizer.zeroGrad()
                        ema.update(from: model)
                        lastStep = ni
                    }
                    for (k, v) in out.items.enumerated() { sums[k] += Double(v) }
                    seen += 1
                    instances = batch.targetCount
                    progress.update(epoch: epoch, done: batch.index + 1, total: nb, losses: sums.map { $0 / Double(seen) },
                                    instances: instances, started: epochStart)
                    for c in callbacks { c.trainBatchEnd(run, batch: batch, iteration: ni) }
                    if StopRequest.isRequested && batch.index + 1 < nb {
                        interrupted = true
                        break
                    }
                }
                if interrupted {
                    var state = ResumeState(epoch: epoch - 1, epochs: o.epochs)
                    state.batchesDone = batchesDone
                    state.lastOptimizerStep = lastStep
                    state.emaUpdates = ema.updates
                    state.bestFitness = best >= 0 ? best : nil
                    state.bestEpoch = stopper.bestEpoch
                    state.seconds = Date().timeIntervalSince(start)
                    (state.lossSums, state.lossBatches) = (sums, seen)
                    log("")
                    try checkpoint(epochDone: epoch - 1, fitness: nil, state: state).write(to: weights.appendingPathComponent("last.pt"))
                    log("Stopped by request after epoch \(epoch + 1) batch \(batchesDone)/\(nb); resumable checkpoint "
                        + "\(weights.appendingPathComponent("last.pt").path). Continue with: yolo train resume model=\(weights.appendingPathComponent("last.pt").path)")
                    break
                }
                trainingSeconds += Date().timeIntervalSince(epochStart)
                loss.epochEnded()
                let trainLoss = sums.map { Float($0 / Double(max(seen, 1))) }
                progress.finish(epoch: epoch, total: nb, losses: trainLoss.map(Double.init), instances: instances, started: epochStart)
                let lrs = optimizer.groups.map(\.lr)
                let finalEpoch = epoch + 1 >= o.epochs
                var metrics: [(key: String, value: Double)] = []
                var valLoss = [Float](repeating: 0, count: loss.names.count)
                var fitness: Double?
                if o.validate || finalEpoch || stopper.possibleStop(epoch: epoch + 1) || StopRequest.isRequested {
                    (metrics, valLoss) = validate(emaModel, loader: valLoader, names: names, loss: loss, run: run, final: false)
                    fitness = metrics.first { $0.key == "metrics/mAP50-95(B)" }?.value ?? 0
                }
                let r = EpochResult(epoch: epoch + 1, seconds: Date().timeIntervalSince(start), trainLoss: trainLoss,
                                    metrics: metrics, valLoss: valLoss, learningRates: lrs)
                results.append(r)
                run.results.append(r)
                try csv.append(r)
                stop = stopper.update(epoch: epoch + 1, fitness: fitness) || finalEpoch
                if stop && !finalEpoch { log(stopper.message) }
                if let hours = o.time, Date().timeIntervalSince(start) > hours * 3600 {
                    stop = true
                    log(String(format: "Training time budget of %.3f hours reached.", hours))
                }
                let improved = (fitness ?? -1) > best || (best < 0 && fitness != nil)
                if let fitness, fitness > best { best = fitness }
                var state = ResumeState(epoch: epoch, epochs: o.epochs)
                state.lastOptimizerStep = lastStep
                state.emaUpdates = ema.updates
                state.bestFitness = best >= 0 ? best : nil
                state.bestEpoch = stopper.bestEpoch
                state.seconds = Date().timeIntervalSince(start)
                var saved = try checkpoint(epochDone: epoch, fitness: fitness, state: state)
                saved.trainMetrics = r.metrics + [("fitness", fitness ?? 0)]
                try saved.write(to: weights.appendingPathComponent("last.pt"))
                if improved { try saved.write(to: weights.appendingPathComponent("best.pt")) }
                if o.savePeriod > 0 && epoch % o.savePeriod == 0 {
                    try saved.write(to: weights.appendingPathComponent("epoch\(epoch).pt"))
                }
                if let hours = o.time {
                    // The reference re-estimates the epoch count from the mean epoch time and rebuilds the schedule.
                    let mean = Date().timeIntervalSince(sessionStart) / Double(epoch - startEpoch + 1)
                    o.epochs = max(Int((hours * 3600 / mean).rounded(.up)), epoch + 1)
                    schedule = makeSchedule(epochs: o.epochs)
                    stop = stop || epoch + 1 >= o.epochs
                }
                for c in callbacks { c.fitEpochEnd(run, result: r) }
                if StopRequest.isRequested && !stop {
                    log("Stopped by request after epoch \(epoch + 1); continue with: yolo train resume model=\(weights.appendingPathComponent("last.pt").path)")
                    interrupted = true
                    stop = true
                }
                epoch += 1
            }
            log(String(format: "\n%d epochs completed in %.3f hours.", epoch - startEpoch, Date().timeIntervalSince(sessionStart) / 3600))
            run.stoppedByRequest = interrupted
            if trainingSeconds > 0 {
                log(String(format: "Data wait: %.2f s of %.1f s in training epochs (%.2f %%)", dataWait, trainingSeconds,
                           100 * dataWait / trainingSeconds))
            }
            if !interrupted {
                for name in ["last.pt", "best.pt"] { try stripOptimizer(weights.appendingPathComponent(name)) }
                try finalValidation(best: weights.appendingPathComponent("best.pt"), model: emaModel, loader: valLoader,
                                    names: names, loss: loss, run: run)
            }
            for c in callbacks { c.trainEnd(run) }
            return results
        } catch {
            for c in callbacks { c.trainFailed(run, error: error) }
            throw error
        }
    }

    /// The reference's `strip_optimizer` for a finished run's checkpoint: the EMA weights (float32) as `model`, no
    /// optimizer, EMA or resume state (a finished run is not resumable; fine-tune from it with `model=`).
    func stripOptimizer(_ url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let bytes = try TrainingCheckpoint.strip(url)
        log("Optimizer stripped from \(url.path), \(String(format: "%.1f", Double(bytes) / 1e6))MB")
    }

    /// The reference's `final_eval`: validates best.pt's weights and prints the per-class table.
    func finalValidation(best: URL, model: DetectionModel, loader: DataLoader, names: [String], loss: Loss,
                         run: TrainingRun) throws {
        guard FileManager.default.fileExists(atPath: best.path) else { return }
        let checkpoint = try TorchCheckpoint(contentsOf: best)
        try model.load(weights: try checkpoint.stateDict(checkpoint["ema"].map { $0 != .none } == true ? "ema" : "model"),
                       file: best.path)
        log("\nValidating \(best.path)...")
        _ = validate(model, loader: loader, names: names, loss: loss, run: run, final: true)
        log("Results saved to \(best.deletingLastPathComponent().deletingLastPathComponent().path)")
    }
}

/// A training failure with what to do about it.
public struct TrainingError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
