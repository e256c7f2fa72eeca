import Foundation

/// A PyTorch `.pt` file (zip + `data.pkl` + storages) decoded into a `PickleValue` tree, classes never executed.
///
///     let checkpoint = try TorchCheckpoint(contentsOf: url)
///     let weights = try checkpoint.stateDict()          // `ema` or `model` module, or a plain state-dict file
///     let yaml = checkpoint["yaml"] ?? checkpoint["model"]?["yaml"]
public struct TorchCheckpoint: Sendable {
    /// The file name used in errors (the path, or a caller-chosen label for in-memory data).
    public let name: String
    /// The unpickled top-level object (a dict with string keys for checkpoints).
    public let root: PickleValue
    /// The archive's top-level folder, e.g. `archive/`, `last/` (varies with how the file was written).
    public let archivePrefix: String

    /// Reads and decodes the file at `url`.
    /// - Parameter verifyChecksums: check each entry's CRC-32 (on by default; detects bit rot in storages).
    public init(contentsOf url: URL, verifyChecksums: Bool = true) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TorchFormatError(.io("cannot read: \(error.localizedDescription)"), file: url.path)
        }
        try self.init(data: data, name: url.path, verifyChecksums: verifyChecksums)
    }

    /// Decodes a checkpoint held in memory; `name` labels errors.
    public init(data: Data, name: String = "<memory>", verifyChecksums: Bool = true) throws {
        self.name = name
        do {
            let archive = try ZipArchiveReader(data: data)
            guard let pickle = archive.entries.first(where: { Self.isPickleEntry($0.name) }) else {
                throw TorchFormatError(.missingEntry("<folder>/data.pkl"))
            }
            let prefix = String(pickle.name.dropLast("data.pkl".count))
            if let order = archive.entry(named: prefix + "byteorder") {
                let text = String(decoding: try archive.contents(of: order, verifyingChecksum: verifyChecksums),
                                  as: UTF8.self)
                guard text.trimmingCharacters(in: .whitespacesAndNewlines) == "little" else {
                    throw TorchFormatError(.unsupportedArchive("byte order '\(text)' (only little-endian files)"))
                }
            }
            let program = try archive.contents(of: pickle, verifyingChecksum: verifyChecksums)
            let storages = StorageLoader(archive: archive, prefix: prefix, verify: verifyChecksums)
            root = try PickleMachine.load([UInt8](program), persistentLoad: storages.load)
            archivePrefix = prefix
        } catch let error as TorchFormatError {
            throw error.naming(name)
        }
    }

    /// The top-level value under `key` (`model`, `ema`, `epoch`, `train_args`, `yaml` ...), if any.
    public subscript(key: String) -> PickleValue? { root[key] }

    /// The top-level string keys, in file order.
    public var keys: [String] { root.stringKeys }

    /// Whether the entry name is `data.pkl` at the top of the archive or inside its one top-level folder.
    private static func isPickleEntry(_ name: String) -> Bool {
        guard name.hasSuffix("data.pkl") else { return false }
        let folder = name.dropLast("data.pkl".count)
        return folder.isEmpty || (folder.hasSuffix("/") && folder.dropLast().firstIndex(of: "/") == nil)
    }
}

/// Resolves torch's persistent ids `('storage', storage class, key, location, numel)` to storages, once per key.
private final class StorageLoader {
    private let archive: ZipArchiveReader
    private let prefix: String
    private let verify: Bool
    private var loaded: [String: TorchStorage] = [:]

    init(archive: ZipArchiveReader, prefix: String, verify: Bool) {
        self.archive = archive
        self.prefix = prefix
        self.verify = verify
    }

    func load(_ id: PickleValue) throws -> PickleValue {
        guard case .tuple(let parts) = id, parts.count >= 5, parts[0] == .string("storage") else {
            throw TorchFormatError(.invalidTensor("persistent id \(Self.describe(id)) is not a torch storage record"))
        }
        guard let dtype = Self.dtype(of: parts[1]) else {
            throw TorchFormatError(.invalidTensor("unknown storage class \(Self.describe(parts[1]))"))
        }
        guard let key = parts[2].stringValue, !key.isEmpty else {
            throw TorchFormatError(.invalidTensor("storage key \(Self.describe(parts[2])) is not a name"))
        }
        guard let numel = parts[4].intValue, numel >= 0 else {
            throw TorchFormatError(.invalidTensor("storage '\(key)' has element count \(Self.describe(parts[4]))"))
        }
        let cacheKey = "\(key)#\(dtype.rawValue)"
        if let storage = loaded[cacheKey] { return .storage(storage) }
        let name = prefix + "data/" + key
        guard let entry = archive.entry(named: name) else { throw TorchFormatError(.missingEntry(name)) }
        let (expected, overflow) = numel.multipliedReportingOverflow(by: dtype.byteCount)
        guard !overflow, entry.size == expected else {
            throw TorchFormatError(.invalidTensor("storage '\(name)' holds \(entry.size) bytes but the pickle says "
                + "\(numel) \(dtype) elements (\(numel &* dtype.byteCount) bytes)"))
        }
        let storage = TorchStorage(key: key, dtype: dtype, bytes: try archive.contents(of: entry, verifyingChecksum: verify))
        loaded[cacheKey] = storage
        return .storage(storage)
    }

    /// The dtype named by a storage class global (`torch.HalfStorage`), a dtype global or `torch.UntypedStorage`.
    private static func dtype(of value: PickleValue) -> TorchDType? {
        guard case .global(let module, let name) = value, module == "torch" else { return nil }
        if name == "UntypedStorage" { return .uint8 }
        return TorchDType(storageClassName: name) ?? TorchDType(torchName: name)
    }

    private static func describe(_ value: PickleValue) -> String {
        switch value {
        case .string(let text): return "'\(text)'"
        case .int(let number): return String(number)
        case .global(let module, let name): return "\(module).\(name)"
        default: return "(\(value.kindDescription))"
        }
    }
}
