import Foundation
import ZIPFoundation

/// One stored entry of a ZIP archive, located through the central directory.
struct ZipEntry: Equatable {
    /// The entry's path inside the archive, e.g. `archive/data/0`.
    let name: String
    /// Offset of the entry's local header in the file.
    let localHeaderOffset: Int
    /// Byte count of the (uncompressed, stored) data.
    let size: Int
    /// CRC-32 of the data, from the central directory.
    let crc32: UInt32
}

/// Reads the stored entries of a ZIP archive held in memory (PyTorch's "new zipfile serialization").
///
/// Sizes and checksums come from the central directory (torch leaves them zero in local headers), ZIP64 records are
/// honoured, and every offset is bounds-checked, so a truncated or corrupt file throws instead of crashing.
struct ZipArchiveReader {
    /// The whole file.
    private let file: ByteView
    /// Entries in central-directory order.
    let entries: [ZipEntry]
    /// Entries by name.
    private let index: [String: Int]

    private static let localSignature: UInt32 = 0x0403_4b50
    private static let centralSignature: UInt32 = 0x0201_4b50
    private static let endSignature: UInt32 = 0x0605_4b50
    private static let zip64EndSignature: UInt32 = 0x0606_4b50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4b50

    /// Parses the central directory of `data`.
    init(data: Data) throws {
        file = ByteView(data, label: "file")
        try Self.checkMagic(file)
        let directory = try Self.locateCentralDirectory(file)
        entries = try Self.readCentralDirectory(file, at: directory.offset, size: directory.size,
                                                count: directory.count)
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() where index[entry.name] == nil { index[entry.name] = position }
        self.index = index
    }

    /// The entry called `name`, if present.
    func entry(named name: String) -> ZipEntry? { index[name].map { entries[$0] } }

    /// The stored bytes of `entry`, optionally checked against its CRC-32.
    func contents(of entry: ZipEntry, verifyingChecksum verify: Bool = true) throws -> Data {
        let header = entry.localHeaderOffset
        let what = "local header of '\(entry.name)'"
        guard try file.uint32(at: header, what) == Self.localSignature else {
            throw TorchFormatError(.corruptArchive("\(what) at offset \(header) has a wrong signature"))
        }
        let nameLength = Int(try file.uint16(at: header + 26, what))
        let extraLength = Int(try file.uint16(at: header + 28, what))
        let start = header + 30 + nameLength + extraLength
        let bytes = try file.slice(at: start, length: entry.size, "data of '\(entry.name)'")
        if verify {
            let crc = bytes.crc32(checksum: 0)
            guard crc == entry.crc32 else {
                throw TorchFormatError(.corruptArchive(String(
                    format: "CRC-32 of '%@' is %08x but the directory says %08x", entry.name, crc, entry.crc32)))
            }
        }
        return bytes
    }

    /// Throws `notAZipArchive` unless the file starts with a local header signature.
    private static func checkMagic(_ file: ByteView) throws {
        let head = [UInt8](file.bytes.prefix(4))
        guard head == [0x50, 0x4b, 0x03, 0x04] else {
            let found: String
            if head.isEmpty {
                found = "an empty file"
            } else if head.first == 0x80 {
                found = "a bare pickle stream (legacy torch.save format)"
            } else {
                found = "leading bytes " + head.map { String(format: "%02x", $0) }.joined(separator: " ")
            }
            throw TorchFormatError(.notAZipArchive(found: found))
        }
    }

    /// Finds the central directory through the end record (and the ZIP64 end record when present).
    private static func locateCentralDirectory(_ file: ByteView) throws -> (offset: Int, size: Int, count: Int) {
        let minimumEnd = 22
        guard file.count >= minimumEnd else {
            throw TorchFormatError(.truncated("only \(file.count) bytes, no end-of-central-directory record"))
        }
        let lowest = max(0, file.count - minimumEnd - 0xFFFF)
        var end = file.count - minimumEnd
        while end >= lowest {
            if try file.uint32(at: end, "end record") == endSignature { break }
            end -= 1
        }
        guard end >= lowest else {
            throw TorchFormatError(.truncated("no end-of-central-directory record in the last "
                + "\(file.count - lowest) bytes"))
        }
        let what = "end-of-central-directory record"
        let disk = try file.uint16(at: end + 4, what), directoryDisk = try file.uint16(at: end + 6, what)
        var count = UInt64(try file.uint16(at: end + 10, what))
        var size = UInt64(try file.uint32(at: end + 12, what))
        var offset = UInt64(try file.uint32(at: end + 16, what))
        let locator = end - 20
        if locator >= 0, try file.uint32(at: locator, "ZIP64 locator") == zip64LocatorSignature {
            let record = try fileInt(try file.uint64(at: locator + 8, "ZIP64 locator"), "ZIP64 end record offset")
            let what64 = "ZIP64 end-of-central-directory record"
            guard try file.uint32(at: record, what64) == zip64EndSignature else {
                throw TorchFormatError(.corruptArchive("\(what64) at offset \(record) has a wrong signature"))
            }
            count = try file.uint64(at: record + 32, what64)
            size = try file.uint64(at: record + 40, what64)
            offset = try file.uint64(at: record + 48, what64)
        } else if disk != 0 || directoryDisk != 0 {
            throw TorchFormatError(.unsupportedArchive("multi-disk archive (disk \(disk))"))
        }
        let start = try fileInt(offset, "central directory offset")
        let length = try fileInt(size, "central directory size")
        try file.require(start, length, "central directory (\(count) entries)")
        return (start, length, try fileInt(count, "entry count"))
    }

