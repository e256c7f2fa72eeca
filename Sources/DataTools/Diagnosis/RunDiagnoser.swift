import Foundation

/// Places a run on the tutorial's spectrum from its history, arguments, per-class metrics, dataset stats and leakage
/// check. Each rule reads trends through a 3-epoch moving average and cites the epochs and numbers it used.
public struct RunDiagnoser: Sendable {
    public var history: RunHistory
    public var args: RunArgs
    public var perClass: PerClassMetrics?
    public var stats: DatasetStats?
    public var leakage: LeakageReport?

    /// Val loss this much above its minimum (relative) with train loss still falling counts as overfitting.
    public var valLossRise = 0.05
    /// Best mAP50 below this is "low".
    public var lowMAP50 = 0.3
    /// Final mAP50 and mAP50-95 at or above these are "suspiciously perfect".
    public var perfectMAP50 = 0.98, perfectMAP50to95 = 0.9
    /// Train imbalance ratio (most / fewest instances) from which a class imbalance is reported.
    public var imbalanceRatio = 10.0

    public init(history: RunHistory, args: RunArgs = RunArgs(), perClass: PerClassMetrics? = nil,
                stats: DatasetStats? = nil, leakage: LeakageReport? = nil) {
        self.history = history
        self.args = args
        self.perClass = perClass
        self.stats = stats
        self.leakage = leakage
    }

    /// Every finding that holds; `healthy` only when no problem was found.
    public func diagnose() -> [Finding] {
        let findings = [overfitting(), underfitting(), classImbalance(), leakageFinding()].compactMap { $0 }
        return findings.isEmpty ? [healthy()] : findings
    }

    // MARK: Rules

    func overfitting() -> Finding? {
        guard let val = history.valLoss, let train = history.trainLoss, history.count >= 5 else { return nil }
        let v = val.smoothed(), t = train.smoothed(), epochs = history.epochs
        let smoothedBest = v.indices.min { v[$0] < v[$1] }!
        let near = max(0, smoothedBest - 1)...min(v.count - 1, smoothedBest + 1)
        let best = near.min { val[$0] < val[$1] }!
        let last = v.count - 1
        guard best <= last - 2, v[last] >= v[best] * (1 + valLossRise), t[last] < t[best] * 0.97 else { return nil }
        var evidence = [
            String(format: "val loss lowest at epoch %d (%.3f), then rose to %.3f by epoch %d (+%.0f%%)", epochs[best], val[best],
                   val[last], epochs[last], 100 * (v[last] / v[best] - 1)),
            String(format: "train loss kept falling over the same epochs: %.3f → %.3f (%.0f%%)", train[best], train[last],
                   100 * (t[last] / t[best] - 1)),
            String(format: "val − train loss gap grew from %.3f to %.3f", v[best] - t[best], v[last] - t[last]),
        ]
        if let map = history.mAP50to95, let peak = map.indices.max(by: { map[$0] < map[$1] }), peak < last,
           map[last] < map[peak] * 0.95 {
            evidence.append(String(format: "val mAP50-95 peaked at %.3f (epoch %d) and ended at %.3f", map[peak], epochs[peak], map[last]))
        }
        let wd = args.number("weight_decay", default: 0.0005)
        var actions = ["add augmentation: \(augmentationAdvice())",
                       "increase weight_decay: raise `weight_decay` from \(RunArgs.format(wd)) to \(RunArgs.format(wd * 10))",
                       "stop at the best epoch: set `patience=\(max(5, last - best))` (val loss stopped improving after epoch \(epochs[best])) and use best.pt"]
        if (args["model"] ?? "").range(of: #"yolo\w*[smlx](\.yaml|\.pt)"#, options: .regularExpression) != nil {
            actions.append("or use a smaller scale (n) for this little data")
        }
        actions.append("collect more training images")
        return Finding(.overfitting, evidence: evidence, actions: actions)
    }

