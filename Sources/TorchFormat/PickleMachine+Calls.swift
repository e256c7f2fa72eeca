import Foundation

extension PickleMachine {
    /// The result of calling `callable` (a class or function global) with `arguments` (`REDUCE`, `NEWOBJ`, ...).
    ///
    /// Containers and torch's tensor-rebuilding functions are interpreted; any other call becomes an object record.
    mutating func call(_ callable: PickleSlot, arguments: [PickleSlot]) throws -> PickleSlot {
        guard case .global(let module, let name)? = callable.leaf else {
            throw invalid("call of a \(callable.leaf?.kindDescription ?? "container"), not of a class or function")
        }
        switch (Self.normalizedModule(module), name) {
        case ("collections", "OrderedDict"), ("builtins", "dict"):
            let dict = makeNode(.dict)
            if let pairs = arguments.first { try addPairs(pairs, to: dict) }
            return .node(dict)
        case ("builtins", "set"), ("builtins", "frozenset"):
            let set = makeNode(.set)
            if let elements = arguments.first { set.items = try sequenceElements(elements, "set(...) argument") }
            return .node(set)
        case ("builtins", "list"):
            let list = makeNode(.list)
            if let elements = arguments.first { list.items = try sequenceElements(elements, "list(...) argument") }
            return .node(list)
        case ("builtins", "tuple"), ("torch", "Size"):
            guard let elements = arguments.first else { return makeTuple([]) }
            return makeTuple(try sequenceElements(elements, "\(name)(...) argument"))
        case ("_codecs", "encode"):
            // Protocol 2 pickles `bytes` as `_codecs.encode(text, 'latin1')`.
            guard case .string(let text)? = arguments.first?.leaf else { throw invalid("_codecs.encode without text") }
            return .leaf(.bytes(Data(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })))
        case ("builtins", "bytearray"), ("builtins", "bytes"):
            if case .bytes(let data)? = arguments.first?.leaf { return .leaf(.bytes(data)) }
            if arguments.isEmpty { return .leaf(.bytes(Data())) }
        case ("torch._utils", "_rebuild_tensor"), ("torch._utils", "_rebuild_tensor_v2"):
            return .leaf(.tensor(try rebuildTensor(arguments)))
        case ("torch._utils", "_rebuild_parameter"), ("torch._utils", "_rebuild_parameter_with_state"):
            guard case .tensor(var tensor)? = arguments.first?.leaf else {
                throw invalid("\(name) without a tensor argument")
            }
            if case .bool(let requiresGrad)? = arguments.dropFirst().first?.leaf { tensor.requiresGrad = requiresGrad }
            return .leaf(.tensor(tensor))
        case ("numpy.core.multiarray", "scalar"), ("numpy._core.multiarray", "scalar"):
            if let number = numpyScalar(arguments) { return .leaf(number) }
        case ("torch._tensor", "_rebuild_from_type_v2"):
            // (function, tensor subclass, function arguments, state): apply the function, drop the subclass.
            if arguments.count >= 3, case .node(let inner) = arguments[2], inner.kind == .tuple {
                let result = try call(arguments[0], arguments: inner.items)
                if case .tensor? = result.leaf { return result }
            }
        default:
            break
        }
        return .node(makeNode(.object, className: "\(module).\(name)", arguments: arguments))
    }

    /// Applies a `BUILD` state to `target`.
    mutating func build(_ target: PickleSlot, state: PickleSlot) throws {
        guard case .node(let node) = target else { return }  // e.g. a tensor: nothing of ours to update
        guard node.kind == .object else { return }  // e.g. an OrderedDict's `_metadata`: not needed
        if case .node(let old)? = node.state, old.kind == .dict, case .node(let new) = state, new.kind == .dict {
            for (key, value) in zip(new.keys, new.values) { old.setItem(key, value) }
        } else {
            node.state = state
        }
    }

    /// Python 2 module names as Python 3 knows them.
    static func normalizedModule(_ module: String) -> String {
        module == "__builtin__" ? "builtins" : module
    }

    /// `_rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks[, metadata])`.
    private func rebuildTensor(_ arguments: [PickleSlot]) throws -> TorchTensor {
        guard arguments.count >= 4 else { throw invalid("tensor rebuild with \(arguments.count) arguments") }
        guard case .storage(let storage)? = arguments[0].leaf else {
            throw invalid("tensor rebuild whose first argument is a \(arguments[0].leaf?.kindDescription ?? "container"),"
                + " not a storage")
        }
        guard let offset = arguments[1].leaf?.intValue else { throw invalid("tensor storage offset is not an int") }
        let shape = try integers(arguments[2], "tensor size")
        let strides = try integers(arguments[3], "tensor stride")
        let requiresGrad = arguments.count > 4 ? arguments[4].leaf?.boolValue ?? false : false
        return try TorchTensor(storage: storage, shape: shape, strides: strides, storageOffset: offset,
                               requiresGrad: requiresGrad)
    }

    private func integers(_ slot: PickleSlot, _ what: String) throws -> [Int] {
        try sequenceElements(slot, what).map { element in
            guard let value = element.leaf?.intValue else { throw invalid("\(what) holds a non-integer") }
            return value
        }
    }

    /// Elements of a tuple or list slot.
    private func sequenceElements(_ slot: PickleSlot, _ what: String) throws -> [PickleSlot] {
        guard case .node(let node) = slot, node.kind != .dict, node.kind != .object else {
            throw invalid("\(what) is not a tuple or list")
        }
        return node.items
    }

    /// Adds `[(key, value), ...]` pairs (the argument of `OrderedDict(...)`) to `dict`.
    private func addPairs(_ slot: PickleSlot, to dict: PickleNode) throws {
        for pair in try sequenceElements(slot, "dict(...) argument") {
            let parts = try sequenceElements(pair, "dict(...) item")
            guard parts.count == 2 else { throw invalid("dict(...) item with \(parts.count) parts") }
            dict.setItem(parts[0], parts[1])
        }
    }
}