    /// Parses `count` central-directory headers.
    private static func readCentralDirectory(_ file: ByteView, at start: Int, size: Int,
                                             count: Int) throws -> [ZipEntry] {
        let directory = ByteView(try file.slice(at: start, length: size, "central directory"),
                                 label: "central directory")
        var entries: [ZipEntry] = []
        entries.reserveCapacity(min(count, 1 << 16))
        var cursor = 0
        for number in 0..<count {
            let what = "central directory header \(number)"
            guard try directory.uint32(at: cursor, what) == centralSignature else {
                throw TorchFormatError(.corruptArchive("\(what) at offset \(start + cursor) has a wrong signature"))
            }
            let flags = try directory.uint16(at: cursor + 8, what)
            let method = try directory.uint16(at: cursor + 10, what)
            let crc = try directory.uint32(at: cursor + 16, what)
            var compressed = UInt64(try directory.uint32(at: cursor + 20, what))
            var uncompressed = UInt64(try directory.uint32(at: cursor + 24, what))
            let nameLength = Int(try directory.uint16(at: cursor + 28, what))
            let extraLength = Int(try directory.uint16(at: cursor + 30, what))
            let commentLength = Int(try directory.uint16(at: cursor + 32, what))
            var localOffset = UInt64(try directory.uint32(at: cursor + 42, what))
            let nameBytes = try directory.slice(at: cursor + 46, length: nameLength, what)
            let name = String(decoding: nameBytes, as: UTF8.self)
            let extra = ByteView(try directory.slice(at: cursor + 46 + nameLength, length: extraLength, what),
                                 label: "extra field of '\(name)'")
            try applyZip64(extra, uncompressed: &uncompressed, compressed: &compressed, offset: &localOffset)
            if flags & 1 != 0 { throw TorchFormatError(.unsupportedArchive("entry '\(name)' is encrypted")) }
            guard method == 0 else {
                throw TorchFormatError(.unsupportedArchive(
                    "entry '\(name)' is compressed (method \(method)); torch.save writes stored entries"))
            }
            guard compressed == uncompressed else {
                throw TorchFormatError(.corruptArchive("stored entry '\(name)' has compressed size "
                    + "\(compressed) but uncompressed size \(uncompressed)"))
            }
            entries.append(ZipEntry(name: name, localHeaderOffset: try fileInt(localOffset, "offset of '\(name)'"),
                                    size: try fileInt(uncompressed, "size of '\(name)'"), crc32: crc))
            cursor += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// Replaces 32-bit fields saturated at 0xFFFFFFFF by their ZIP64 extra-field values.
    private static func applyZip64(_ extra: ByteView, uncompressed: inout UInt64, compressed: inout UInt64,
                                   offset: inout UInt64) throws {
        var cursor = 0
        while cursor + 4 <= extra.count {
            let id = try extra.uint16(at: cursor, "extra field")
            let length = Int(try extra.uint16(at: cursor + 2, "extra field"))
            if id == 0x0001 {
                var field = cursor + 4
                let saturated: UInt64 = 0xFFFF_FFFF
                if uncompressed == saturated {
                    uncompressed = try extra.uint64(at: field, "ZIP64 uncompressed size"); field += 8
                }
                if compressed == saturated {
                    compressed = try extra.uint64(at: field, "ZIP64 compressed size"); field += 8
                }
                if offset == saturated {
                    offset = try extra.uint64(at: field, "ZIP64 local header offset")
                }
                return
            }
            cursor += 4 + length
        }
    }
}
