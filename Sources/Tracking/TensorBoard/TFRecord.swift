/// TFRecord framing, the container of TensorBoard event files: each record is its length (uint64 little-endian),
/// the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
public enum TFRecord {
    /// The framed bytes of one record.
    public static func framed(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        var length = UInt64(data.count).littleEndian
        let lengthBytes = withUnsafeBytes(of: &length) { Array($0) }
        out += lengthBytes
        appendLittleEndian(CRC32C.masked(lengthBytes), to: &out)
        out += data
        appendLittleEndian(CRC32C.masked(data), to: &out)
        return out
    }

    /// The records of a TFRecord stream; throws at the first bad length, truncation or CRC mismatch.
    public static func records(in bytes: [UInt8]) throws -> [[UInt8]] {
        var records: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 12 else { throw TFRecordError.truncated(offset: offset) }
            let lengthBytes = Array(bytes[offset..<(offset + 8)])
            let length = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard readUInt32(bytes, offset + 8) == CRC32C.masked(lengthBytes) else {
                throw TFRecordError.badLengthCRC(offset: offset)
            }
            let start = offset + 12
            guard length <= UInt64(bytes.count - start), bytes.count - start - Int(length) >= 4 else {
                throw TFRecordError.truncated(offset: offset)
            }
            let data = Array(bytes[start..<(start + Int(length))])
            guard readUInt32(bytes, start + Int(length)) == CRC32C.masked(data) else {
                throw TFRecordError.badDataCRC(offset: offset)
            }
            records.append(data)
            offset = start + Int(length) + 4
        }
        return records
    }

    private static func appendLittleEndian(_ value: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << UInt32(8 * $1) }
    }
}

/// A damaged TFRecord stream, with the byte offset of the bad record.
public enum TFRecordError: Error, Equatable, CustomStringConvertible {
    case truncated(offset: Int)
    case badLengthCRC(offset: Int)
    case badDataCRC(offset: Int)

    public var description: String {
        switch self {
        case .truncated(let offset): return "TFRecord truncated at byte \(offset)"
        case .badLengthCRC(let offset): return "TFRecord length CRC mismatch at byte \(offset)"
        case .badDataCRC(let offset): return "TFRecord data CRC mismatch at byte \(offset)"
        }
    }
}
