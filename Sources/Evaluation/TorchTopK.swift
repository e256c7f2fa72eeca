/// `torch.topk(values, k)` on the CPU (largest, sorted), including the order it gives equal values.
///
/// PyTorch's CPU kernel (`topk_impl_loop`) pairs each value with its index and, with the comparator
/// `x > y` (NaN first), runs libstdc++'s `std::partial_sort` when `k · 64 <= n`, else `std::nth_element` at `k − 1`
/// followed by `std::sort` of the first `k − 1`. Neither is stable, so equal scores (common in untrained models)
/// come out in an order only those exact algorithms reproduce; this file repeats them step for step.
/// Returns the indices of the `k` selected values, in torch's output order.
public func torchTopKIndices(_ values: [Float], k: Int) -> [Int] {
    let n = values.count
    precondition(k >= 0 && k <= n, "topk: k = \(k) out of range for \(n) values")
    if k == 0 { return [] }
    var heap = LibStdCxxSort(values.enumerated().map { Element(value: Double($1), index: $0) })
    if k * 64 <= n {
        heap.partialSort(0, k, n)
    } else {
        heap.nthElement(0, k - 1, n)
        heap.sort(0, k - 1)
    }
    return heap.items.prefix(k).map(\.index)
}

/// `torch.argsort(values, descending=True)` on the CPU (`stable=False`): libstdc++'s `std::sort` of (value, index)
/// pairs with the same comparator, so equal values come out in torch's order (not stable beyond 16 elements).
public func torchArgsortDescending(_ values: [Float]) -> [Int] {
    var sorter = LibStdCxxSort(values.enumerated().map { Element(value: Double($1), index: $0) })
    sorter.sort(0, values.count)
    return sorter.items.map(\.index)
}

struct Element {
    var value: Double  // torch compares in the accumulate type (double for float)
    var index: Int
}

/// libstdc++'s `std::sort`, `std::nth_element` and `std::partial_sort` (bits/stl_algo.h, stl_heap.h) over
/// `items`, with torch's descending comparator.
struct LibStdCxxSort {
    var items: [Element]

    init(_ items: [Element]) { self.items = items }

    static let threshold = 16  // _S_threshold

    /// torch's comparator: NaN first, then larger first.
    @inline(__always)
    static func before(_ x: Element, _ y: Element) -> Bool {
        (x.value.isNaN && !y.value.isNaN) || x.value > y.value
    }

    @inline(__always) func less(_ i: Int, _ j: Int) -> Bool { Self.before(items[i], items[j]) }

    static func lg(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }

    // MARK: std::sort

    mutating func sort(_ first: Int, _ last: Int) {
        guard first != last else { return }
        introsortLoop(first, last, Self.lg(last - first) * 2)
        finalInsertionSort(first, last)
    }

    mutating func introsortLoop(_ first: Int, _ last: Int, _ depth: Int) {
        var last = last
        var depth = depth
        while last - first > Self.threshold {
            if depth == 0 {
                partialSort(first, last, last)
                return
            }
            depth -= 1
            let cut = unguardedPartitionPivot(first, last)
            introsortLoop(cut, last, depth)
            last = cut
        }
    }

    mutating func unguardedPartitionPivot(_ first: Int, _ last: Int) -> Int {
        let mid = first + (last - first) / 2
        moveMedianToFirst(first, first + 1, mid, last - 1)
        return unguardedPartition(first + 1, last, first)
    }

    mutating func moveMedianToFirst(_ result: Int, _ a: Int, _ b: Int, _ c: Int) {
        if less(a, b) {
            if less(b, c) { items.swapAt(result, b) } else if less(a, c) { items.swapAt(result, c) } else {
                items.swapAt(result, a)
            }
        } else if less(a, c) {
            items.swapAt(result, a)
        } else if less(b, c) {
            items.swapAt(result, c)
        } else {
            items.swapAt(result, b)
        }
    }

    mutating func unguardedPartition(_ first: Int, _ last: Int, _ pivot: Int) -> Int {
        var first = first
        var last = last
        while true {
            while less(first, pivot) { first += 1 }
            last -= 1
            while less(pivot, last) { last -= 1 }
            if !(first < last) { return first }
            items.swapAt(first, last)
            first += 1
        }
    }

    mutating func finalInsertionSort(_ first: Int, _ last: Int) {
        if last - first > Self.threshold {
            insertionSort(first, first + Self.threshold)
            for i in (first + Self.threshold)..<last { unguardedLinearInsert(i) }
        } else {
            insertionSort(first, last)
        }
    }

    mutating func insertionSort(_ first: Int, _ last: Int) {
        guard first != last else { return }
        var i = first + 1
        while i != last {
            if less(i, first) {
                let value = items[i]
                var j = i
                while j > first {  // move_backward(first, i, i + 1)
                    items[j] = items[j - 1]
                    j -= 1
                }
                items[first] = value
            } else {
                unguardedLinearInsert(i)
            }
            i += 1
        }
    }

    mutating func unguardedLinearInsert(_ position: Int) {
        let value = items[position]
        var last = position
        var next = position - 1
        while Self.before(value, items[next]) {
            items[last] = items[next]
            last = next
            next -= 1
        }
        items[last] = value
    }

    // MARK: std::nth_element

    mutating func nthElement(_ first: Int, _ nth: Int, _ last: Int) {
        guard first != last, nth != last else { return }
        var first = first
        var last = last
        var depth = Self.lg(last - first) * 2
        while last - first > 3 {
            if depth == 0 {
                heapSelect(first, nth + 1, last)
                items.swapAt(first, nth)
                return
            }
            depth -= 1
            let cut = unguardedPartitionPivot(first, last)
            if cut <= nth { first = cut } else { last = cut }
        }
        insertionSort(first, last)
    }

    // MARK: std::partial_sort and the heap

    mutating func partialSort(_ first: Int, _ middle: Int, _ last: Int) {
        heapSelect(first, middle, last)
        sortHeap(first, middle)
    }

    mutating func heapSelect(_ first: Int, _ middle: Int, _ last: Int) {
        makeHeap(first, middle)
        var i = middle
        while i < last {
            if less(i, first) { popHeap(first, middle, i) }
            i += 1
        }
    }

    mutating func makeHeap(_ first: Int, _ last: Int) {
        let length = last - first
        if length < 2 { return }
        var parent = (length - 2) / 2
        while true {
            adjustHeap(first, parent, length, items[first + parent])
            if parent == 0 { return }
            parent -= 1
        }
    }

    mutating func popHeap(_ first: Int, _ last: Int, _ result: Int) {
        let value = items[result]
        items[result] = items[first]
        adjustHeap(first, 0, last - first, value)
    }

    mutating func adjustHeap(_ first: Int, _ hole: Int, _ length: Int, _ value: Element) {
        let top = hole
        var hole = hole
        var child = hole
        while child < (length - 1) / 2 {
            child = 2 * (child + 1)
            if less(first + child, first + (child - 1)) { child -= 1 }
            items[first + hole] = items[first + child]
            hole = child
        }
        if length & 1 == 0 && child == (length - 2) / 2 {
            child = 2 * (child + 1)
            items[first + hole] = items[first + (child - 1)]
            hole = child - 1
        }
        // __push_heap
        var parent = (hole - 1) / 2
        while hole > top && Self.before(items[first + parent], value) {
            items[first + hole] = items[first + parent]
            hole = parent
            parent = (hole - 1) / 2
        }
        items[first + hole] = value
    }

    mutating func sortHeap(_ first: Int, _ last: Int) {
        var last = last
        while last - first > 1 {
            last -= 1
            popHeap(first, last, last)
        }
    }
}
