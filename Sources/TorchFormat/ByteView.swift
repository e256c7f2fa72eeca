import Foundation

/// Bounds-checked little-endian reads from a byte buffer; every read past the end throws instead of trapping.
struct ByteView {
    /// The bytes, indexed from zero.
    let bytes: Data
    /// What to call the buffer in errors (e.g. "zip central directory").
    let label: String

    /// Wraps `data`, re-based so that offsets start at zero.
    init(_ data: Data, label: String) {
        self.bytes = data.startIndex == 0 ? data : Data(data)
        self.label = label
    }

    /// Number of bytes.
    var count: Int { bytes.count }

    /// Throws `truncated` unless `length` bytes exist at `offset`.
    func require(_ offset: Int, _ length: Int, _ what: @autoclosure () -> String) throws {
        guard offset >= 0, length >= 0, offset <= bytes.count, length <= bytes.count - offset else {
            throw TorchFormatError(.truncated("\(what()) needs bytes \(offset)..<\(offset &+ length) "
                + "of the \(label) but it has \(bytes.count)"))
        }
    }

    /// The unsigned little-endian integer of `width` bytes at `offset`.
    func unsigned(at offset: Int, width: Int, _ what: @autoclosure () -> String) throws -> UInt64 {
        try require(offset, width, what())
        var value: UInt64 = 0
        for index in stride(from: width - 1, through: 0, by: -1) {
            value = (value << 8) | UInt64(bytes[offset + index])
        }
        return value
    }

    /// The `UInt16` at `offset`.
    func uint16(at offset: Int, _ what: @autoclosure () -> String) throws -> UInt16 {
        UInt16(try unsigned(at: offset, width: 2, what()))
    }

    /// The `UInt32` at `offset`.
    func uint32(at offset: Int, _ what: @autoclosure () -> String) throws -> UInt32 {
        UInt32(try unsigned(at: offset, width: 4, what()))
    }

    /// The `UInt64` at `offset`.
    func uint64(at offset: Int, _ what: @autoclosure () -> String) throws -> UInt64 {
        try unsigned(at: offset, width: 8, what())
    }

    /// A copy of `length` bytes at `offset`.
    func slice(at offset: Int, length: Int, _ what: @autoclosure () -> String) throws -> Data {
        try require(offset, length, what())
        return bytes.subdata(in: offset..<(offset + length))
    }
}

/// Converts a `UInt64` read from a file into an `Int`, throwing when it cannot be a valid size or offset.
func fileInt(_ value: UInt64, _ what: String) throws -> Int {
    guard value <= UInt64(Int.max / 2) else {
        throw TorchFormatError(.corruptArchive("\(what) is \(value), larger than any file"))
    }
    return Int(value)
}
