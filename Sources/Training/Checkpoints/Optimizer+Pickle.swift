import NN
import Tensors
import TorchFormat

/// `optimizer.state_dict()` as a pickle value and back: `{'state': {index: {key: tensor}}, 'param_groups': [...]}`.
extension Optimizer {
    /// The optimizer's state dict as PyTorch writes it (tensors float32).
    public func pickleStateDict() -> PickleValue {
        let state = torchState().map { entry in
            PickleDictItem(.int(Int64(entry.index)),
                           .dict(entry.state.map { PickleDictItem(.string($0.key), .tensor(TorchTensor(floats: $0.tensor.scalars, shape: $0.tensor.shape))) }))
        }
        let groups = torchParamGroups().map { group in
            PickleValue.dict(group.map { PickleDictItem(.string($0.key), Self.pickle($0.value)) })
        }
        return .dict([PickleDictItem(.string("state"), .dict(state)), PickleDictItem(.string("param_groups"), .list(groups))])
    }

    /// Restores a state dict written by `pickleStateDict()` for the same parameter groups (resume).
    public func load(pickleStateDict value: PickleValue, file: String) throws {
        guard case .list(let savedGroups)? = value["param_groups"], case .dict(let stateItems)? = value["state"] else {
            throw CheckpointError(file: file, problem: "its 'optimizer' entry has no 'state'/'param_groups' (not resumable)")
        }
        guard savedGroups.count == groups.count else {
            throw CheckpointError(file: file, problem: "its optimizer has \(savedGroups.count) parameter groups, this run \(groups.count); resume with the same optimizer= setting")
        }
        let parameters = orderedParameters
        var saved: [(index: Int, state: [String: Tensor])] = []
        for item in stateItems {
            guard let index = item.key.intValue, index < parameters.count, case .dict(let entries) = item.value else {
                throw CheckpointError(file: file, problem: "optimizer state entry \(item.key) does not fit the model's \(parameters.count) parameters")
            }
            var tensors: [String: Tensor] = [:]
            for e in entries {
                guard case .string(let key) = e.key, case .tensor(let t) = e.value else { continue }
                tensors[key] = Tensor(t.floats(), shape: t.shape)
            }
            saved.append((index, tensors))
        }
        state.load(saved, parameters: parameters)
        loadTorchParamGroups(savedGroups.map { group in
            (group.dictItems ?? []).compactMap { item -> (key: String, value: OptimizerValue)? in
                guard case .string(let key) = item.key else { return nil }
                return (key, Self.optimizerValue(item.value))
            }
        })
    }

    static func pickle(_ v: OptimizerValue) -> PickleValue {
        switch v {
        case .double(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .pair(let a, let b): return .tuple([.float(a), .float(b)])
        case .ints(let i): return .list(i.map { .int(Int64($0)) })
        case .none: return .none
        }
    }

    static func optimizerValue(_ p: PickleValue) -> OptimizerValue {
        switch p {
        case .float(let d): return .double(d)
        case .int(let i): return .double(Double(i))
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .tuple(let items) where items.count == 2:
            if case .float(let a) = items[0], case .float(let b) = items[1] { return .pair(a, b) }
            return .none
        case .list(let items): return .ints(items.compactMap(\.intValue))
        default: return .none
        }
    }
}
