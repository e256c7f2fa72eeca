import Foundation
import Tensors

/// `yolo learn`: the tutorial's "How a Model Learns" on the engine — worked example, training, learning-rate demo.
public struct LearnJob {
    /// Settings of the toy run (keys as on the command line).
    public struct Options: Sendable {
        public var epochs = 100
        public var lr0: Float = 0.001
        public var loss = RedCarClassifier.Loss.mse
        public var seed: UInt64 = 0
        public var images = 400
        public var valFraction: Float = 0.2
        public init() {}
    }

    /// What a run measured (for tests and the summary).
    public struct Result: Sendable {
        public var trainLoss: [Float] = []
        public var valAccuracy: [Float] = []
        public var finalValAccuracy: Float { valAccuracy.last ?? 0 }
        public var largeRateLoss: [Float] = []
        public var smallRateLoss: [Float] = []
        public var weight: Float = 0
        public var bias: Float = 0
    }

    public var options: Options
    public init(options: Options) { self.options = options }

    /// The worked example's numbers, computed by the engine: (z, p, err) for images A and B, then the MSE.
    public static func workedExample() -> (a: (z: Float, p: Float, err: Float), b: (z: Float, p: Float, err: Float), mse: Float) {
        let model = RedCarClassifier(weight: 0.06, bias: -14.0)
        let x = Tensor([247, 212], shape: [2, 1]), y = Tensor([1, 0], shape: [2, 1])
        let (z, p, err) = noGrad { () -> (Tensor, Tensor, Tensor) in
            let z = model.scores(x)
            let p = z.sigmoid()
            return (z, p, (y - p).pow(2))
        }
        let mse = noGrad { RedCarClassifier.loss(p, y, kind: .mse) }
        return ((z.data[0], p.data[0], err.data[0]), (z.data[1], p.data[1], err.data[1]), mse.item)
    }

