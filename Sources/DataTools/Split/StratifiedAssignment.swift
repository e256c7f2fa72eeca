import YOLOData

/// A piece that must stay in one split: one image, or the images of one group (frames of a video).
public struct SplitUnit: Sendable, Equatable {
    /// Indices of the images it holds.
    public var members: [Int]
    /// The classes present in any of its images.
    public var classes: Set<Int32>

    public init(members: [Int], classes: Set<Int32>) {
        self.members = members
        self.classes = classes
    }
}

/// Assigns units to train/val/test: exact image counts from the weights, then (when stratifying) iterative
/// stratification (Sechidis et al. 2011): rarest class first, each unit goes to the split that still wants that class
/// most, preferring a split that has none of it yet, so every class reaches every split when there are enough images.
public struct StratifiedAssignment: Sendable {
    public var weights: [Double]
    public var seed: Int
    public var stratify: Bool

    public init(weights: [Double], seed: Int = 0, stratify: Bool = true) {
        self.weights = weights
        self.seed = seed
        self.stratify = stratify
    }

    /// Image counts per split that sum to `total`, each within one image of `total * weight` (largest remainder).
    public static func targetCounts(total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Double(total) * $0 / sum }
        var counts = exact.map { Int($0.rounded(.down)) }
        let byRemainder = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        for k in 0..<(total - counts.reduce(0, +)) { counts[byRemainder[k % byRemainder.count]] += 1 }
        return counts
    }

    /// The split index (0 train, 1 val, 2 test) of every unit.
    public func assign(_ units: [SplitUnit]) -> [Int] {
        let total = units.reduce(0) { $0 + $1.members.count }
        var capacity = StratifiedAssignment.targetCounts(total: total, weights: weights)
        let open = weights.indices.filter { weights[$0] > 0 }
        var random = DataRandom(seed: seed, stream: 7)
        let shuffled = random.permutation(units.count)
        var result = [Int](repeating: -1, count: units.count)

        // Class statistics: how many images of each class each split still wants, and how many it has.
        let share = weights.map { $0 / max(weights.reduce(0, +), .leastNonzeroMagnitude) }
        var desire: [Int32: [Double]] = [:]
        var have: [Int32: [Int]] = [:]
        var remaining: [Int32: Int] = [:]
        for unit in units {
            for c in unit.classes {
                remaining[c, default: 0] += 1
                var wanted = desire[c] ?? share.map { _ in 0 }
                for s in wanted.indices { wanted[s] += share[s] * Double(unit.members.count) }
                desire[c] = wanted
            }
        }
        for c in desire.keys { have[c] = weights.map { _ in 0 } }

        func place(_ u: Int, by c: Int32?) {
            let size = units[u].members.count
            let fitting = open.filter { capacity[$0] >= size }
            let candidates = fitting.isEmpty ? open : fitting
            let chosen = candidates.max { a, b in
                let ka = key(a, c), kb = key(b, c)
                return ka.lexicographicallyPrecedes(kb) || (ka == kb && a > b)
            } ?? 0
            result[u] = chosen
            capacity[chosen] -= size
            for k in units[u].classes {
                desire[k]![chosen] -= Double(size)
                have[k]![chosen] += 1
                remaining[k]! -= 1
            }
        }
        func key(_ s: Int, _ c: Int32?) -> [Double] {
            guard let c, stratify else { return [Double(capacity[s])] }
            return [have[c]![s] == 0 ? 1 : 0, desire[c]![s], Double(capacity[s])]
        }

        if stratify {
            while let c = remaining.filter({ $0.value > 0 }).min(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key {
                for u in shuffled where result[u] < 0 && units[u].classes.contains(c) { place(u, by: c) }
            }
        }
        for u in shuffled where result[u] < 0 { place(u, by: nil) }
        return result
    }
}
