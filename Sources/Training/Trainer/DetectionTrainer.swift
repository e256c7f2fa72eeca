import Evaluation
import Foundation
import Models
import NN
import Tensors
import YOLOData

/// The detection training loop as the reference's `BaseTrainer` runs it: warmup and LR schedule, gradient
/// accumulation to `nbs`, norm clipping at 10, EMA, per-epoch validation of the EMA, results.csv, last.pt/best.pt.
public final class DetectionTrainer {
    public let options: TrainOptions
    let log: (String) -> Void

    public init(options: TrainOptions, log: @escaping (String) -> Void = { print($0) }) {
        self.options = options
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

    /// Trains for `options.epochs` epochs; returns one result per epoch.
    @discardableResult
    public func train() throws -> [EpochResult] {
        let o = options
        let weights = o.saveDir.appendingPathComponent("weights")
        try FileManager.default.createDirectory(at: weights, withIntermediateDirectories: true)
        let dataset = try DatasetConfig(contentsOf: o.data)
        let trainSplit = try dataset.load(.train), valSplit = try dataset.load(.val)
        log(trainSplit.report())
        log(valSplit.report())
        let nc = dataset.classCount
        let definition = try ModelInfo.definition(named: o.model)
        let model = try DetectionModel(definition, nc: nc, seed: UInt64(max(o.seed, 0)))
        let emaModel = try DetectionModel(definition, nc: nc, seed: UInt64(max(o.seed, 0)))
        emaModel.eval()
        log(model.summaryLine(imgsz: o.imgsz))

        var trainOptions = LoaderOptions.training(imageSize: o.imgsz, batchSize: o.batch, workers: o.workers, seed: o.seed)
        trainOptions.epochs = o.epochs
        trainOptions.closeMosaic = o.closeMosaic
        let trainLoader = DataLoader(split: trainSplit, options: trainOptions)
        let valLoader = DataLoader(split: valSplit, options: .validation(imageSize: o.imgsz, batchSize: o.batch * 2,
                                                                          workers: o.workers))
        let nb = trainLoader.batchCount
        var accumulate = OptimizerChoice.accumulate(nbs: o.nbs, batch: o.batch)
        let decay = OptimizerChoice.scaledWeightDecay(o.weightDecay, batch: o.batch, accumulate: accumulate, nbs: o.nbs)
        accumulate = min(accumulate, max(nb * o.epochs, 1))
        let choice = try OptimizerChoice(name: o.optimizer, lr0: o.lr0, momentum: o.momentum, nc: nc,
            iterations: OptimizerChoice.iterations(datasetSize: trainSplit.count, batch: o.batch, nbs: o.nbs, epochs: o.epochs))
        let optimizer = choice.makeOptimizer(for: model, weightDecay: decay)
        log("optimizer: \(choice)")
        let schedule = TrainingSchedule(lr: LRSchedule(epochs: o.epochs, lrf: o.lrf, cosine: o.cosLR), batchesPerEpoch: nb,
                                        warmupEpochs: o.warmupEpochs, warmupBiasLR: choice.isAuto ? 0 : o.warmupBiasLR,
                                        warmupMomentum: o.warmupMomentum, momentum: o.momentum, accumulate: accumulate)
        let ema = ModelEMA(model: model, target: emaModel)
        let gains = LossGains(box: o.box, cls: o.cls, dfl: o.dfl)
        var loss: Loss = model.detect.oneToOneCv2 != nil
            ? .endToEnd(E2ELoss(detect: model.detect, epochs: o.epochs, gains: gains))
            : .single(DetectionLoss(detect: model.detect, gains: gains))
        let csv = ResultsCSV(url: o.saveDir.appendingPathComponent("results.csv"), lossNames: loss.names)
        try? FileManager.default.removeItem(at: csv.url)

        var results: [EpochResult] = []
        var best = -1.0
        var lastStep = -1
        let start = Date()
        log("Training \(o.epochs) epochs, \(nb) batches of \(o.batch) at \(o.imgsz); results to \(o.saveDir.path)")
        for epoch in 0..<o.epochs {
            model.train()
            var sums = [Double](repeating: 0, count: loss.names.count)
            var seen = 0
            let epochStart = Date()
            for batch in trainLoader.epoch(epoch) {
                let ni = batch.index + nb * epoch
                schedule.apply(to: &optimizer.groups, iteration: ni, epoch: epoch, initialMomentum: choice.momentum)
                let x = Tensor(batch.images, shape: [batch.count, 3, batch.height, batch.width])
                let out = loss(model(x), targets: batch.targets)
                out.loss.backward()
                if ni - lastStep >= schedule.accumulation(iteration: ni) {
                    clipGradNorm(model.namedParameters().map(\.tensor), maxNorm: 10)
                    optimizer.step()
                    optimizer.zeroGrad()
                    ema.update(from: model)
                    lastStep = ni
                }
                guard out.items.allSatisfy(\.isFinite) else {
                    throw TrainingError("the loss became non-finite at epoch \(epoch + 1), batch \(batch.index + 1); "
                        + "last good weights are in \(weights.path) — lower lr0 or check the labels")
                }
                for (k, v) in out.items.enumerated() { sums[k] += Double(v) }
                seen += 1
                trainLoader.recycle(batch)
            }
            loss.epochEnded()
            let trainLoss = sums.map { Float($0 / Double(max(seen, 1))) }
            let lrs = optimizer.groups.map(\.lr)
            let images = Double(trainSplit.count) / max(Date().timeIntervalSince(epochStart), 1e-9)
            log(String(format: "%4d/%d  ", epoch + 1, o.epochs)
                + zip(loss.names, trainLoss).map { "\($0) \(String(format: "%.4f", $1))" }.joined(separator: "  ")
                + String(format: "  %.1f img/s", images))
            var metrics: [(key: String, value: Double)] = []
            var valLoss = [Float](repeating: 0, count: loss.names.count)
            if o.validate || epoch == o.epochs - 1 {
                (metrics, valLoss) = validate(emaModel, loader: valLoader, names: dataset.names, loss: loss)
            }
            let r = EpochResult(epoch: epoch + 1, seconds: Date().timeIntervalSince(start), trainLoss: trainLoss,
                                metrics: metrics, valLoss: valLoss, learningRates: lrs)
            results.append(r)
            try csv.append(r)
            var checkpoint = try TrainingCheckpoint(model: model, ema: emaModel, epoch: epoch, bestFitness: max(best, r.fitness))
            checkpoint.names = Dictionary(uniqueKeysWithValues: dataset.names.enumerated().map { ($0.offset, $0.element) })
            checkpoint.trainMetrics = r.metrics + [("fitness", r.fitness)]
            try checkpoint.write(to: weights.appendingPathComponent("last.pt"))
            if r.fitness > best {
                best = r.fitness
                try checkpoint.write(to: weights.appendingPathComponent("best.pt"))
            }
        }
        log(String(format: "%d epochs completed in %.3f hours.", o.epochs, Date().timeIntervalSince(start) / 3600))
        return results
    }

    /// mAP of `model` (eval mode, BN folded) on the validation loader, and the mean validation loss items.
    func validate(_ model: DetectionModel, loader: DataLoader, names: [String], loss: Loss)
        -> ([(key: String, value: Double)], [Float])
    {
        model.eval()
        model.fuse()
        var evaluator = DetectionEvaluator(names: names)
        let post = Postprocess.validation(endToEnd: false)
        var sums = [Double](repeating: 0, count: loss.names.count)
        var batches = 0
        for batch in loader.epoch(0) {
            let x = Tensor(batch.images, shape: [batch.count, 3, batch.height, batch.width])
            let (items, preds) = noGrad { () -> ([Float], Tensor) in
                let out = model(x)
                return (loss(out, targets: batch.targets).items, model.detect.inference(out))
            }
            for (k, v) in items.enumerated() { sums[k] += Double(v) }
            batches += 1
            let per = preds.count / batch.count
            let all = preds.scalars
            for i in 0..<batch.count {
                let detections = post(prediction: Array(all[(i * per)..<((i + 1) * per)]), classCount: model.nc)
                var truth: [GroundTruth] = []
                for r in stride(from: 0, to: batch.targets.count, by: 6) where Int(batch.targets[r]) == i {
                    let t = batch.targets
                    let (cx, cy) = (t[r + 2] * Float(batch.width), t[r + 3] * Float(batch.height))
                    let (w, h) = (t[r + 4] * Float(batch.width), t[r + 5] * Float(batch.height))
                    truth.append(GroundTruth(box: Box(x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2),
                                             classIndex: Int(t[r + 1])))
                }
                let meta = batch.meta[i]
                evaluator.add(ValidationImage(
                    predictions: detections, groundTruth: truth, path: meta.file,
                    inputShape: ImageShape(height: batch.height, width: batch.width),
                    originalShape: ImageShape(height: meta.originalHeight, width: meta.originalWidth)))
            }
            loader.recycle(batch)
        }
        let metrics = evaluator.finish()
        for line in evaluator.printedTable(verbose: false, training: true) { log(line) }
        return (metrics, sums.map { Float($0 / Double(max(batches, 1))) })
    }
}

/// A training failure with what to do about it.
public struct TrainingError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
