import Foundation
import YOLOData

/// Looks for the same picture in more than one split: exact copies by content hash, near copies (resized,
/// re-encoded, slightly cropped) by perceptual hash.
public enum LeakageCheck {
    /// Byte-identical images (or the same file) in train and val; cheap enough to run at the start of training.
    public static func exactDuplicates(train: [String], val: [String]) -> [DuplicatePair] {
        exactDuplicates([(.train, train), (.val, val)])
    }

    /// Byte-identical images (or the same file) in two scanned splits.
    public static func exactDuplicates(train: LabeledSplit, val: LabeledSplit) -> [DuplicatePair] {
        exactDuplicates(train: train.images.map(\.imageFile), val: val.images.map(\.imageFile))
    }

    /// Byte-identical images across any two of the given splits (never within one split).
    public static func exactDuplicates(_ splits: [(DatasetSplit, [String])]) -> [DuplicatePair] {
        let files = splits.flatMap { s in s.1.map { (split: s.0, file: $0) } }
        let hashes = parallelMap(files) { entry -> ContentHash? in
            (try? Data(contentsOf: URL(fileURLWithPath: entry.file), options: .mappedIfSafe)).map(ContentHash.init)
        }
        var byHash: [ContentHash: [Int]] = [:]
        for (i, h) in hashes.enumerated() { if let h { byHash[h, default: []].append(i) } }
        var pairs: [DuplicatePair] = []
        for group in byHash.values where group.count > 1 {
            for (k, i) in group.enumerated() {
                for j in group[(k + 1)...] where files[i].split != files[j].split {
                    let (a, b) = files[i].split.order < files[j].split.order ? (files[i], files[j]) : (files[j], files[i])
                    let same = a.file == b.file
                    guard same || sameBytes(a.file, b.file) else { continue }
                    pairs.append(DuplicatePair(first: a.file, firstSplit: a.split, second: b.file, secondSplit: b.split,
                                               kind: same ? .sameFile : .exact, distance: 0))
                }
            }
        }
        return pairs.sorted(by: LeakageCheck.pairOrder)
    }

    /// Images of different splits whose perceptual hashes differ in at most `threshold` bits, except the pairs in
    /// `excluding` (already reported as exact). Files that cannot be decoded are returned in `unreadable`.
    public static func nearDuplicates(_ splits: [(DatasetSplit, [String])], threshold: Int,
                                      excluding: [DuplicatePair] = []) -> (pairs: [DuplicatePair], unreadable: [String]) {
        let files = splits.flatMap { s in s.1.map { (split: s.0, file: $0) } }
        let hashes = parallelMap(files) { entry -> PerceptualHash? in
            (try? ImageDecoder.decode(contentsOf: URL(fileURLWithPath: entry.file))).map { PerceptualHash($0.image) }
        }
        let known = Set(excluding.map { [$0.first, $0.second] })
        var pairs: [DuplicatePair] = []
        for i in files.indices {
            guard let hi = hashes[i] else { continue }
            for j in (i + 1)..<files.count where files[j].split != files[i].split {
                guard let hj = hashes[j] else { continue }
                let d = hi.distance(to: hj)
                guard d <= threshold else { continue }
                let (a, b) = files[i].split.order < files[j].split.order ? (files[i], files[j]) : (files[j], files[i])
                guard !known.contains([a.file, b.file]), a.file != b.file else { continue }
                pairs.append(DuplicatePair(first: a.file, firstSplit: a.split, second: b.file, secondSplit: b.split,
                                           kind: .near, distance: d))
            }
        }
        let unreadable = files.indices.filter { hashes[$0] == nil }.map { files[$0].file }
        return (pairs.sorted(by: LeakageCheck.pairOrder), unreadable)
    }

    /// Exact and near duplicates across the splits of a dataset.
    public static func run(_ splits: [(DatasetSplit, [String])], threshold: Int) -> LeakageReport {
        let exact = exactDuplicates(splits)
        let near = nearDuplicates(splits, threshold: threshold, excluding: exact)
        return LeakageReport(pairs: exact + near.pairs, unreadable: near.unreadable, threshold: threshold,
                             imageCount: splits.reduce(0) { $0 + $1.1.count })
    }

    static func pairOrder(_ a: DuplicatePair, _ b: DuplicatePair) -> Bool {
        (a.distance, a.first, a.second) < (b.distance, b.first, b.second)
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard let x = try? Data(contentsOf: URL(fileURLWithPath: a)), let y = try? Data(contentsOf: URL(fileURLWithPath: b))
        else { return false }
        return x == y
    }

    /// `transform` over `items` on all cores, results in order.
    static func parallelMap<T, R>(_ items: [T], _ transform: (T) -> R?) -> [R?] {
        var results = [R?](repeating: nil, count: items.count)
        let lock = NSLock()
        let chunks = max(1, min(items.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = (c * items.count / chunks)..<((c + 1) * items.count / chunks)
            let local = range.map { transform(items[$0]) }
            lock.lock()
            for (k, i) in range.enumerated() { results[i] = local[k] }
            lock.unlock()
        }
        return results
    }
}

/// The pairs found by a leakage check, and the files it could not read.
public struct LeakageReport: Sendable {
    public var pairs: [DuplicatePair]
    public var unreadable: [String]
    public var threshold: Int
    public var imageCount: Int

    /// True when some picture is in more than one split.
    public var hasLeakage: Bool { !pairs.isEmpty }

    /// The lines to print: a verdict, then each pair (at most `limit`, the rest counted).
    public func lines(limit: Int = 50) -> [String] {
        guard hasLeakage else {
            return ["leakage: none — \(imageCount) images, no exact copies and no near copies within distance \(threshold) across splits"]
        }
        let exact = pairs.filter { $0.kind != .near }.count
        var lines = ["leakage: \(pairs.count) pairs across splits (\(exact) exact, \(pairs.count - exact) near, threshold \(threshold))"]
        lines += pairs.prefix(limit).map { "  \($0)" }
        if pairs.count > limit { lines.append("  … and \(pairs.count - limit) more pairs") }
        lines.append("  fix: keep each picture in one split: re-split with `yolo data split path=<images> weights=0.8,0.2` after de-duplicating, or delete the copies from train")
        return lines
    }
}

extension DatasetSplit {
    /// train < val < test, for reporting pairs in a fixed direction.
    var order: Int { DatasetSplit.allCases.firstIndex(of: self) ?? 0 }
}
