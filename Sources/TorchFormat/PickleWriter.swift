import Foundation

/// Serialises a `PickleValue` as a protocol 2 pickle that `torch.load(weights_only=True)` accepts: dicts, lists,
/// tuples, sets, numbers, strings, bytes, bools, None and tensors (as `_rebuild_tensor_v2` + `BINPERSID` storages).
struct PickleWriter {
    /// A storage to be written as archive entry `data/<key>`.
    struct StorageRecord {
        let key: String
        let storage: TorchStorage
    }

    private(set) var output: [UInt8] = [PickleOpcode.proto.rawValue, 2]
    /// Storages in first-use order; their keys are "0", "1", ... whatever the tensors' own keys were.
    private(set) var storages: [StorageRecord] = []
    private var storageIndex: [String: [Int]] = [:]
    private var globalMemo: [String: Int] = [:]
    private var depth = 0

    /// Pickles `value` followed by `STOP`.
    static func encode(_ value: PickleValue) throws -> (pickle: [UInt8], storages: [StorageRecord]) {
        var writer = PickleWriter()
        try writer.write(value)
        writer.emit(.stop)
        return (writer.output, writer.storages)
    }

    private mutating func emit(_ opcode: PickleOpcode) { output.append(opcode.rawValue) }

    private mutating func emitLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
    }

    mutating func write(_ value: PickleValue) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth < PickleFreezer.maximumDepth else {
            throw TorchFormatError(.unsupportedValue("values nested deeper than \(PickleFreezer.maximumDepth) levels"))
        }
        switch value {
        case .none: emit(.none)
        case .bool(let flag): emit(flag ? .newTrue : .newFalse)
        case .int(let number): writeInt(number)
        case .bigInt(let bytes):
            guard bytes.count <= 255 else { throw TorchFormatError(.unsupportedValue("an int of \(bytes.count) bytes")) }
            emit(.long1)
            output.append(UInt8(bytes.count))
            output += bytes
        case .float(let number):
            emit(.binFloat)
            withUnsafeBytes(of: number.bitPattern.bigEndian) { output.append(contentsOf: $0) }
        case .string(let text): writeString(text)
        case .bytes(let data):
            // Protocol 2 has no bytes opcode: Python writes `_codecs.encode(latin1 text, 'latin1')`.
            writeGlobal("_codecs", "encode")
            writeString(String(String.UnicodeScalarView(data.map { Unicode.Scalar($0) })))
            writeString("latin1")
            emit(.tuple2)
            emit(.reduce)
        case .tuple(let elements): try writeTuple(elements)
        case .list(let elements):
            emit(.emptyList)
            try writeBatches(elements, opcode: .appends) { writer, element in try writer.write(element) }
        case .dict(let items):
            emit(.emptyDict)
            try writeBatches(items, opcode: .setItems) { writer, item in
                try writer.checkKey(item.key)
                try writer.write(item.key)
                try writer.write(item.value)
            }
        case .set(let elements):
            writeGlobal("__builtin__", "set")
            try write(.list(elements))
            emit(.tuple1)
            emit(.reduce)
        case .tensor(let tensor): try writeTensor(tensor)
        case .global(let module, let name):
            throw TorchFormatError(.unsupportedValue("a reference to \(module).\(name)"))
        case .object(let object): throw TorchFormatError(.unsupportedValue("a \(object.className) object"))
        case .storage: throw TorchFormatError(.unsupportedValue("a bare storage (wrap it in a tensor)"))
        }
    }

    private mutating func writeInt(_ number: Int64) {
        switch number {
        case 0..<0x100:
            emit(.binInt1)
            output.append(UInt8(number))
        case 0x100..<0x1_0000:
            emit(.binInt2)
            emitLittleEndian(UInt16(number))
        case Int64(Int32.min)...Int64(Int32.max):
            emit(.binInt)
            emitLittleEndian(Int32(number))
        default:
            // Minimal little-endian two's complement, as Python's `encode_long`.
            var bytes = withUnsafeBytes(of: number.littleEndian) { Array($0) }
            while bytes.count > 1 {
                let last = bytes[bytes.count - 1], sign = bytes[bytes.count - 2] & 0x80
                guard (last == 0 && sign == 0) || (last == 0xFF && sign != 0) else { break }
                bytes.removeLast()
            }
            emit(.long1)
            output.append(UInt8(bytes.count))
            output += bytes
        }
    }

    private mutating func writeString(_ text: String) {
        let utf8 = Array(text.utf8)
        emit(.binUnicode)
        emitLittleEndian(UInt32(utf8.count))
        output += utf8
    }

    private mutating func writeTuple(_ elements: [PickleValue]) throws {
        switch elements.count {
        case 0: emit(.emptyTuple)
        case 1...3:
            for element in elements { try write(element) }
            emit([.tuple1, .tuple2, .tuple3][elements.count - 1])
        default:
            emit(.mark)
            for element in elements { try write(element) }
            emit(.tuple)
        }
    }

    /// `MARK item... opcode` in groups of 1000, as Python's pickler batches `APPENDS`/`SETITEMS`.
    private mutating func writeBatches<T>(_ items: [T], opcode: PickleOpcode,
                                          _ body: (inout PickleWriter, T) throws -> Void) throws {
        var start = 0
        while start < items.count {
            let end = min(start + 1000, items.count)
            emit(.mark)
            for item in items[start..<end] { try body(&self, item) }
            emit(opcode)
            start = end
        }
    }

    /// Rejects dict keys Python could not hash.
    private func checkKey(_ key: PickleValue) throws {
        switch key {
        case .list, .dict, .set, .tensor, .object, .global, .storage:
            throw TorchFormatError(.unsupportedValue("a dict key of type \(key.kindDescription)"))
        case .tuple(let parts): for part in parts { try checkKey(part) }
        default: break
        }
    }

    /// `GLOBAL module name`, memoised so repeated classes cost a `BINGET`.
    private mutating func writeGlobal(_ module: String, _ name: String) {
        let qualified = module + "\n" + name + "\n"
        if let index = globalMemo[qualified] {
            writeMemoGet(index)
            return
        }
        emit(.global)
        output += Array(qualified.utf8)
        let index = globalMemo.count
        globalMemo[qualified] = index
        if index < 256 {
            emit(.binPut)
            output.append(UInt8(index))
        } else {
            emit(.longBinPut)
            emitLittleEndian(UInt32(index))
        }
    }

    private mutating func writeMemoGet(_ index: Int) {
        if index < 256 {
            emit(.binGet)
            output.append(UInt8(index))
        } else {
            emit(.longBinGet)
            emitLittleEndian(UInt32(index))
        }
    }

    /// `_rebuild_tensor_v2(storage, offset, size, stride, requires_grad, OrderedDict())` as torch writes it.
    private mutating func writeTensor(_ tensor: TorchTensor) throws {
        let key = try register(tensor.storage)
        writeGlobal("torch._utils", "_rebuild_tensor_v2")
        emit(.mark)
        emit(.mark)
        writeString("storage")
        writeGlobal("torch", tensor.dtype.storageClassName)
        writeString(key)
        writeString("cpu")
        writeInt(Int64(tensor.storage.elementCount))
        emit(.tuple)
        emit(.binaryPersistentID)
        writeInt(Int64(tensor.storageOffset))
        try writeTuple(tensor.shape.map { .int(Int64($0)) })
        try writeTuple(tensor.strides.map { .int(Int64($0)) })
        emit(tensor.requiresGrad ? .newTrue : .newFalse)
        writeGlobal("collections", "OrderedDict")
        emit(.emptyTuple)
        emit(.reduce)
        emit(.tuple)
        emit(.reduce)
    }

    /// The archive key of `storage`, adding it on first use. Storages are shared when they have the same key and the
    /// same bytes (views of one storage); equal keys with other bytes (e.g. from two different files) stay separate.
    private mutating func register(_ storage: TorchStorage) throws -> String {
        guard storage.bytes.count % storage.dtype.byteCount == 0 else {
            throw TorchFormatError(.unsupportedValue("a \(storage.dtype) storage of \(storage.bytes.count) bytes"))
        }
        for index in storageIndex[storage.key] ?? [] {
            let known = storages[index].storage
            if known.dtype == storage.dtype, known.bytes == storage.bytes { return storages[index].key }
        }
        let key = String(storages.count)
        storageIndex[storage.key, default: []].append(storages.count)
        storages.append(StorageRecord(key: key, storage: storage))
        return key
    }
}
