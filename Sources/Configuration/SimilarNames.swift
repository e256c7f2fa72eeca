/// Did-you-mean suggestions computed as Python's `difflib.get_close_matches` computes them.
public enum SimilarNames {
    /// Up to `limit` candidates whose similarity ratio with `word` is at least `cutoff`, best first
    /// (ties: the larger string first, as `heapq.nlargest` orders them).
    public static func closest(to word: String, in candidates: [String], limit: Int = 3, cutoff: Double = 0.6)
        -> [String]
    {
        let target = Array(word)
        var scored: [(Double, String)] = []
        for candidate in candidates {
            let score = ratio(Array(candidate), target)
            if score >= cutoff { scored.append((score, candidate)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 > $1.1 }
        var result: [String] = []
        for (_, name) in scored where !result.contains(name) {
            result.append(name)
            if result.count == limit { break }
        }
        return result
    }

    /// `SequenceMatcher(None, a, b).ratio()`: twice the matched characters over the total length.
    public static func ratio(_ a: [Character], _ b: [Character]) -> Double {
        let total = a.count + b.count
        guard total > 0 else { return 1 }
        return 2 * Double(matchedCount(a, b)) / Double(total)
    }

    /// The characters in the matching blocks (Ratcliff/Obershelp: longest block, then both sides recursively).
    private static func matchedCount(_ a: [Character], _ b: [Character]) -> Int {
        var positions: [Character: [Int]] = [:]
        for (index, character) in b.enumerated() { positions[character, default: []].append(index) }
        var queue = [(0, a.count, 0, b.count)]
        var matched = 0
        while let (alo, ahi, blo, bhi) = queue.popLast() {
            let (i, j, size) = longestMatch(a, positions, alo, ahi, blo, bhi)
            guard size > 0 else { continue }
            matched += size
            if alo < i && blo < j { queue.append((alo, i, blo, j)) }
            if i + size < ahi && j + size < bhi { queue.append((i + size, ahi, j + size, bhi)) }
        }
        return matched
    }

    /// `find_longest_match` without junk: the earliest longest common block of `a[alo..<ahi]` and `b[blo..<bhi]`.
    private static func longestMatch(
        _ a: [Character], _ positions: [Character: [Int]], _ alo: Int, _ ahi: Int, _ blo: Int, _ bhi: Int
    ) -> (Int, Int, Int) {
        var best = (alo, blo, 0)
        var lengths: [Int: Int] = [:]
        for i in alo..<ahi {
            var next: [Int: Int] = [:]
            for j in positions[a[i]] ?? [] {
                if j < blo { continue }
                if j >= bhi { break }
                let length = (lengths[j - 1] ?? 0) + 1
                next[j] = length
                if length > best.2 { best = (i - length + 1, j - length + 1, length) }
            }
            lengths = next
        }
        return best
    }
}
