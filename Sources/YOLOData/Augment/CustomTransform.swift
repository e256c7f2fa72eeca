import Foundation
import Yams

/// Albumentations-like transforms a user adds to the training pipeline (from the Swift API or a yaml
/// `augmentations:` list); each fires with its own probability `p`.
public enum CustomTransform: Sendable, Equatable {
    /// Box blur with a random odd kernel size in 3…`limit`.
    case blur(limit: Int = 7, p: Double = 0.5)
    /// Median blur with a random odd kernel size in 3…`limit`.
    case medianBlur(limit: Int = 7, p: Double = 0.5)
    /// Left-right mirror of image and boxes.
    case horizontalFlip(p: Double = 0.5)
    /// `x·α + β·255` with α = 1 ± contrast, β = ± brightness.
    case randomBrightnessContrast(brightnessLimit: Double = 0.2, contrastLimit: Double = 0.2, p: Double = 0.5)
    /// Luma (0.299 R + 0.587 G + 0.114 B) in all three channels.
    case toGray(p: Double = 0.5)
    /// Contrast-limited adaptive histogram equalisation of the luma, 8×8 tiles.
    case clahe(clipLimit: Double = 4.0, tiles: Int = 8, p: Double = 0.5)

    /// The transform's Albumentations name.
    public var name: String {
        switch self {
        case .blur: "Blur"
        case .medianBlur: "MedianBlur"
        case .horizontalFlip: "HorizontalFlip"
        case .randomBrightnessContrast: "RandomBrightnessContrast"
        case .toGray: "ToGray"
        case .clahe: "CLAHE"
        }
    }

    public static let names = ["Blur", "MedianBlur", "HorizontalFlip", "RandomBrightnessContrast", "ToGray", "CLAHE"]

    /// The probability of firing.
    public var probability: Double {
        switch self {
        case .blur(_, let p), .medianBlur(_, let p), .horizontalFlip(let p), .randomBrightnessContrast(_, _, let p),
             .toGray(let p), .clahe(_, _, let p): p
        }
    }

    /// The transform with its parameters as Albumentations names them (for args.yaml).
    public var parameters: [(String, Double)] {
        switch self {
        case .blur(let l, let p), .medianBlur(let l, let p): [("blur_limit", Double(l)), ("p", p)]
        case .horizontalFlip(let p), .toGray(let p): [("p", p)]
        case .randomBrightnessContrast(let b, let c, let p): [("brightness_limit", b), ("contrast_limit", c), ("p", p)]
        case .clahe(let c, let t, let p): [("clip_limit", c), ("tile_grid_size", Double(t)), ("p", p)]
        }
    }

    /// Applies the transform (the probability draw included).
    public func apply(_ sample: inout Sample, random: inout DataRandom) {
        guard random.chance(probability) else { return }
        switch self {
        case .blur(let limit, _):
            sample.image = Filters.boxBlur(sample.image, kernel: Filters.randomOddKernel(limit: limit, random: &random))
        case .medianBlur(let limit, _):
            sample.image = Filters.medianBlur(sample.image, kernel: Filters.randomOddKernel(limit: limit, random: &random))
        case .horizontalFlip:
            sample = Flip.horizontal(sample)
        case .randomBrightnessContrast(let bl, let cl, _):
            let alpha = 1 + random.uniform(-cl, cl), beta = random.uniform(-bl, bl)
            Filters.brightnessContrast(&sample.image, alpha: alpha, beta: beta)
        case .toGray:
            Filters.toGray(&sample.image)
        case .clahe(let clip, let tiles, _):
            Filters.clahe(&sample.image, clipLimit: clip, tiles: tiles)
        }
    }
}

