/// Protocol Buffers wire encoding, by hand: the few field kinds TensorBoard's `Event` and `Summary` messages use.
///
/// Fields are written in the order they are appended; protobuf readers accept any order, and appending in field-number
/// order gives the same bytes as the reference's serializer.
public struct ProtobufWriter {
    /// The encoded message so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty message.
    public init() {}

    /// Wire types: how the value after a field key is laid out.
    enum WireType: UInt64 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    /// Appends `value` as a base-128 varint (7 bits a byte, low group first, high bit set on all but the last).
    public mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Appends a field key: field number and wire type.
    mutating func appendKey(_ field: Int, _ type: WireType) {
        appendVarint(UInt64(field) << 3 | type.rawValue)
    }

    /// An `int64` field (negative values take ten bytes, as in protobuf).
    public mutating func appendInt64(_ field: Int, _ value: Int64) {
        appendKey(field, .varint)
        appendVarint(UInt64(bitPattern: value))
    }

    /// An `int32` field (negative values are sign-extended to ten bytes, as in protobuf).
    public mutating func appendInt32(_ field: Int, _ value: Int32) {
        appendInt64(field, Int64(value))
    }

    /// A `double` field: eight little-endian bytes.
    public mutating func appendDouble(_ field: Int, _ value: Double) {
        appendKey(field, .fixed64)
        appendLittleEndian(value.bitPattern)
    }

    /// A `float` field: four little-endian bytes.
    public mutating func appendFloat(_ field: Int, _ value: Float) {
        appendKey(field, .fixed32)
        appendLittleEndian(value.bitPattern)
    }

    /// A `bytes` field (also an embedded message's encoding).
    public mutating func appendBytes(_ field: Int, _ value: [UInt8]) {
        appendKey(field, .lengthDelimited)
        appendVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A `string` field (UTF-8).
    public mutating func appendString(_ field: Int, _ value: String) {
        appendBytes(field, Array(value.utf8))
    }

    /// An embedded message field.
    public mutating func appendMessage(_ field: Int, _ message: ProtobufWriter) {
        appendBytes(field, message.bytes)
    }

    private mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