    func underfitting() -> Finding? {
        guard let map50 = history.mAP50, let train = history.trainLoss, history.count >= 2 else { return nil }
        let best = map50.max()!
        guard best < lowMAP50 else { return nil }
        let t = train.smoothed(), start = min(1, t.count - 1), last = t.count - 1
        let drop = t[start] > 0 ? 1 - t[last] / t[start] : 0
        let half = map50.count / 2
        let gain = (map50[half...].max() ?? 0) - (map50[..<max(half, 1)].max() ?? 0)
        guard drop < 0.2 || (gain < 0.02 && overfitting() == nil) else { return nil }
        let epochs = history.epochs
        var evidence = [String(format: "mAP50 never passed %.3f in %d epochs (final %.3f, mAP50-95 %.3f)", best, history.count,
                               map50[last], history.mAP50to95?[last] ?? 0)]
        let trainMove = drop < 0.2 ? "train loss barely moved" : "train loss fell, yet mAP stayed flat"
        evidence.append(String(format: "%@: %.3f at epoch %d → %.3f at epoch %d (%.0f%%)", trainMove, train[start],
                               epochs[start], train[last], epochs[last], -100 * drop))
        if let val = history.valLoss {
            let trend = val[last] > val[start] * 1.02 ? "val loss rose" : val[last] < val[start] * 0.98 ? "val loss fell" : "val loss stayed flat"
            evidence.append(String(format: "%@: %.3f → %.3f", trend, val[start], val[last]))
        }
        let model = args["model"] ?? "yolo26n.yaml"
        let lr0 = args.number("lr0", default: 0.01), wd = args.number("weight_decay", default: 0.0005)
        let n = Int(args.number("epochs", default: Double(history.count)))
        var actions = ["bigger model: use a bigger scale: \(biggerScale(of: model)) (now \(model))",
                       "train longer: `epochs=\(max(n * 2, 100))`",
                       "raise `lr0` from \(RunArgs.format(lr0)) to \(RunArgs.format(lr0 * 2))",
                       "lower `weight_decay` from \(RunArgs.format(wd)) to \(RunArgs.format(wd / 10))"]
        if (args["optimizer"] ?? "auto") == "auto", n <= 10 { actions.append("set `optimizer=SGD` or `optimizer=AdamW` explicitly: auto picks for short runs") }
        return Finding(.underfitting, evidence: evidence, actions: actions)
    }

    func classImbalance() -> Finding? {
        var evidence: [String] = []
        if let stats, let ratio = stats.imbalanceRatio, ratio >= imbalanceRatio, let r = stats.reference {
            let present = r.instances.indices.filter { r.instances[$0] > 0 }
            let most = present.max { r.instances[$0] < r.instances[$1] }!, fewest = present.min { r.instances[$0] < r.instances[$1] }!
            evidence.append(String(format: "%@ instances: %@ %d vs %@ %d (ratio %.0f:1)", r.split.rawValue, stats.name(most),
                                   r.instances[most], stats.name(fewest), r.instances[fewest], ratio))
            if let dominant = stats.dominantClass, dominant.share >= 0.5 {
                evidence.append(String(format: "%@ holds %.0f%% of all %@ instances", stats.name(dominant.id), 100 * dominant.share, r.split.rawValue))
            }
        }
        if let rows = perClass?.rows, rows.count >= 2 {
            let sorted = rows.sorted { $0.instances < $1.instances }
            let rareCount = max(1, rows.count / 4)
            let rare = sorted.prefix(rareCount), rest = sorted.dropFirst(rareCount)
            let rareAP = rare.map(\.mAP50to95).reduce(0, +) / Double(rare.count)
            let restAP = rest.map(\.mAP50to95).reduce(0, +) / Double(max(rest.count, 1))
            if restAP > 0, rareAP < 0.5 * restAP {
                evidence.append(String(format: "rare-class mAP50-95 %.3f (%@) vs %.3f for the other classes", rareAP,
                                       rare.map { "\($0.name) \($0.instances) inst." }.joined(separator: ", "), restAP))
            }
        }
        guard !evidence.isEmpty else { return nil }
        var actions: [String] = []
        if (args["sampler"] ?? "uniform") != "balanced" {
            actions.append("oversample the minority classes: `sampler=balanced` (repeat-factor sampling)")
        }
        if let stats, !stats.rareClasses.isEmpty {
            actions.append("collect and label more images of: " + stats.rareClasses.prefix(8).map(stats.name).joined(separator: ", "))
        }
        actions.append("check per-class AP in `yolo val` (verbose) after retraining")
        return Finding(.classImbalance, evidence: evidence, actions: actions)
    }

