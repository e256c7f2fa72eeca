/// Element types of PyTorch storages, named after their storage classes (`torch.HalfStorage` ...).
public enum TorchDType: String, CaseIterable, Sendable, Equatable {
    case float16, bfloat16, float32, float64, int64, int32, int16, int8, uint8, bool

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .float64, .int64: return 8
        case .float32, .int32: return 4
        case .float16, .bfloat16, .int16: return 2
        case .int8, .uint8, .bool: return 1
        }
    }

    /// Whether the type holds floating-point values.
    public var isFloatingPoint: Bool {
        switch self {
        case .float16, .bfloat16, .float32, .float64: return true
        default: return false
        }
    }

    /// The legacy storage class torch pickles for this type, e.g. `HalfStorage` (module `torch`).
    public var storageClassName: String {
        switch self {
        case .float16: return "HalfStorage"
        case .bfloat16: return "BFloat16Storage"
        case .float32: return "FloatStorage"
        case .float64: return "DoubleStorage"
        case .int64: return "LongStorage"
        case .int32: return "IntStorage"
        case .int16: return "ShortStorage"
        case .int8: return "CharStorage"
        case .uint8: return "ByteStorage"
        case .bool: return "BoolStorage"
        }
    }

    /// The type of the storage class `torch.<name>`, or nil when it is not a known typed storage.
    public init?(storageClassName name: String) {
        guard let match = Self.allCases.first(where: { $0.storageClassName == name }) else { return nil }
        self = match
    }

    /// The type of a `torch.<dtype>` global such as `torch.float16` or `torch.half`.
    public init?(torchName name: String) {
        switch name {
        case "float16", "half": self = .float16
        case "bfloat16": self = .bfloat16
        case "float32", "float": self = .float32
        case "float64", "double": self = .float64
        case "int64", "long": self = .int64
        case "int32", "int": self = .int32
        case "int16", "short": self = .int16
        case "int8": self = .int8
        case "uint8": self = .uint8
        case "bool": self = .bool
        default: return nil
        }
    }
}
