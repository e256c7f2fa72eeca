import Foundation
import ZIPFoundation

/// Writes stored (uncompressed) ZIP archives laid out as torch does: each entry's data starts at a 64-byte aligned
/// offset (padding in an "FB" extra field), ZIP64 records where sizes need them, and a ZIP64 end record always.
struct ZipArchiveWriter {
    /// Alignment of entry data, as torch's `.storage_alignment`.
    static let alignment = 64
    private static let saturated32: UInt64 = 0xFFFF_FFFF

    private struct Written {
        let name: [UInt8]
        let offset: UInt64
        let size: UInt64
        let crc32: UInt32
    }

    private(set) var data = Data()
    private var written: [Written] = []
    /// Writes ZIP64 extra fields even for small entries (lets tests exercise the reader's ZIP64 path).
    var forceZip64 = false

    /// Appends a stored entry.
    mutating func add(_ name: String, contents: Data) {
        let nameBytes = Array(name.utf8)
        let offset = UInt64(data.count)
        let size = UInt64(contents.count)
        let crc = contents.crc32(checksum: 0)
        let zip64 = forceZip64 || size >= Self.saturated32
        var extra: [UInt8] = []
        if zip64 {
            append16(0x0001, to: &extra)
            append16(16, to: &extra)
            append64(size, to: &extra)
            append64(size, to: &extra)
        }
        // "FB" padding so that the data starts on an aligned offset.
        let unpadded = data.count + 30 + nameBytes.count + extra.count + 4
        let padding = (Self.alignment - unpadded % Self.alignment) % Self.alignment
        append16(0x4246, to: &extra)
        append16(UInt16(padding), to: &extra)
        extra += [UInt8](repeating: 0x5A, count: padding)

        var header: [UInt8] = []
        append32(0x0403_4b50, to: &header)
        append16(zip64 ? 45 : 20, to: &header)  // version needed
        append16(0, to: &header)  // flags
        append16(0, to: &header)  // stored
        append16(0, to: &header)  // time
        append16(0x21, to: &header)  // date 1980-01-01
        append32(crc, to: &header)
        append32(UInt32(zip64 ? Self.saturated32 : size), to: &header)
        append32(UInt32(zip64 ? Self.saturated32 : size), to: &header)
        append16(UInt16(nameBytes.count), to: &header)
        append16(UInt16(extra.count), to: &header)
        data.append(contentsOf: header + nameBytes + extra)
        data.append(contents)
        written.append(Written(name: nameBytes, offset: offset, size: size, crc32: crc))
    }

    /// Appends the central directory and end records and returns the archive.
    mutating func finish() -> Data {
        let directoryOffset = UInt64(data.count)
        for entry in written { data.append(contentsOf: centralHeader(entry)) }
        let directorySize = UInt64(data.count) - directoryOffset
        let count = UInt64(written.count)

        let zip64End = UInt64(data.count)
        var tail: [UInt8] = []
        append32(0x0606_4b50, to: &tail)
        append64(44, to: &tail)  // size of the rest of this record
        append16(45, to: &tail)
        append16(45, to: &tail)
        append32(0, to: &tail)
        append32(0, to: &tail)
        append64(count, to: &tail)
        append64(count, to: &tail)
        append64(directorySize, to: &tail)
        append64(directoryOffset, to: &tail)
        append32(0x0706_4b50, to: &tail)
        append32(0, to: &tail)
        append64(zip64End, to: &tail)
        append32(1, to: &tail)
        append32(0x0605_4b50, to: &tail)
        append16(0, to: &tail)
        append16(0, to: &tail)
        append16(UInt16(min(count, 0xFFFF)), to: &tail)
        append16(UInt16(min(count, 0xFFFF)), to: &tail)
        append32(UInt32(min(directorySize, Self.saturated32)), to: &tail)
        append32(UInt32(min(directoryOffset, Self.saturated32)), to: &tail)
        append16(0, to: &tail)
        data.append(contentsOf: tail)
        return data
    }

    private func centralHeader(_ entry: Written) -> [UInt8] {
        let bigSize = forceZip64 || entry.size >= Self.saturated32
        let bigOffset = forceZip64 || entry.offset >= Self.saturated32
        var extra: [UInt8] = []
        if bigSize || bigOffset {
            var fields: [UInt8] = []
            if bigSize {
                append64(entry.size, to: &fields)
                append64(entry.size, to: &fields)
            }
            if bigOffset { append64(entry.offset, to: &fields) }
            append16(0x0001, to: &extra)
            append16(UInt16(fields.count), to: &extra)
            extra += fields
        }
        var header: [UInt8] = []
        append32(0x0201_4b50, to: &header)
        append16(45, to: &header)  // made by
        append16(bigSize || bigOffset ? 45 : 20, to: &header)
        append16(0, to: &header)
        append16(0, to: &header)
        append16(0, to: &header)
        append16(0x21, to: &header)
        append32(entry.crc32, to: &header)
        append32(UInt32(bigSize ? Self.saturated32 : entry.size), to: &header)
        append32(UInt32(bigSize ? Self.saturated32 : entry.size), to: &header)
        append16(UInt16(entry.name.count), to: &header)
        append16(UInt16(extra.count), to: &header)
        append16(0, to: &header)  // comment
        append16(0, to: &header)  // disk
        append16(0, to: &header)  // internal attributes
        append32(0, to: &header)  // external attributes
        append32(UInt32(bigOffset ? Self.saturated32 : entry.offset), to: &header)
        return header + entry.name + extra
    }
}

private func append16(_ value: UInt16, to bytes: inout [UInt8]) {
    bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
}

private func append32(_ value: UInt32, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
}

private func append64(_ value: UInt64, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
}
