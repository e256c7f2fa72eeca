import Foundation
import Models
import NN
import Tensors
import TorchFormat

/// What `transfer(from:file:)` copied: "Transferred 702/708 items from yolo26n.pt".
public struct TransferReport: Equatable, Sendable {
    /// Model entries that received a checkpoint tensor (same name and shape).
    public let transferred: Int
    /// Entries in the model's state dict.
    public let total: Int
    /// Model entries left as they were, with the reason (missing in the file, or the shapes that differ).
    public let skipped: [String]
    /// The file the weights came from (its last path component in `message`).
    public let file: String

    /// The reference's log line, e.g. `Transferred 702/708 items from yolo26n.pt`.
    public var message: String {
        "Transferred \(transferred)/\(total) items from \((file as NSString).lastPathComponent)"
    }
}

extension DetectionModel {
    /// Copies every checkpoint tensor whose name and shape equal a model entry's (f16/bf16/f64/i64 → f32, the int64
    /// `num_batches_tracked` included), like the reference's `intersect_dicts` + `load_state_dict(strict=False)`.
    @discardableResult
    public func transfer(from weights: TorchStateDict, file: String) -> TransferReport {
        var transferred = 0
        var skipped: [String] = []
        let entries = stateDict()
        for (name, tensor) in entries {
            guard let source = weights[name] else {
                skipped.append("\(name) (not in the file)")
                continue
            }
            guard source.shape == tensor.shape else {
                skipped.append("\(name) (file \(source.shape), model \(tensor.shape))")
                continue
            }
            Self.copy(source, into: tensor)
            transferred += 1
        }
        return TransferReport(transferred: transferred, total: entries.count, skipped: skipped, file: file)
    }

    /// Loads a state dict that must describe exactly this architecture: every model entry present with its shape
    /// (extra file entries are an error too). Throws a `CheckpointError` naming `file` and the first mismatches.
    public func load(weights: TorchStateDict, file: String) throws {
        let entries = stateDict()
        var problems: [String] = []
        for (name, tensor) in entries {
            guard let source = weights[name] else {
                problems.append("'\(name)' \(tensor.shape) is missing")
                continue
            }
            if source.shape != tensor.shape {
                problems.append("'\(name)' has shape \(source.shape) in the file but \(tensor.shape) in the model")
            } else if !source.dtype.isFloatingPoint, !name.hasSuffix("num_batches_tracked") {
                problems.append("'\(name)' is \(source.dtype), not a floating-point tensor")
            }
        }
        let known = Set(entries.map(\.name))
        let extra = weights.names.filter { !known.contains($0) }
        if !extra.isEmpty {
            problems.append(
                "\(extra.count) file entries the model does not have (\(extra.prefix(3).joined(separator: ", ")))")
        }
        guard problems.isEmpty else {
            throw CheckpointError(
                file: file,
                problem: "weights do not fit the \(definition.name) architecture: "
                    + problems.prefix(4).joined(separator: "; ")
                    + (problems.count > 4 ? "; … \(problems.count) problems" : "")
                    + ". Rebuild the model from the checkpoint's own yaml, or load it with transfer(from:) to copy "
                    + "only the matching tensors")
        }
        for (name, tensor) in entries { Self.copy(weights[name]!, into: tensor) }
    }

    /// The model's state dict as PyTorch writes it: float32 tensors, `num_batches_tracked` as int64 0-d tensors.
    public func torchStateDict() -> TorchStateDict {
        TorchStateDict(
            stateDict().map { name, tensor -> (String, TorchTensor) in
                if name.hasSuffix("num_batches_tracked") {
                    return (name, TorchTensor(int64s: tensor.scalars.map { Int64($0.rounded()) }, shape: tensor.shape))
                }
                return (name, TorchTensor(floats: tensor.scalars, shape: tensor.shape))
            })
    }

    /// Overwrites `tensor` with `source`'s elements converted to Float (shapes already checked).
    static func copy(_ source: TorchTensor, into tensor: Tensor) {
        let values = source.floats()
        precondition(values.count == tensor.count, "copy: \(source.shape) into \(tensor.shape)")
        values.withUnsafeBufferPointer { tensor.mutableData.update(from: $0.baseAddress!, count: values.count) }
    }
}