extension CustomTransform {
    /// Reads a yaml `augmentations:` list: items like `Blur: {blur_limit: 7, p: 0.5}`, `{name: Blur, p: 0.5}` or `ToGray`.
    public static func list(fromYAML text: String) throws -> [CustomTransform] {
        guard let node = try Yams.compose(yaml: text) else { return [] }
        let items: [Node]
        if let map = node.mapping, let list = map["augmentations"] { items = list.sequence.map(Array.init) ?? [] }
        else if let seq = node.sequence { items = Array(seq) }
        else { throw AugmentationError(problem: "augmentations must be a list", fix: "write '- Blur: {p: 0.5}' items") }
        return try items.map { item in
            if let name = item.string { return try make(name: name, parameters: [:], line: item.mark?.line) }
            guard let map = item.mapping else {
                throw AugmentationError(problem: "line \(item.mark?.line ?? 0): an augmentation must be a name or a mapping",
                                        fix: "write e.g. '- Blur: {blur_limit: 7, p: 0.5}'")
            }
            var name: String?, params: [String: Double] = [:]
            if map.count == 1, let (k, v) = map.first, let key = k.string, v.mapping != nil || v.null != nil {
                name = key
                for (pk, pv) in v.mapping ?? [:] { params[pk.string ?? ""] = pv.float ?? pv.int.map(Double.init) }
            } else {
                for (k, v) in map {
                    if k.string == "name" { name = v.string } else { params[k.string ?? ""] = v.float ?? v.int.map(Double.init) }
                }
            }
            guard let name else {
                throw AugmentationError(problem: "line \(item.mark?.line ?? 0): augmentation without a name",
                                        fix: "add 'name: Blur' (one of \(names.joined(separator: ", ")))")
            }
            return try make(name: name, parameters: params, line: item.mark?.line)
        }
    }

    /// Builds one transform from its name and parameters; unknown names and keys throw with a did-you-mean.
    public static func make(name: String, parameters: [String: Double], line: Int? = nil) throws -> CustomTransform {
        let at = line.map { "line \($0): " } ?? ""
        func value(_ key: String, _ fallback: Double, allowed: [String]) throws -> Double {
            for k in parameters.keys where !allowed.contains(k) {
                throw AugmentationError(problem: "\(at)\(name) has no parameter '\(k)'\(DidYouMean.hint(for: k, among: allowed))",
                                        fix: "use \(allowed.joined(separator: ", "))")
            }
            return parameters[key] ?? fallback
        }
        let p = parameters["p"] ?? 0.5
        guard (0...1).contains(p) else { throw AugmentationError(problem: "\(at)\(name) p=\(p)", fix: "use a probability from 0 to 1") }
        switch name {
        case "Blur", "MedianBlur":
            let limit = Int(try value("blur_limit", 7, allowed: ["blur_limit", "p"]))
            guard limit >= 3 else { throw AugmentationError(problem: "\(at)\(name) blur_limit=\(limit)", fix: "use an odd kernel size ≥ 3") }
            return name == "Blur" ? .blur(limit: limit, p: p) : .medianBlur(limit: limit, p: p)
        case "HorizontalFlip": _ = try value("p", p, allowed: ["p"]); return .horizontalFlip(p: p)
        case "ToGray": _ = try value("p", p, allowed: ["p"]); return .toGray(p: p)
        case "RandomBrightnessContrast":
            let allowed = ["brightness_limit", "contrast_limit", "p"]
            return .randomBrightnessContrast(brightnessLimit: try value("brightness_limit", 0.2, allowed: allowed),
                                             contrastLimit: try value("contrast_limit", 0.2, allowed: allowed), p: p)
        case "CLAHE":
            let allowed = ["clip_limit", "tile_grid_size", "p"]
            return .clahe(clipLimit: try value("clip_limit", 4, allowed: allowed),
                          tiles: Int(try value("tile_grid_size", 8, allowed: allowed)), p: p)
        default:
            throw AugmentationError(problem: "\(at)unknown augmentation '\(name)'\(DidYouMean.hint(for: name, among: names))",
                                    fix: "use one of \(names.joined(separator: ", "))")
        }
    }

    /// The list as yaml (`augmentations:` entries) for args.yaml, readable by `list(fromYAML:)`.
    public static func yaml(_ transforms: [CustomTransform]) -> String {
        guard !transforms.isEmpty else { return "augmentations: []\n" }
        func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v) }
        return "augmentations:\n" + transforms.map { t in
            "  - \(t.name): {" + t.parameters.map { "\($0.0): \(number($0.1))" }.joined(separator: ", ") + "}\n"
        }.joined()
    }
}
