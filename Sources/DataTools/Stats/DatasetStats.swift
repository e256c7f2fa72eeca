import YOLOData

/// Class balance of a dataset: instances and images per class and split, the imbalance ratio, rare classes, and the
/// box-size mix (COCO's small/medium/large at the training image size).
public struct DatasetStats: Sendable {
    /// Box sizes by area in pixels at the training size: small < 32², medium < 96², large otherwise (COCO).
    public struct BoxSizes: Sendable, Equatable {
        public var small = 0, medium = 0, large = 0
        public var total: Int { small + medium + large }

        public init(small: Int = 0, medium: Int = 0, large: Int = 0) {
            self.small = small
            self.medium = medium
            self.large = large
        }
    }

    /// Counts of one split.
    public struct SplitCounts: Sendable {
        public var split: DatasetSplit
        public var images = 0
        public var backgrounds = 0
        /// Boxes per class id.
        public var instances: [Int]
        /// Images containing the class, per class id.
        public var imagesWith: [Int]
        public var boxSizes = BoxSizes()
    }

    public var names: [String]
    public var splits: [SplitCounts]
    public var imageSize: Int
    /// Classes with fewer training instances than this are listed as rare.
    public var rareLimit: Int

    /// Counts the scanned splits; boxes are measured after resizing the long side to `imageSize`.
    public init(names: [String], splits: [LabeledSplit], imageSize: Int = 640, rareLimit: Int = 10) {
        self.names = names
        self.imageSize = imageSize
        self.rareLimit = rareLimit
        self.splits = splits.map { split in
            let n = max(names.count, (split.images.flatMap(\.labels.classes).max().map { Int($0) + 1 }) ?? 0)
            var counts = SplitCounts(split: split.split, instances: [Int](repeating: 0, count: n),
                                     imagesWith: [Int](repeating: 0, count: n))
            for image in split.images {
                counts.images += 1
                if image.labels.count == 0 { counts.backgrounds += 1 }
                for c in Set(image.labels.classes) { counts.imagesWith[Int(c)] += 1 }
                let scale = Double(imageSize) / Double(max(image.width, image.height, 1))
                for (k, c) in image.labels.classes.enumerated() {
                    counts.instances[Int(c)] += 1
                    let w = Double(image.labels.boxes[k * 4 + 2]) * Double(image.width) * scale
                    let h = Double(image.labels.boxes[k * 4 + 3]) * Double(image.height) * scale
                    let area = w * h
                    if area < 32 * 32 { counts.boxSizes.small += 1 } else if area < 96 * 96 { counts.boxSizes.medium += 1 } else { counts.boxSizes.large += 1 }
                }
            }
            return counts
        }
    }

    /// The split used for balance figures: train when present, else the first.
    public var reference: SplitCounts? { splits.first { $0.split == .train } ?? splits.first }

    /// Class ids with at least one instance in any split.
    public var presentClasses: [Int] {
        let n = splits.map(\.instances.count).max() ?? 0
        return (0..<n).filter { c in splits.contains { c < $0.instances.count && $0.instances[c] > 0 } }
    }

    /// Most over fewest training instances among the classes present in training (1 when balanced, nil if none).
    public var imbalanceRatio: Double? {
        guard let counts = reference?.instances.filter({ $0 > 0 }), let most = counts.max(), let fewest = counts.min()
        else { return nil }
        return Double(most) / Double(fewest)
    }

    /// The class with the most training instances and its share of all training instances.
    public var dominantClass: (id: Int, share: Double)? {
        guard let r = reference, let most = r.instances.indices.max(by: { r.instances[$0] < r.instances[$1] }) else { return nil }
        let total = r.instances.reduce(0, +)
        return total > 0 ? (most, Double(r.instances[most]) / Double(total)) : nil
    }

    /// Classes present somewhere with fewer than `rareLimit` training instances, rarest first.
    public var rareClasses: [Int] {
        guard let r = reference else { return [] }
        return presentClasses.filter { ($0 < r.instances.count ? r.instances[$0] : 0) < rareLimit }
            .sorted { (r.instances[safe: $0], $0) < (r.instances[safe: $1], $1) }
    }

    /// Classes present in some split but missing from another.
    public var classesMissingFromASplit: [(id: Int, missing: [DatasetSplit])] {
        presentClasses.compactMap { c in
            let missing = splits.filter { c >= $0.instances.count || $0.instances[c] == 0 }.map(\.split)
            return missing.isEmpty ? nil : (c, missing)
        }
    }

    /// The name of class `id` (its number when the yaml names fewer classes).
    public func name(_ id: Int) -> String { id < names.count ? names[id] : "class \(id)" }
}

extension Array where Element == Int {
    subscript(safe index: Int) -> Int { index < count ? self[index] : 0 }
}
