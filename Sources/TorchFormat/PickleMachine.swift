import Foundation

/// Runs a pickle program (protocols 0–5) without executing any Python: classes stay names, calls become records,
/// and the torch functions that rebuild tensors are interpreted (see `PickleMachine+Calls.swift`).
struct PickleMachine {
    /// Resolves a persistent id (`BINPERSID`), e.g. torch's `('storage', cls, key, 'cpu', numel)` tuples.
    typealias PersistentLoader = (PickleValue) throws -> PickleValue

    let bytes: [UInt8]
    var position = 0
    /// Offset of the opcode being executed, for error messages.
    var opcodeOffset = 0
    var stack: [PickleSlot] = []
    /// Stack heights saved by `MARK`.
    var marks: [Int] = []
    var memo: [Int: PickleSlot] = [:]
    /// Every container created, so that `dismantle` can unlink them.
    var nodes: [PickleNode] = []
    let persistentLoad: PersistentLoader

    /// Prepares to run the program in `bytes`.
    init(bytes: [UInt8], persistentLoad: @escaping PersistentLoader) {
        self.bytes = bytes
        self.persistentLoad = persistentLoad
    }

    /// Runs the program up to `STOP` and returns the value it produced.
    static func load(_ bytes: [UInt8], persistentLoad: @escaping PersistentLoader) throws -> PickleValue {
        var machine = PickleMachine(bytes: bytes, persistentLoad: persistentLoad)
        defer { machine.dismantle() }
        let result = try machine.run()
        var freezer = PickleFreezer()
        return try freezer.frozen(result)
    }

    /// A new container registered for `dismantle`.
    mutating func makeNode(_ kind: PickleNode.Kind, items: [PickleSlot] = [], className: String = "",
                           arguments: [PickleSlot] = []) -> PickleNode {
        let node = PickleNode(kind, className: className, arguments: arguments)
        node.items = items
        nodes.append(node)
        return node
    }

    /// A tuple slot of `elements`.
    mutating func makeTuple(_ elements: [PickleSlot]) -> PickleSlot { .node(makeNode(.tuple, items: elements)) }

    /// Unlinks all containers so that releasing them never recurses (a crafted file may nest them 10⁶ deep).
    mutating func dismantle() {
        stack = []
        memo = [:]
        for node in nodes { node.removeReferences() }
        nodes = []
    }

    /// Executes opcodes until `STOP`.
    mutating func run() throws -> PickleSlot {
        while true {
            opcodeOffset = position
            let code = try readByte()
            guard let opcode = PickleOpcode(rawValue: code) else {
                throw TorchFormatError(.unknownOpcode(code, offset: opcodeOffset))
            }
            if opcode == .stop { return try pop() }
            try execute(opcode)
        }
    }

    // MARK: Reading the stream

    mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw TorchFormatError(.truncatedPickle(offset: position)) }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func read(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else {
            throw TorchFormatError(.truncatedPickle(offset: bytes.count))
        }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    /// An unsigned little-endian integer of `width` bytes.
    mutating func readUnsigned(_ width: Int) throws -> UInt64 {
        try read(width).reversed().reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
    }

    /// A length field of `width` bytes, checked against the bytes that remain.
    mutating func readLength(_ width: Int) throws -> Int {
        let value = try readUnsigned(width)
        guard value <= UInt64(bytes.count - position) else {
            throw TorchFormatError(.truncatedPickle(offset: bytes.count))
        }
        return Int(value)
    }

    /// A text line without its `\n` (protocol 0 arguments, `GLOBAL` names).
    mutating func readLine() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else {
            throw TorchFormatError(.truncatedPickle(offset: bytes.count))
        }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    /// A UTF-8 string of `count` bytes.
    mutating func readString(_ count: Int) throws -> String {
        String(decoding: try read(count), as: UTF8.self)
    }

    // MARK: The stack

    func invalid(_ what: String) -> TorchFormatError {
        TorchFormatError(.invalidPickle(what, offset: opcodeOffset))
    }

    mutating func push(_ slot: PickleSlot) { stack.append(slot) }

    mutating func push(_ value: PickleValue) { stack.append(.leaf(value)) }

    mutating func pop() throws -> PickleSlot {
        guard stack.count > (marks.last ?? 0), let top = stack.popLast() else {
            throw invalid("stack underflow")
        }
        return top
    }

    func top() throws -> PickleSlot {
        guard stack.count > (marks.last ?? 0), let top = stack.last else { throw invalid("stack underflow") }
        return top
    }

    /// Removes and returns everything pushed since the last `MARK`.
    mutating func popMark() throws -> [PickleSlot] {
        guard let mark = marks.popLast() else { throw invalid("no MARK on the stack") }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    mutating func memoGet(_ key: Int) throws {
        guard let slot = memo[key] else { throw invalid("memo key \(key) was never stored") }
        push(slot)
    }

    mutating func memoPut(_ key: Int) throws { memo[key] = try top() }

    /// A string popped from the stack (`STACK_GLOBAL` names).
    mutating func popString(_ what: String) throws -> String {
        guard case .string(let text)? = try pop().leaf else { throw invalid("\(what) is not a string") }
        return text
    }
}
