import Foundation
import Tensors

/// The optimizer, learning rate and momentum `BaseTrainer.build_optimizer` settles on, and the batch arithmetic of
/// `_build_train_pipeline` (accumulate, scaled weight decay, the iteration count that decides `optimizer=auto`).
public struct OptimizerChoice: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case SGD, Adam, AdamW, MuSGD }

    public var kind: Kind
    public var lr: Double
    public var momentum: Double
    /// True for `optimizer=auto`, which also sets `warmup_bias_lr = 0`.
    public var isAuto: Bool

    public struct UnknownOptimizer: Error, CustomStringConvertible {
        public let name: String
        public var description: String {
            "Optimizer '\(name)' not found in list of available optimizers {SGD, Adam, AdamW, MuSGD, auto} "
                + "(Adamax, NAdam, RAdam and RMSprop are not implemented)"
        }
    }

    /// Resolves `name` (case-insensitive). `auto`: MuSGD (lr 0.01, momentum 0.9) above 10 000 iterations, else
    /// AdamW with lr `round(0.002·5/(4 + nc), 6)` and momentum 0.9.
    public init(name: String, lr0: Double, momentum: Double, nc: Int, iterations: Int) throws {
        let lowered = name.lowercased()
        if lowered == "auto" {
            isAuto = true
            if iterations > 10000 {
                (kind, lr, self.momentum) = (.MuSGD, 0.01, 0.9)
            } else {
                (kind, lr, self.momentum) = (.AdamW, OptimizerChoice.roundedDecimal(0.002 * 5 / Double(4 + nc), 6), 0.9)
            }
            return
        }
        guard let k = Kind.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else {
            throw UnknownOptimizer(name: name)
        }
        (kind, lr, self.momentum, isAuto) = (k, lr0, momentum, false)
    }

    /// Python's `round(x, digits)` (correctly rounded from the exact binary value, ties to even).
    public static func roundedDecimal(_ x: Double, _ digits: Int) -> Double {
        Double(String(format: "%.\(digits)f", x)) ?? x
    }

    /// `max(round(nbs / batch), 1)` (half to even).
    public static func accumulate(nbs: Int, batch: Int) -> Int {
        max(Int((Double(nbs) / Double(batch)).rounded(.toNearestOrEven)), 1)
    }

    /// `weight_decay · batch · accumulate / nbs`, evaluated left to right as the reference does.
    public static func scaledWeightDecay(_ weightDecay: Double, batch: Int, accumulate: Int, nbs: Int) -> Double {
        weightDecay * Double(batch) * Double(accumulate) / Double(nbs)
    }

    /// `ceil(dataset / max(batch, nbs)) · epochs`, the count `optimizer=auto` compares with 10 000.
    public static func iterations(datasetSize: Int, batch: Int, nbs: Int, epochs: Int) -> Int {
        Int((Double(datasetSize) / Double(max(batch, nbs))).rounded(.up)) * epochs
    }

    /// The optimizer over `module`'s parameters with the reference's groups: [weight (decay), bn, bias] — and for
    /// MuSGD [muon] too, each split into class-head parameters at 3·lr (`isBoosted`) and the rest.
    public func makeOptimizer(for module: Module, weightDecay: Double,
                              isBoosted: ((String) -> Bool)? = nil) -> any Optimizer {
        let useMuon = kind == .MuSGD
        let grouped = GroupedParameters(module: module, useMuon: useMuon)
        let isSGD = kind == .SGD || kind == .MuSGD
        func group(_ k: ParameterGroup.Kind, _ entries: [(name: String, tensor: Tensor)], lr: Double) -> ParameterGroup {
            ParameterGroup(kind: k, names: entries.map(\.name), parameters: entries.map(\.tensor), lr: lr,
                           momentum: isSGD ? momentum : nil, betas: (momentum, 0.999),
                           weightDecay: k == .weight || k == .muon ? weightDecay : 0, nesterov: isSGD,
                           useMuon: k == .muon)
        }
        var groups = [group(.weight, grouped.weight, lr: lr), group(.bn, grouped.bn, lr: lr),
                      group(.bias, grouped.bias, lr: lr)]
        if useMuon {
            let boosted = isBoosted ?? GroupedParameters.classHeadRule(for: module.namedParameters().map(\.name))
            let all = [(ParameterGroup.Kind.weight, grouped.weight), (.bn, grouped.bn), (.bias, grouped.bias),
                       (.muon, grouped.muon)]
            groups = all.flatMap { k, entries in
                [group(k, entries.filter { boosted($0.name) }, lr: lr * 3), group(k, entries.filter { !boosted($0.name) }, lr: lr)]
            }
        }
        switch kind {
        case .SGD: return SGD(groups: groups)
        case .Adam: return Adam(groups: groups, decoupledWeightDecay: false)
        case .AdamW: return Adam(groups: groups, decoupledWeightDecay: true)
        case .MuSGD: return MuSGD(groups: groups)
        }
    }
}
