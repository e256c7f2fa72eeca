import Foundation
import Models
import TorchFormat
import Yams

extension ModelDefinition {
    /// The architecture as the reference stores `model.yaml` in checkpoints: the yaml mapping in file order (ints,
    /// floats, bools, strings; `None` stays the string 'None' as PyYAML reads it) plus `scale`, `yaml_file` and
    /// `channels`, with `nc` set to this definition's class count.
    public func pickleDict() throws -> PickleValue {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yamlText)
        } catch {
            throw CheckpointError(file: name, problem: "the model yaml cannot be re-read for the checkpoint: \(error)")
        }
        guard let mapping = root?.mapping else {
            throw CheckpointError(
                file: name, problem: "the model yaml is not a mapping; it needs nc, backbone and head")
        }
        var items: [PickleDictItem] = []
        for (key, value) in mapping {
            guard let text = key.string, !["scale", "yaml_file", "channels"].contains(text) else { continue }
            items.append(PickleDictItem(.string(text), text == "nc" ? .int(Int64(nc)) : Self.pickleValue(of: value)))
        }
        if !items.contains(where: { $0.key == .string("nc") }) {
            items.insert(PickleDictItem(.string("nc"), .int(Int64(nc))), at: 0)
        }
        items.append(PickleDictItem(.string("scale"), .string(scale)))
        items.append(PickleDictItem(.string("yaml_file"), .string(name)))
        items.append(PickleDictItem(.string("channels"), .int(3)))
        return .dict(items)
    }

    /// A yaml node as a pickle value, scalars typed by the YAML 1.1 resolver (as PyYAML's safe_load types them).
    static func pickleValue(of node: Node) -> PickleValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .bool: return node.bool.map(PickleValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(PickleValue.float) ?? .string(scalar.string)
            case .null: return .none
            default: return .string(scalar.string)
            }
        case .sequence(let sequence): return .list(sequence.map(pickleValue(of:)))
        case .mapping(let mapping):
            return .dict(mapping.map { PickleDictItem(pickleValue(of: $0.key), pickleValue(of: $0.value)) })
        case .alias: return .none
        }
    }
}
