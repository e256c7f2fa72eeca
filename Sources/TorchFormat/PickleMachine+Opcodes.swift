import Foundation

extension PickleMachine {
    /// Executes one opcode (everything but `STOP`).
    mutating func execute(_ opcode: PickleOpcode) throws {
        switch opcode {
        case .proto:
            let version = try readByte()
            guard version <= 5 else { throw invalid("pickle protocol \(version) is newer than 5") }
        case .frame: _ = try readUnsigned(8)
        case .mark: marks.append(stack.count)
        case .pop:
            if stack.count > (marks.last ?? 0) { _ = try pop() } else { _ = try popMark() }
        case .popMark: _ = try popMark()
        case .dup: push(try top())
        case .stop: break

        case .none: push(.none)
        case .newTrue: push(.bool(true))
        case .newFalse: push(.bool(false))
        case .int: push(try parseIntLine(try readLine()))
        case .long:
            var text = try readLine()
            if text.hasSuffix("L") { text.removeLast() }
            guard let value = Int64(text) else { throw invalid("LONG '\(text)' does not fit in 64 bits") }
            push(.int(value))
        case .binInt: push(.int(Int64(Int32(bitPattern: UInt32(try readUnsigned(4))))))
        case .binInt1: push(.int(Int64(try readUnsigned(1))))
        case .binInt2: push(.int(Int64(try readUnsigned(2))))
        case .long1: push(Self.long(Array(try read(try readLength(1)))))
        case .long4:
            let count = try readUnsigned(4)
            guard count < 1 << 31 else { throw invalid("LONG4 with a negative length") }
            push(Self.long(Array(try read(try fitLength(count)))))
        case .float:
            let text = try readLine()
            guard let value = Double(text) else { throw invalid("FLOAT '\(text)' is not a number") }
            push(.float(value))
        case .binFloat:
            push(.float(Double(bitPattern: try read(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) })))

        case .string: push(.string(try parseQuoted(try readLine())))
        case .binString: push(.string(latin1(try read(try readLength(4)))))
        case .shortBinString: push(.string(latin1(try read(try readLength(1)))))
        case .unicode: push(.string(try readLine()))
        case .binUnicode: push(.string(try readString(try readLength(4))))
        case .shortBinUnicode: push(.string(try readString(try readLength(1))))
        case .binUnicode8: push(.string(try readString(try readLength(8))))
        case .binBytes: push(.bytes(Data(try read(try readLength(4)))))
        case .shortBinBytes: push(.bytes(Data(try read(try readLength(1)))))
        case .binBytes8, .byteArray8: push(.bytes(Data(try read(try readLength(8)))))
        case .nextBuffer: throw invalid("out-of-band buffers (NEXT_BUFFER) are not supported")
        case .readOnlyBuffer: break

        case .emptyTuple: push(makeTuple([]))
        case .tuple: push(makeTuple(try popMark()))
        case .tuple1: push(makeTuple([try pop()]))
        case .tuple2:
            let second = try pop()
            push(makeTuple([try pop(), second]))
        case .tuple3:
            let third = try pop(), second = try pop()
            push(makeTuple([try pop(), second, third]))
        case .emptyList: push(.node(makeNode(.list)))
        case .list: push(.node(makeNode(.list, items: try popMark())))
        case .append: try appendItems([try pop()])
        case .appends: try appendItems(try popMark())
        case .emptyDict: push(.node(makeNode(.dict)))
        case .dict:
            let dict = makeNode(.dict)
            try setItems(try popMark(), on: .node(dict))
            push(.node(dict))
        case .setItem:
            let value = try pop(), key = try pop()
            try setItems([key, value], on: try top())
        case .setItems:
            let items = try popMark()
            try setItems(items, on: try top())
        case .emptySet: push(.node(makeNode(.set)))
        case .addItems:
            let items = try popMark()
            guard case .node(let set) = try top(), set.kind == .set else { throw invalid("ADDITEMS on a non-set") }
            set.items += items
        case .frozenSet: push(.node(makeNode(.set, items: try popMark())))

        case .get:
            let text = try readLine()
            guard let key = Int(text) else { throw invalid("GET '\(text)' is not a number") }
            try memoGet(key)
        case .binGet: try memoGet(Int(try readUnsigned(1)))
        case .longBinGet: try memoGet(Int(try readUnsigned(4)))
        case .put:
            let text = try readLine()
            guard let key = Int(text) else { throw invalid("PUT '\(text)' is not a number") }
            try memoPut(key)
        case .binPut: try memoPut(Int(try readUnsigned(1)))
        case .longBinPut: try memoPut(Int(try readUnsigned(4)))
        case .memoize: try memoPut(memo.count)

        case .global:
            let module = try readLine(), name = try readLine()
            push(.global(module: module, name: name))
        case .stackGlobal:
            let name = try popString("STACK_GLOBAL name"), module = try popString("STACK_GLOBAL module")
            push(.global(module: module, name: name))
        case .ext1, .ext2, .ext4: throw invalid("extension registry opcodes (EXT*) are not supported")
        case .reduce:
            let arguments = try pop(), callable = try pop()
            push(try call(callable, arguments: try tupleElements(arguments, "REDUCE arguments")))
        case .newObj:
            let arguments = try pop(), cls = try pop()
            push(try call(cls, arguments: try tupleElements(arguments, "NEWOBJ arguments")))
        case .newObjEx:
            _ = try pop()  // keyword arguments: kept out of the record
            let arguments = try pop(), cls = try pop()
            push(try call(cls, arguments: try tupleElements(arguments, "NEWOBJ_EX arguments")))
        case .inst:
            let module = try readLine(), name = try readLine()
            let arguments = try popMark()
            push(try call(.leaf(.global(module: module, name: name)), arguments: arguments))
        case .obj:
            var items = try popMark()
            guard !items.isEmpty else { throw invalid("OBJ without a class") }
            let cls = items.removeFirst()
            push(try call(cls, arguments: items))
        case .build:
            let state = try pop()
            try build(try top(), state: state)
        case .persistentID: push(try persistentLoad(.string(try readLine())))
        case .binaryPersistentID:
            var freezer = PickleFreezer()
            push(try persistentLoad(try freezer.frozen(try pop())))
        }
    }

    /// Checks a length read from the stream against the remaining bytes.
    private func fitLength(_ value: UInt64) throws -> Int {
        guard value <= UInt64(bytes.count - position) else { throw TorchFormatError(.truncatedPickle(offset: bytes.count)) }
        return Int(value)
    }

    /// The elements of a tuple on the stack.
    func tupleElements(_ slot: PickleSlot, _ what: String) throws -> [PickleSlot] {
        guard case .node(let node) = slot, node.kind == .tuple else { throw invalid("\(what) are not a tuple") }
        return node.items
    }

    private mutating func appendItems(_ items: [PickleSlot]) throws {
        guard case .node(let node) = try top(), node.kind == .list || node.kind == .object else {
            throw invalid("APPEND on something that is not a list")
        }
        node.items += items
    }

    private func setItems(_ items: [PickleSlot], on target: PickleSlot) throws {
        guard case .node(let node) = target, node.kind == .dict || node.kind == .object else {
            throw invalid("SETITEM on something that is not a dict")
        }
        guard items.count % 2 == 0 else { throw invalid("SETITEMS with an odd number of items") }
        for index in stride(from: 0, to: items.count, by: 2) { node.setItem(items[index], items[index + 1]) }
    }

    /// A protocol 0 `INT` line: `01`/`00` are True/False.
    private func parseIntLine(_ text: String) throws -> PickleValue {
        if text == "01" { return .bool(true) }
        if text == "00" { return .bool(false) }
        guard let value = Int64(text) else { throw invalid("INT '\(text)' is not a 64-bit number") }
        return .int(value)
    }

    /// A protocol 0 `STRING` argument: a quoted repr; escapes other than quotes are kept as written.
    private func parseQuoted(_ text: String) throws -> String {
        guard text.count >= 2, let quote = text.first, quote == "'" || quote == "\"", text.last == quote else {
            throw invalid("STRING argument is not quoted")
        }
        return String(text.dropFirst().dropLast())
    }

    private func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// The integer of a `LONG1`/`LONG4` payload (little-endian two's complement).
    static func long(_ bytes: [UInt8]) -> PickleValue {
        guard !bytes.isEmpty else { return .int(0) }
        guard bytes.count <= 8 else {
            // Trim redundant sign bytes before deciding it is really a big integer.
            var trimmed = bytes
            while trimmed.count > 8, let last = trimmed.last, last == 0 || last == 0xFF,
                  (trimmed[trimmed.count - 2] & 0x80 != 0) == (last == 0xFF) {
                trimmed.removeLast()
            }
            return trimmed.count <= 8 ? long(trimmed) : .bigInt(bytes)
        }
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        if bytes.count < 8, let last = bytes.last, last & 0x80 != 0 {
            value |= ~UInt64(0) << (8 * UInt64(bytes.count))  // sign-extend
        }
        return .int(Int64(bitPattern: value))
    }
}
