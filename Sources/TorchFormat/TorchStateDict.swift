import Foundation

/// Named tensors in PyTorch `state_dict()` order, e.g. `model.0.conv.weight` … `model.23.one2one_cv3.2.2.bias`.
public struct TorchStateDict: Equatable, Sendable, Sequence {
    /// One named tensor.
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var tensor: TorchTensor
    }

    /// The entries in order.
    public private(set) var entries: [Entry] = []
    private var positions: [String: Int] = [:]

    /// An empty state dict.
    public init() {}

    /// A state dict of `entries`, in order; a repeated name keeps its first position and last tensor.
    public init<S: Sequence>(_ entries: S) where S.Element == (String, TorchTensor) {
        for (name, tensor) in entries { self[name] = tensor }
    }

    /// Number of tensors.
    public var count: Int { entries.count }

    /// The names in order.
    public var names: [String] { entries.map(\.name) }

    /// The tensor called `name`; setting a new name appends it.
    public subscript(name: String) -> TorchTensor? {
        get { positions[name].map { entries[$0].tensor } }
        set {
            if let position = positions[name] {
                if let newValue { entries[position].tensor = newValue } else { remove(at: position) }
            } else if let newValue {
                positions[name] = entries.count
                entries.append(Entry(name: name, tensor: newValue))
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    /// The state dict as a pickle dict (string keys → tensors), ready for `TorchCheckpointWriter`.
    public var pickleValue: PickleValue {
        .dict(entries.map { PickleDictItem(.string($0.name), .tensor($0.tensor)) })
    }

    private mutating func remove(at position: Int) {
        entries.remove(at: position)
        positions = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
    }
}

extension TorchStateDict {
    /// The state dict of `value`: a pickled `nn.Module` (rebuilt as `Module.state_dict()` does) or a plain dict of
    /// name → tensor (entries that are not tensors, such as `_metadata`, are skipped).
    public init(of value: PickleValue) throws {
        self.init()
        switch value {
        case .object(let module) where module[attribute: "_modules"] != nil || module[attribute: "_parameters"] != nil:
            try collect(module, prefix: "", depth: 0)
        case .dict(let items):
            for item in items {
                guard case .string(let name) = item.key, case .tensor(let tensor) = item.value else { continue }
                self[name] = tensor
            }
        default:
            throw TorchFormatError(.unexpectedContent(
                "expected an nn.Module or a dict of tensors for a state dict, found \(value.kindDescription)"))
        }
    }

    /// Adds `module`'s parameters, then its persistent buffers, then its children's, depth first.
    private mutating func collect(_ module: PickleObject, prefix: String, depth: Int) throws {
        guard depth < 100 else {
            throw TorchFormatError(.unexpectedContent("modules nested more than 100 deep at '\(prefix)'"))
        }
        for (name, tensor) in try Self.tensors(module, "_parameters") { self[prefix + name] = tensor }
        let transient = Set((module[attribute: "_non_persistent_buffers_set"]?.elements ?? []).compactMap(\.stringValue))
        for (name, tensor) in try Self.tensors(module, "_buffers") where !transient.contains(name) {
            self[prefix + name] = tensor
        }
        for item in module[attribute: "_modules"]?.dictItems ?? [] {
            guard case .string(let name) = item.key else { continue }
            switch item.value {
            case .none: continue
            case .object(let child): try collect(child, prefix: prefix + name + ".", depth: depth + 1)
            default:
                throw TorchFormatError(.unexpectedContent(
                    "submodule '\(prefix + name)' of \(module.className) is a \(item.value.kindDescription)"))
            }
        }
    }

    /// The non-None tensors of `module.<attribute>` (a dict), in order.
    private static func tensors(_ module: PickleObject, _ attribute: String) throws -> [(String, TorchTensor)] {
        guard let value = module[attribute: attribute], !value.isNone else { return [] }
        guard let items = value.dictItems else {
            throw TorchFormatError(.unexpectedContent("\(module.className).\(attribute) is a \(value.kindDescription)"))
        }
        return try items.compactMap { item in
            guard case .string(let name) = item.key else { return nil }
            switch item.value {
            case .none: return nil
            case .tensor(let tensor): return (name, tensor)
            default:
                throw TorchFormatError(.unexpectedContent(
                    "\(module.className).\(attribute)['\(name)'] is a \(item.value.kindDescription), not a tensor"))
            }
        }
    }
}

extension TorchCheckpoint {
    /// The weights of the checkpoint: `ema` if present, else `model` (module or plain state dict), else the whole file
    /// when it is itself a state dict (`torch.save(model.state_dict(), path)`).
    public func stateDict() throws -> TorchStateDict {
        for key in ["ema", "model"] {
            if let value = self[key], !value.isNone { return try stateDict(key) }
        }
        do {
            let weights = try TorchStateDict(of: root)
            if weights.count > 0 { return weights }
        } catch let error as TorchFormatError {
            throw error.naming(name)
        }
        throw TorchFormatError(.unexpectedContent(
            "no weights: neither 'ema' nor 'model' holds a module, and the file is not a state dict "
                + "(top-level keys: \(keys.prefix(12).joined(separator: ", ")))"), file: name)
    }

    /// The state dict stored under top-level `key` (a pickled module or a plain dict of tensors).
    public func stateDict(_ key: String) throws -> TorchStateDict {
        guard let value = self[key], !value.isNone else {
            throw TorchFormatError(.unexpectedContent("checkpoint has no '\(key)' entry (keys: "
                + "\(keys.prefix(12).joined(separator: ", ")))"), file: name)
        }
        do {
            return try TorchStateDict(of: value)
        } catch let error as TorchFormatError {
            throw error.naming(name)
        }
    }
}