    func leakageFinding() -> Finding? {
        var evidence: [String] = []
        if let leakage, leakage.hasLeakage {
            let exact = leakage.pairs.filter { $0.kind != .near }.count
            evidence.append("\(leakage.pairs.count) images appear in more than one split (\(exact) exact, \(leakage.pairs.count - exact) near copies)")
            evidence += leakage.pairs.prefix(5).map { "\($0)" }
        }
        if let map50 = history.mAP50, let map = history.mAP50to95, let last = map50.indices.last,
           map50[last] >= perfectMAP50, map[last] >= perfectMAP50to95 {
            evidence.append(String(format: "val metrics suspiciously perfect: mAP50 %.3f, mAP50-95 %.3f at epoch %d", map50[last],
                                   map[last], history.epochs[last]))
        }
        guard !evidence.isEmpty else { return nil }
        let data = args["data"] ?? "data.yaml"
        return Finding(.leakage, evidence: evidence, actions: [
            "list the copies: `yolo data check data=\(data)` and delete them from train (de-duplicate)",
            "re-split with `yolo data split path=<images folder> weights=0.8,0.2` so each picture is in one split",
            "retrain after the fix: the current val metrics do not measure generalisation",
        ])
    }

    func healthy() -> Finding {
        var evidence: [String] = []
        var actions: [String] = []
        let epochs = history.epochs, last = history.count - 1
        if let train = history.trainLoss, last > 0 {
            evidence.append(String(format: "train loss %.3f → %.3f over %d epochs", train[0], train[last], history.count))
        }
        if let val = history.valLoss, last > 0 {
            evidence.append(String(format: "val loss %.3f → %.3f, lowest %.3f", val[0], val[last], val.min()!))
        }
        if let map = history.mAP50to95, let map50 = history.mAP50 {
            let best = map.indices.max { map[$0] < map[$1] }!
            evidence.append(String(format: "mAP50 %.3f, mAP50-95 %.3f at epoch %d (best mAP50-95 %.3f at epoch %d)", map50[last],
                                   map[last], epochs[last], map[best], epochs[best]))
            let recent = max(0, last - max(2, history.count / 5))
            if map[last] - map[recent] > 0.01 {
                let n = Int(args.number("epochs", default: Double(history.count)))
                actions.append(String(format: "mAP50-95 still climbing (+%.3f over the last %d epochs): continue training, e.g. `epochs=%d`",
                                      map[last] - map[recent], last - recent, n * 2))
            }
        }
        actions.append("deploy best.pt, or keep training while val mAP improves")
        return Finding(.healthy, evidence: evidence, actions: actions)
    }

    // MARK: Advice helpers

    func augmentationAdvice() -> String {
        var off: [String] = []
        if args.number("mosaic", default: 1) == 0 { off.append("`mosaic=1.0`") }
        if args.number("fliplr", default: 0.5) == 0 { off.append("`fliplr=0.5`") }
        if args.number("hsv_v", default: 0.4) == 0 { off.append("`hsv_v=0.4`") }
        if args.number("scale", default: 0.5) == 0 { off.append("`scale=0.5`") }
        return off.isEmpty ? "raise `mixup=0.1` and `degrees=10`, or add custom `augmentations`" : "turn augmentation back on: " + off.joined(separator: " ")
    }

    func biggerScale(of model: String) -> String {
        let scales = ["n", "s", "m", "l", "x"]
        if let range = model.range(of: #"(?<=\d)[nsmlx](?=[.-]|$)"#, options: .regularExpression),
           let k = scales.firstIndex(of: String(model[range])), k + 1 < scales.count {
            var bigger = model
            bigger.replaceSubrange(range, with: scales[k + 1])
            return bigger.hasSuffix(".pt") ? bigger : bigger
        }
        return "yolo26s.yaml"
    }
}
