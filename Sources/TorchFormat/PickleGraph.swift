import Foundation

/// A value on the pickle machine's stack: an immutable leaf or a container node.
///
/// Pickle programs memoise containers before filling them (`EMPTY_DICT`, `BINPUT`, ..., `SETITEMS`), and modules
/// before their `BUILD`, so containers must be references while the program runs; `frozen` turns the graph into a
/// `PickleValue` tree afterwards. Every node is registered with the machine, which cuts the links between nodes at
/// the end so that even a maliciously deep graph is released without deep recursion.
enum PickleSlot {
    case leaf(PickleValue)
    case node(PickleNode)

    /// The leaf value, if the slot is one.
    var leaf: PickleValue? {
        if case .leaf(let value) = self { return value }
        return nil
    }
}

/// A container built by the pickle program: a tuple, list, dict, set or an object record.
final class PickleNode {
    enum Kind { case tuple, list, dict, set, object }

    /// Key used to find existing dict entries quickly when keys are strings or ints.
    private enum FastKey: Hashable {
        case string(String)
        case int(Int64)
    }

    let kind: Kind
    /// Class of an object record.
    let className: String
    /// Constructor arguments of an object record.
    private(set) var arguments: [PickleSlot]
    /// `BUILD` state of an object record.
    var state: PickleSlot?
    /// Elements of a tuple, list or set; appended items of an object.
    var items: [PickleSlot] = []
    /// Dict keys (or set-item keys of an object), in insertion order, parallel to `values`.
    private(set) var keys: [PickleSlot] = []
    /// Dict values, parallel to `keys`.
    private(set) var values: [PickleSlot] = []
    private var fastIndex: [FastKey: Int] = [:]

    init(_ kind: Kind, className: String = "", arguments: [PickleSlot] = []) {
        self.kind = kind
        self.className = className
        self.arguments = arguments
    }

    /// Drops every reference this node holds (called once the program's result has been converted).
    func removeReferences() {
        arguments = []
        state = nil
        items = []
        keys = []
        values = []
        fastIndex = [:]
    }

    /// Sets `key` to `value`, keeping the first insertion position of an existing key as Python does.
    func setItem(_ key: PickleSlot, _ value: PickleSlot) {
        let fast: FastKey?
        switch key.leaf {
        case .string(let text)?: fast = .string(text)
        case .int(let number)?: fast = .int(number)
        default: fast = nil
        }
        if let fast {
            if let position = fastIndex[fast] {
                values[position] = value
                return
            }
            fastIndex[fast] = keys.count
        }
        keys.append(key)
        values.append(value)
    }
}

/// Converts the machine's reference graph into a value tree, sharing converted containers and cutting cycles.
struct PickleFreezer {
    /// Deepest nesting accepted; deeper input is rejected rather than risking stack exhaustion.
    static let maximumDepth = 400

    private var done: [ObjectIdentifier: PickleValue] = [:]
    private var inProgress: Set<ObjectIdentifier> = []

    /// The value tree of `slot`.
    mutating func frozen(_ slot: PickleSlot, depth: Int = 0) throws -> PickleValue {
        guard depth < Self.maximumDepth else {
            throw TorchFormatError(.invalidPickle("values nested deeper than \(Self.maximumDepth) levels", offset: 0))
        }
        switch slot {
        case .leaf(let value):
            return value
        case .node(let node):
            let id = ObjectIdentifier(node)
            if let value = done[id] { return value }
            // A container that (indirectly) contains itself: Python allows it, a value tree cannot hold it.
            if inProgress.contains(id) { return .object(PickleObject(className: "<recursive reference>")) }
            inProgress.insert(id)
            defer { inProgress.remove(id) }
            let value = try frozenNode(node, depth: depth)
            done[id] = value
            return value
        }
    }

    private mutating func frozenNode(_ node: PickleNode, depth: Int) throws -> PickleValue {
        let next = depth + 1
        var pairs: [PickleDictItem] = []
        pairs.reserveCapacity(node.keys.count)
        for (key, value) in zip(node.keys, node.values) {
            pairs.append(PickleDictItem(try frozen(key, depth: next), try frozen(value, depth: next)))
        }
        let items = try node.items.map { try frozen($0, depth: next) }
        switch node.kind {
        case .tuple: return .tuple(items)
        case .list: return .list(items)
        case .set: return .set(items)
        case .dict: return .dict(pairs)
        case .object:
            return .object(PickleObject(
                className: node.className, arguments: try node.arguments.map { try frozen($0, depth: next) },
                state: try node.state.map { try frozen($0, depth: next) }, listItems: items, dictItems: pairs))
        }
    }
}
