import Tensors

/// Normalisation layers whose weights go to the no-decay `bn` group (the reference's `"Norm" in class name` rule).
public protocol NormalizationLayer: Module {}

extension BatchNorm2d: NormalizationLayer {}

/// One optimizer parameter group with the reference's hyperparameter keys (`lr`, `initial_lr`, `momentum`, `betas`,
/// `weight_decay`, `nesterov`, `use_muon`, `param_group`).
public struct ParameterGroup {
    /// The reference's `param_group` tag.
    public enum Kind: String, Sendable, CaseIterable {
        /// g0: weights with decay (conv and linear weights).
        case weight
        /// g1: normalisation-layer weights, no decay.
        case bn
        /// g2: biases, no decay; their warmup starts at `warmup_bias_lr`.
        case bias
        /// g3 (MuSGD only): 2-D and 4-D weights, orthogonalised updates plus SGD, with decay.
        case muon
    }

    public var kind: Kind
    /// Full state-dict names of `parameters` (same order).
    public var names: [String]
    public var parameters: [Tensor]
    /// The current learning rate (set by the schedule each iteration or epoch).
    public var lr: Double
    /// The learning rate the schedule scales (`initial_lr`: lr0, or 3·lr0 for MuSGD's boosted class-head groups).
    public var initialLR: Double
    /// SGD/MuSGD momentum; nil for the Adam family, whose β1 stays in `betas` (warmup leaves it alone, as the
    /// reference only warms groups that have a `momentum` key).
    public var momentum: Double?
    /// Adam's (β1, β2).
    public var betas: (Double, Double)
    public var weightDecay: Double
    public var nesterov: Bool
    public var useMuon: Bool

    public init(kind: Kind, names: [String], parameters: [Tensor], lr: Double, momentum: Double?,
                betas: (Double, Double) = (0.9, 0.999), weightDecay: Double, nesterov: Bool = false,
                useMuon: Bool = false) {
        precondition(names.count == parameters.count, "\(names.count) names for \(parameters.count) parameters")
        (self.kind, self.names, self.parameters) = (kind, names, parameters)
        (self.lr, self.initialLR, self.momentum, self.betas) = (lr, lr, momentum, betas)
        (self.weightDecay, self.nesterov, self.useMuon) = (weightDecay, nesterov, useMuon)
    }

    /// Parameters that take part in a step: trainable and holding a gradient (torch skips `grad is None`).
    public var steppable: [Tensor] { parameters.filter { $0.requiresGrad && $0.grad != nil } }
}

/// A module's parameters split as `BaseTrainer.build_optimizer` splits them.
public struct GroupedParameters {
    public var weight: [(name: String, tensor: Tensor)] = []
    public var bn: [(name: String, tensor: Tensor)] = []
    public var bias: [(name: String, tensor: Tensor)] = []
    public var muon: [(name: String, tensor: Tensor)] = []

    /// Groups every parameter of `module` (frozen ones included, as the reference does; the optimizers skip them
    /// because they never get a gradient). Per module in `named_modules` order, per own parameter:
    /// 2-D/4-D → `muon` when `useMuon`; else a name containing `bias` → `bias`; else a normalisation layer's (or a
    /// `logit_scale`) → `bn`; else `weight`.
    public init(module: Module, useMuon: Bool = false) {
        visit(module, prefix: "", useMuon: useMuon)
    }

    private mutating func visit(_ module: Module, prefix: String, useMuon: Bool) {
        let isNorm = module is NormalizationLayer
        for (name, tensor) in module.ownParameters {
            let full = prefix + name
            if useMuon && (tensor.rank == 2 || tensor.rank == 4) {
                muon.append((full, tensor))
            } else if full.contains("bias") {
                bias.append((full, tensor))
            } else if isNorm || full.contains("logit_scale") {
                bn.append((full, tensor))
            } else {
                weight.append((full, tensor))
            }
        }
        for (name, child) in module.children { visit(child, prefix: prefix + name + ".", useMuon: useMuon) }
    }

    /// The reference's MuSGD boost rule: parameters of the last layer's class branches (`model.N.cv3.`,
    /// `model.N.one2one_cv3.`, N the highest layer index) and semantic-segmentation heads get 3·lr.
    public static func classHeadRule(for names: [String]) -> (String) -> Bool {
        let last = names.compactMap { name -> Int? in
            let parts = name.split(separator: ".")
            return parts.count > 1 && parts[0] == "model" ? Int(parts[1]) : nil
        }.max()
        let head = last.map { "model.\($0)." }
        return { name in
            if let head, name.hasPrefix(head + "cv3.") || name.hasPrefix(head + "one2one_cv3.") { return true }
            return name.contains("proto.semseg") || name.contains("SemanticSegment")
        }
    }
}
