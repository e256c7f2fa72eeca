import Tensors

/// A value in `optimizer.state_dict()["param_groups"]`.
public enum OptimizerValue: Equatable, Sendable {
    case double(Double), bool(Bool), string(String), pair(Double, Double), ints([Int]), none
}

extension Optimizer {
    /// `optimizer.state_dict()["param_groups"]`: per group the keys PyTorch and Ultralytics store, in their order
    /// (the keys `build_optimizer` passes, then the optimizer's defaults, then `initial_lr` from the scheduler), with
    /// `params` as indices into `orderedParameters`.
    public func torchParamGroups() -> [[(key: String, value: OptimizerValue)]] {
        var next = 0
        return groups.map { g in
            let indices = Array(next..<next + g.parameters.count)
            next += g.parameters.count
            let values: [String: OptimizerValue] = [
                "lr": .double(g.lr), "momentum": .double(g.momentum ?? 0), "nesterov": .bool(g.nesterov),
                "weight_decay": .double(g.weightDecay), "param_group": .string(g.kind.rawValue),
                "use_muon": .bool(g.useMuon), "betas": .pair(g.betas.0, g.betas.1), "dampening": .double(0),
                "eps": .double(1e-8), "decoupled_weight_decay": .bool(name == "AdamW"), "foreach": .none, "fused": .none,
            ]
            let decay = g.kind == .bias ? [] : ["weight_decay"]
            let given: [String], defaults: [String]
            switch name {
            case "SGD":
                given = ["lr", "momentum", "nesterov"] + decay + ["param_group"]
                defaults = ["lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach",
                            "differentiable", "fused"]
            case "MuSGD":
                given = ["lr", "momentum", "nesterov"] + decay + (g.useMuon ? ["use_muon"] : []) + ["param_group"]
                defaults = ["lr", "momentum", "weight_decay", "nesterov", "use_muon"]
            default:  // Adam, AdamW
                given = ["lr", "betas", "weight_decay", "param_group"]
                defaults = ["lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "foreach", "capturable",
                            "differentiable", "fused", "decoupled_weight_decay"]
            }
            let keys = given + defaults.filter { !given.contains($0) }
            return keys.map { ($0, values[$0] ?? .bool(false)) }
                + [("initial_lr", .double(g.initialLR)), ("params", .ints(indices))]
        }
    }

    /// `optimizer.state_dict()["state"]`: parameter index → state tensors in PyTorch's key order (parameters that
    /// never stepped have no entry).
    public func torchState() -> [(index: Int, state: [(key: String, tensor: Tensor)])] {
        let order = ["step", "exp_avg", "exp_avg_sq", "momentum_buffer", "momentum_buffer_SGD"]
        return state.indexed(orderedParameters).map { entry in
            let keys = entry.state.keys.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
            return (entry.index, keys.map { ($0, entry.state[$0]!) })
        }
    }

    /// Restores hyperparameters saved by `torchParamGroups()` (resume): `lr`, `initial_lr`, `momentum`, `betas` and
    /// `weight_decay` of each group, matched by position. Groups or keys that are absent are left as they are.
    public func loadTorchParamGroups(_ saved: [[(key: String, value: OptimizerValue)]]) {
        precondition(saved.count == groups.count, "optimizer has \(groups.count) groups, saved state \(saved.count)")
        for (i, entries) in saved.enumerated() {
            for (key, value) in entries {
                switch (key, value) {
                case ("lr", .double(let v)): groups[i].lr = v
                case ("initial_lr", .double(let v)): groups[i].initialLR = v
                case ("momentum", .double(let v)) where groups[i].momentum != nil: groups[i].momentum = v
                case ("betas", .pair(let a, let b)): groups[i].betas = (a, b)
                case ("weight_decay", .double(let v)): groups[i].weightDecay = v
                default: continue
                }
            }
        }
    }
}
