/// A minimal protobuf wire decoder for the tests: fields of one message as (number, value).
struct ProtobufReader {
    enum Field: Equatable {
        case varint(UInt64), fixed64(UInt64), bytes([UInt8]), fixed32(UInt32)
    }

    struct DecodeError: Error {}

    /// The fields of `bytes` in order; throws on a truncated or unknown-wire-type field.
    static func fields(_ bytes: [UInt8]) throws -> [(number: Int, value: Field)] {
        var i = 0
        func varint() throws -> UInt64 {
            var value: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard i < bytes.count, shift < 64 else { throw DecodeError() }
                let b = bytes[i]
                i += 1
                value |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return value }
                shift += 7
            }
        }
        func little(_ n: Int) throws -> UInt64 {
            guard i + n <= bytes.count else { throw DecodeError() }
            defer { i += n }
            return (0..<n).reduce(UInt64(0)) { $0 | UInt64(bytes[i + $1]) << UInt64(8 * $1) }
        }
        var out: [(Int, Field)] = []
        while i < bytes.count {
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: out.append((number, .varint(try varint())))
            case 1: out.append((number, .fixed64(try little(8))))
            case 2:
                let n = Int(try varint())
                guard i + n <= bytes.count else { throw DecodeError() }
                out.append((number, .bytes(Array(bytes[i..<(i + n)]))))
                i += n
            case 5: out.append((number, .fixed32(UInt32(try little(4)))))
            default: throw DecodeError()
            }
        }
        return out
    }
}
