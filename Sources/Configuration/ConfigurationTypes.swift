/// `imgsz`: a square size (train, val) or height and width (predict).
public struct ImageSize: Hashable, Sendable {
    public var height: Int
    public var width: Int

    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// The side of a square image that holds both (train and val use `max(h, w)`, as the reference).
    public var square: Int { max(height, width) }

    init(_ value: ConfigValue) {
        switch value {
        case .list(let items) where items.count == 2:
            self.init(height: items[0].intValue ?? 640, width: items[1].intValue ?? 640)
        case .list(let items) where items.count == 1:
            let side = items[0].intValue ?? 640
            self.init(height: side, width: side)
        default:
            let side = value.intValue ?? 640
            self.init(height: side, width: side)
        }
    }
}

/// `batch`: a fixed size, AutoBatch (`-1`), or AutoBatch for a fraction of memory (`0.7`).
public enum BatchSize: Hashable, Sendable {
    case fixed(Int)
    case auto
    case memoryFraction(Double)

    init(_ value: ConfigValue) {
        if case .float(let fraction) = value { self = .memoryFraction(fraction); return }
        let size = value.intValue ?? 16
        self = size == -1 ? .auto : .fixed(size)
    }
}

/// `cache`: no cache, decoded images in RAM, or on disk.
public enum CacheMode: String, Hashable, Sendable {
    case none, ram, disk

    init(_ value: ConfigValue) {
        switch value {
        case .bool(true): self = .ram
        case .string(let word): self = CacheMode(rawValue: word) ?? .none
        default: self = .none
        }
    }
}

/// `amp`: the training precision (`True`/`fp16`, `bf16`, `False`/`fp32`).
public enum Precision: String, Hashable, Sendable {
    case fp16, bf16, fp32

    init(_ value: ConfigValue) {
        switch value {
        case .bool(let flag): self = flag ? .fp16 : .fp32
        case .string(let word): self = Precision(rawValue: word) ?? .fp32
        default: self = .fp32
        }
    }
}

/// `pretrained`: use the model file's weights, none, or the weights of another file.
public enum PretrainedWeights: Hashable, Sendable {
    case enabled
    case disabled
    case file(String)

    init(_ value: ConfigValue) {
        switch value {
        case .string(let path): self = .file(path)
        case .bool(false): self = .disabled
        default: self = .enabled
        }
    }
}

/// `resume`: start fresh, resume from `model=` (bare `resume`), or from a checkpoint path.
public enum ResumeRequest: Hashable, Sendable {
    case no
    case fromModel
    case checkpoint(String)

    init(_ value: ConfigValue) {
        switch value {
        case .bool(true): self = .fromModel
        case .string(let path): self = .checkpoint(path)
        default: self = .no
        }
    }
}

/// `freeze`: the first N layers, or layers by index or module name (`"23.cv2"`).
public enum LayerFreeze: Hashable, Sendable {
    case first(Int)
    case layers([String])

    init?(_ value: ConfigValue) {
        switch value {
        case .int(let count): self = .first(count)
        case .list(let items): self = .layers(items.map(\.commandLineText))
        default: return nil
        }
    }
}
