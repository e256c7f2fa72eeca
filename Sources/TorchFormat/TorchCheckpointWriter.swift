import Foundation

/// Writes PyTorch-format `.pt` files (zip + protocol 2 `data.pkl` + storages) that
/// `torch.load(path, weights_only=True)` opens, e.g. checkpoints holding `model`/`ema` state dicts and plain values.
///
///     try TorchCheckpointWriter.write(.dict(["model": weights.pickleValue, "epoch": .int(3)]), to: url)
public enum TorchCheckpointWriter {
    /// The archive bytes for `value`, with entries under `archiveName/` in torch's order.
    public static func encode(_ value: PickleValue, archiveName: String = "archive") throws -> Data {
        try encode(value, archiveName: archiveName, forceZip64: false)
    }

    /// Writes `value` to `url` atomically: a temporary file in the same folder, flushed, then renamed over `url`.
    public static func write(_ value: PickleValue, to url: URL, archiveName: String = "archive") throws {
        let data: Data
        do {
            data = try encode(value, archiveName: archiveName)
        } catch let error as TorchFormatError {
            throw error.naming(url.path)
        }
        try writeAtomically(data, to: url)
    }

    static func encode(_ value: PickleValue, archiveName: String, forceZip64: Bool) throws -> Data {
        let (pickle, storages) = try PickleWriter.encode(value)
        let prefix = archiveName.isEmpty ? "" : archiveName + "/"
        var zip = ZipArchiveWriter()
        zip.forceZip64 = forceZip64
        zip.add(prefix + "data.pkl", contents: Data(pickle))
        zip.add(prefix + ".format_version", contents: Data("1".utf8))
        zip.add(prefix + ".storage_alignment", contents: Data(String(ZipArchiveWriter.alignment).utf8))
        zip.add(prefix + "byteorder", contents: Data("little".utf8))
        for record in storages { zip.add(prefix + "data/" + record.key, contents: record.storage.bytes) }
        zip.add(prefix + "version", contents: Data("3\n".utf8))
        zip.add(prefix + ".data/serialization_id", contents: Data(serializationID(pickle).utf8))
        return zip.finish()
    }

    /// A 40-digit id derived from the pickle, so the same content gives the same file.
    private static func serializationID(_ pickle: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        var digits = ""
        for round in 0..<4 {
            for byte in pickle { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash ^= UInt64(round)
            let text = String(hash % 10_000_000_000)
            digits += String(repeating: "0", count: 10 - text.count) + text
        }
        return digits
    }

    /// Writes `data` next to `url` under a temporary name, syncs it and renames it to `url`.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw TorchFormatError(.io("cannot write a temporary file in \(folder.path): "
                + "\(error.localizedDescription); check that the folder exists and is writable"), file: url.path)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw TorchFormatError(.io("cannot move the finished file into place: \(reason)"), file: url.path)
        }
    }
}
