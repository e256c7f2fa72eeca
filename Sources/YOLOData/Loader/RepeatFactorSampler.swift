import Foundation

/// How the training loader draws an epoch's images (`sampler=`).
public enum SamplingMode: String, Sendable, CaseIterable {
    /// Every image once per epoch, shuffled.
    case uniform
    /// Repeat-factor sampling: images with rare classes are drawn more often (see `RepeatFactorSampler`).
    case balanced
}

/// Repeat-factor sampling (LVIS, Gupta et al. 2019): class `c` gets `r(c) = max(1, (t / f(c))^power)` where `f(c)` is
/// the share of images containing `c`; an image repeats `max r(c)` over its classes, rounded stochastically per epoch.
///
/// The expanded list is shuffled and cut to the split's size, so an epoch keeps its length (batch count, warmup and LR
/// schedule do not change) while rare-class images fill a larger share of it. `balanced` uses `t` = the most frequent
/// class's share and `power` 1 (inverse frequency, which brings a 20:1 split to about 1:1); LVIS' own setting is
/// `t = 0.001, power = 0.5` (square root, which can only halve the imbalance on a log scale).
public struct RepeatFactorSampler: Sendable {
    /// Each image's repeat factor (≥ 1; 1 for background images).
    public let factors: [Double]

    /// Factors for images whose classes are `classes[i]`; `threshold` nil means the most frequent class's share.
    public init(classes: [[Int32]], threshold: Double? = nil, power: Double = 1) {
        let n = classes.count
        var imagesWith: [Int32: Int] = [:]
        for set in classes { for c in Set(set) { imagesWith[c, default: 0] += 1 } }
        let frequency = imagesWith.mapValues { Double($0) / Double(max(n, 1)) }
        let t = threshold ?? frequency.values.max() ?? 1
        let classFactor = frequency.mapValues { max(1, Foundation.pow(t / $0, power)) }
        factors = classes.map { set in set.map { classFactor[$0] ?? 1 }.max() ?? 1 }
    }

    /// Factors for the images of a loader.
    public init(images: [LabeledImage], threshold: Double? = nil, power: Double = 1) {
        self.init(classes: images.map(\.labels.classes), threshold: threshold, power: power)
    }

    /// The image order of one epoch: each image `floor(r)` times plus once more with probability `r - floor(r)`,
    /// shuffled, then the first `count` (default: the number of images) positions.
    public func order(epoch: Int, seed: Int, count: Int? = nil) -> [Int] {
        var random = DataRandom(seed: seed, stream: 3, epoch)
        var expanded: [Int] = []
        expanded.reserveCapacity(Int(factors.reduce(0, +)) + factors.count)
        for (i, r) in factors.enumerated() {
            let whole = Int(r.rounded(.down))
            let repeats = whole + (random.unit() < r - Double(whole) ? 1 : 0)
            expanded.append(contentsOf: repeatElement(i, count: repeats))
        }
        let shuffled = random.permutation(expanded.count).map { expanded[$0] }
        return Array(shuffled.prefix(count ?? factors.count))
    }
}
