/// The augmentation hyperparameters, with Ultralytics' names (default.yaml) and defaults.
public struct AugmentationSettings: Sendable, Equatable {
    public var hsvH = 0.015, hsvS = 0.7, hsvV = 0.4
    public var degrees = 0.0, translate = 0.1, scale = 0.5, shear = 0.0, perspective = 0.0
    public var flipud = 0.0, fliplr = 0.5
    /// RGB↔BGR channel swap probability (training only).
    public var bgr = 0.0
    public var mosaic = 1.0, mixup = 0.0, cutmix = 0.0
    /// Albumentations-like transforms applied after MixUp/CutMix, before HSV.
    public var custom: [CustomTransform] = []

    public init() {}

    /// The keys this struct reads, as written in default.yaml.
    public static let keys = ["hsv_h", "hsv_s", "hsv_v", "degrees", "translate", "scale", "shear", "perspective",
                              "flipud", "fliplr", "bgr", "mosaic", "mixup", "cutmix"]

    /// Settings from `key: value` pairs with default.yaml's names; unknown keys throw with a did-you-mean.
    public init(_ values: [String: Double]) throws {
        self.init()
        for (key, value) in values {
            switch key {
            case "hsv_h": hsvH = value
            case "hsv_s": hsvS = value
            case "hsv_v": hsvV = value
            case "degrees": degrees = value
            case "translate": translate = value
            case "scale": scale = value
            case "shear": shear = value
            case "perspective": perspective = value
            case "flipud": flipud = value
            case "fliplr": fliplr = value
            case "bgr": bgr = value
            case "mosaic": mosaic = value
            case "mixup": mixup = value
            case "cutmix": cutmix = value
            default:
                throw AugmentationError(problem: "unknown augmentation key '\(key)'\(DidYouMean.hint(for: key, among: Self.keys))",
                                        fix: "use one of \(Self.keys.joined(separator: ", "))")
            }
        }
        for (key, value) in values where ["flipud", "fliplr", "bgr", "mosaic", "mixup", "cutmix"].contains(key) {
            guard (0...1).contains(value) else {
                throw AugmentationError(problem: "\(key)=\(value) is a probability", fix: "use a value from 0 to 1")
            }
        }
    }

    /// No augmentation at all (what validation uses).
    public static let none: AugmentationSettings = {
        var s = AugmentationSettings()
        s.hsvH = 0; s.hsvS = 0; s.hsvV = 0; s.translate = 0; s.scale = 0; s.fliplr = 0; s.mosaic = 0
        return s
    }()

    /// These settings with mosaic, mixup and cutmix off, as `close_mosaic` leaves them for the last epochs.
    public var closingMosaic: AugmentationSettings {
        var s = self
        s.mosaic = 0; s.mixup = 0; s.cutmix = 0
        return s
    }
}

/// A bad augmentation setting: what is wrong and what to write instead.
public struct AugmentationError: Error, CustomStringConvertible, Sendable {
    public let problem: String
    public let fix: String
    public var description: String { "\(problem) — \(fix)" }
}
