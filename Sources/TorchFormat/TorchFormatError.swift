import Foundation

/// An error raised while reading or writing a PyTorch `.pt` file; its text names the file and what was found.
public struct TorchFormatError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// What went wrong, independent of the file.
    public enum Kind: Equatable, Sendable {
        /// The file is shorter than its own headers say (e.g. a partially copied download).
        case truncated(String)
        /// The file does not start or end like a ZIP archive; `found` describes the leading bytes.
        case notAZipArchive(found: String)
        /// The ZIP structure is inconsistent (bad signature, entry outside the file, bad checksum ...).
        case corruptArchive(String)
        /// The ZIP uses a feature this reader does not support (compression, encryption, multi-disk).
        case unsupportedArchive(String)
        /// A required entry (`data.pkl`, a storage `data/<key>`) is absent.
        case missingEntry(String)
        /// The pickle stream holds an opcode this reader does not know.
        case unknownOpcode(UInt8, offset: Int)
        /// The pickle stream ends in the middle of an instruction or before `STOP`.
        case truncatedPickle(offset: Int)
        /// The pickle stream is well formed byte-wise but its program is invalid (stack underflow, bad memo key ...).
        case invalidPickle(String, offset: Int)
        /// A tensor or storage record is inconsistent (unknown storage class, view outside its storage ...).
        case invalidTensor(String)
        /// The content is valid pickle but not what the caller asked for (e.g. no module, no state dict).
        case unexpectedContent(String)
        /// The writer was given a value it cannot store in a `weights_only` checkpoint.
        case unsupportedValue(String)
        /// The file system refused a read or write.
        case io(String)
    }

    /// The file involved, when known.
    public var file: String?
    /// What went wrong.
    public var kind: Kind

    /// Creates an error about `file`.
    public init(_ kind: Kind, file: String? = nil) {
        self.kind = kind
        self.file = file
    }

    /// The same error, naming `file` if it did not name one yet.
    func naming(_ file: String) -> TorchFormatError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    public var description: String {
        let prefix = file.map { "\($0): " } ?? ""
        return prefix + detail
    }

    public var errorDescription: String? { description }

    private var detail: String {
        switch kind {
        case .truncated(let what):
            return "file is truncated (\(what)); copy or download it again"
        case .notAZipArchive(let found):
            return "not a PyTorch zip checkpoint (found \(found)); legacy (pre-1.6) torch.save files "
                + "must be re-saved with a current torch"
        case .corruptArchive(let what):
            return "corrupt zip archive: \(what)"
        case .unsupportedArchive(let what):
            return "unsupported zip feature: \(what); re-save the file with torch.save"
        case .missingEntry(let name):
            return "archive entry '\(name)' is missing; the file is incomplete or not a torch checkpoint"
        case .unknownOpcode(let code, let offset):
            return String(format: "unknown pickle opcode 0x%02x at byte %d of data.pkl", Int(code), offset)
        case .truncatedPickle(let offset):
            return "data.pkl ends unexpectedly at byte \(offset) (no STOP opcode)"
        case .invalidPickle(let what, let offset):
            return "invalid pickle program at byte \(offset) of data.pkl: \(what)"
        case .invalidTensor(let what):
            return "invalid tensor record: \(what)"
        case .unexpectedContent(let what):
            return what
        case .unsupportedValue(let what):
            return "cannot write \(what) to a weights_only checkpoint; convert it to a dict, list, "
                + "number, string or tensor first"
        case .io(let what):
            return what
        }
    }
}
