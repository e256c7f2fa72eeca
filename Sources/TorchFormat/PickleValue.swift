import Foundation

/// A Python object graph decoded from a pickle, with classes kept as names (never executed).
public indirect enum PickleValue: Equatable, Sendable {
    case none
    case bool(Bool)
    /// A Python `int` that fits in 64 bits.
    case int(Int64)
    /// A Python `int` beyond 64 bits, as little-endian two's-complement bytes (pickle's `LONG1` payload).
    case bigInt([UInt8])
    case float(Double)
    case string(String)
    case bytes(Data)
    case tuple([PickleValue])
    case list([PickleValue])
    /// A `dict` or `collections.OrderedDict`, in insertion order.
    case dict([PickleDictItem])
    case set([PickleValue])
    /// A reference to a class or function (`module.name`) that was not called.
    case global(module: String, name: String)
    /// An instance of any other class: its name, constructor arguments and `BUILD` state.
    case object(PickleObject)
    case tensor(TorchTensor)
    /// A storage referenced directly (not through a tensor).
    case storage(TorchStorage)
}

/// One key/value pair of a pickled dict.
public struct PickleDictItem: Equatable, Sendable {
    public var key: PickleValue
    public var value: PickleValue

    public init(_ key: PickleValue, _ value: PickleValue) {
        self.key = key
        self.value = value
    }
}

/// An instance of a class the reader does not interpret, e.g. `ultralytics.nn.tasks.DetectionModel`.
public struct PickleObject: Equatable, Sendable {
    /// `module.name` of the class (or of the function that made it).
    public var className: String
    /// Arguments of the constructor call (`NEWOBJ`/`REDUCE`).
    public var arguments: [PickleValue]
    /// The state applied by `BUILD` (for `nn.Module`s, their `__dict__`), if any.
    public var state: PickleValue?
    /// Items appended by `APPEND(S)` to a list subclass, if any.
    public var listItems: [PickleValue]
    /// Items set by `SETITEM(S)` on a dict subclass, if any.
    public var dictItems: [PickleDictItem]

    public init(className: String, arguments: [PickleValue] = [], state: PickleValue? = nil,
                listItems: [PickleValue] = [], dictItems: [PickleDictItem] = []) {
        self.className = className
        self.arguments = arguments
        self.state = state
        self.listItems = listItems
        self.dictItems = dictItems
    }

    /// The value of attribute `name` in a dict `state` (the object's `__dict__`).
    public subscript(attribute name: String) -> PickleValue? {
        if case .dict(let items)? = state { return items.first { $0.key == .string(name) }?.value }
        // `(dict_state, slot_state)` form.
        if case .tuple(let parts)? = state, let first = parts.first, case .dict(let items) = first {
            return items.first { $0.key == .string(name) }?.value
        }
        return nil
    }
}

extension PickleValue {
    /// Builds a dict with string keys, keeping the order given.
    public static func dict(_ pairs: KeyValuePairs<String, PickleValue>) -> PickleValue {
        .dict(pairs.map { PickleDictItem(.string($0.key), $0.value) })
    }

    /// The value under string key `key` of a dict (or of an object's `__dict__` state).
    public subscript(key: String) -> PickleValue? {
        switch self {
        case .dict(let items): return items.first { $0.key == .string(key) }?.value
        case .object(let object): return object[attribute: key]
        default: return nil
        }
    }

    /// The dict's items, or nil when the value is not a dict.
    public var dictItems: [PickleDictItem]? {
        if case .dict(let items) = self { return items }
        return nil
    }

    /// The string keys of a dict, in order (other keys skipped).
    public var stringKeys: [String] {
        (dictItems ?? []).compactMap { if case .string(let key) = $0.key { return key } else { return nil } }
    }

    /// The integer value (bools count as 0/1), or nil.
    public var intValue: Int? {
        switch self {
        case .int(let value): return Int(exactly: value)
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    /// The numeric value as a `Double`, or nil.
    public var doubleValue: Double? {
        switch self {
        case .float(let value): return value
        case .int(let value): return Double(value)
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    /// The string value, or nil.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The bool value, or nil.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements of a list, tuple or set, or nil.
    public var elements: [PickleValue]? {
        switch self {
        case .list(let values), .tuple(let values), .set(let values): return values
        default: return nil
        }
    }

    /// The tensor, or nil.
    public var tensor: TorchTensor? {
        if case .tensor(let value) = self { return value }
        return nil
    }

    /// The object record, or nil.
    public var object: PickleObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether the value is `None`.
    public var isNone: Bool { self == .none }

    /// A short description of the value's kind, for error messages (e.g. `dict`, `DetectionModel object`).
    public var kindDescription: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int, .bigInt: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .set: return "set"
        case .global(let module, let name): return "reference to \(module).\(name)"
        case .object(let object): return "\(object.className) object"
        case .tensor: return "tensor"
        case .storage: return "storage"
        }
    }
}