    /// Runs everything, printing through `log`.
    public func run(log: (String) -> Void = { print($0) }) -> Result {
        var result = Result()
        let f2 = { (v: Float) in String(format: "%.2f", v) }
        let f3 = { (v: Float) in String(format: "%.3f", v) }
        let f4 = { (v: Float) in String(format: "%.4f", v) }

        log("How a model learns: p = σ(w · x_red + b), x_red = average red value (0–255) of the image")
        let ex = Self.workedExample()
        log("Worked example with a random guess w = 0.06, b = -14.0:")
        // The tutorial rounds p to two decimals before squaring; show that and the unrounded value.
        let pa = (ex.a.p * 100).rounded() / 100, pb = (ex.b.p * 100).rounded() / 100
        let ea = (1 - pa) * (1 - pa), eb = pb * pb
        let ra = (ea * 100).rounded() / 100, rb = (eb * 100).rounded() / 100
        log("  Image A (red car)       x_red = 247   z = 0.06·247 − 14.0 = \(f2(ex.a.z))   p = σ(z) ≈ \(f2(ex.a.p))   "
            + "err = (1 − \(f2(pa)))² ≈ \(f2(ea))   (unrounded p: \(f4(ex.a.err)))")
        log("  Image B (not a red car) x_red = 212   z = 0.06·212 − 14.0 = \(f2(ex.b.z))  p = σ(z) ≈ \(f2(ex.b.p))   "
            + "err = (0 − \(f2(pb)))² ≈ \(f2(eb))   (unrounded p: \(f4(ex.b.err)))")
        log("  MSE = (\(f2(ra)) + \(f2(rb))) / 2 = \(f3((ra + rb) / 2))   (unrounded: \(f4(ex.mse)))")
        log("")

        let data = RedCarImages(count: options.images, seed: options.seed)
        let nVal = max(1, Int((Float(options.images) * options.valFraction).rounded()))
        let trainRange = 0..<(options.images - nVal), valRange = (options.images - nVal)..<options.images
        let xTrain = data.averageRed(trainRange), yTrain = data.labels(trainRange)
        let xVal = data.averageRed(valRange), yVal = data.labels(valRange)
        log("Data: \(options.images) generated \(RedCarImages.side)×\(RedCarImages.side) car images (seed \(options.seed)), "
            + "\(trainRange.count) train / \(valRange.count) val, half of them red")
        log("Training: loss=\(options.loss.rawValue) lr0=\(String(format: "%g", options.lr0)) epochs=\(options.epochs), full-batch gradient descent, "
            + "gradients by autograd starting from the guess w = 0.06, b = -14.0")

        let model = RedCarClassifier(weight: 0.06, bias: -14.0)
        let every = max(1, options.epochs / 20)
        for epoch in 1...options.epochs {
            let loss = model.step(xTrain, yTrain, loss: options.loss, learningRate: options.lr0)
            let acc = model.accuracy(xVal, yVal)
            result.trainLoss.append(loss)
            result.valAccuracy.append(acc)
            if epoch == 1 || epoch % every == 0 || epoch == options.epochs {
                log(String(format: "  epoch %4d/%d  train loss %.4f  train acc %5.1f%%  val acc %5.1f%%", epoch, options.epochs,
                           loss, model.accuracy(xTrain, yTrain) * 100, acc * 100))
            }
        }
        (result.weight, result.bias) = model.rawParameters
        log("Learned w = \(String(format: "%.4f", result.weight)) per red level, b = \(f2(result.bias)) → decision at x_red ≈ "
            + "\(String(format: "%.0f", -result.bias / result.weight)); validation accuracy \(String(format: "%.1f", result.finalValAccuracy * 100))%")
        log("")

        // The learning-rate demonstration: same data and start, rates ×10 and ÷100.
        let steps = 40
        for (label, factor) in [("too large", Float(10)), ("too small", Float(0.01))] {
            let lr = options.lr0 * factor
            let m = RedCarClassifier(weight: 0.06, bias: -14.0)
            var losses: [Float] = []
            var weights: [Float] = [m.weight.item]
            for _ in 0..<steps {
                losses.append(m.step(xTrain, yTrain, loss: options.loss, learningRate: lr))
                weights.append(m.weight.item)
            }
            losses.append(RedCarClassifier.loss(noGrad { m(xTrain) }, yTrain, kind: options.loss).item)
            let shown = [0, 1, 2, 3, 4, 5, steps / 2, steps].map { "\(f4(losses[$0]))" }.joined(separator: ", ")
            let ups = zip(losses, losses.dropFirst()).filter { $1 > $0 }.count
            let verdict: String
            if factor > 1 {
                // Oscillation: the weight's step changes direction; divergence: the loss ends above where it started.
                let deltas = zip(weights, weights.dropFirst()).map { $1 - $0 }
                let reversals = zip(deltas, deltas.dropFirst()).filter { $0 * $1 < 0 }.count
                let path = weights.prefix(7).map { String(format: "%.3f", $0) }.joined(separator: " → ")
                let diverged = !(losses.last!.isFinite) || losses.last! >= losses[0]
                verdict = (ups > 0 || reversals > 0)
                    ? "\(diverged ? "diverges" : "oscillates"): w jumps \(path) …; the loss went up in \(ups) of \(steps) steps "
                        + "and the step reversed direction \(reversals) times; it ends at \(f4(losses.last!)) "
                        + "(val acc \(String(format: "%.1f", m.accuracy(xVal, yVal) * 100))%)"
                    : "no overshoot at this rate (w: \(path))"
                result.largeRateLoss = losses
            } else {
                verdict = "crawls: after \(steps) steps the loss only fell from \(f4(losses[0])) to \(f4(losses.last!)) "
                    + "(the default rate reaches \(f4(result.trainLoss[min(steps, result.trainLoss.count) - 1])))"
                result.smallRateLoss = losses
            }
            log("Learning rate \(label): lr = \(String(format: "%g", lr)) — loss at steps 0–5, \(steps / 2), \(steps): \(shown)")
            log("  → \(verdict)")
        }
        return result
    }
}
