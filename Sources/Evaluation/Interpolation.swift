/// numpy's numeric building blocks that `ap_per_class` relies on, repeated operation for operation.
public enum NumPy {
    /// `np.linspace(start, stop, count)`: `i · step + start`, the last element set to `stop`.
    public static func linspace(_ start: Double, _ stop: Double, _ count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (stop - start) / Double(count - 1)
        var values = (0..<count).map { Double($0) * step + start }
        values[count - 1] = stop
        return values
    }

    /// `np.interp(x, xp, fp, left, right)` for non-decreasing `xp` (numpy's compiled `arr_interp`: the last segment
    /// `xp[j] <= x < xp[j+1]`, exact hits return `fp[j]`, NaN slopes retried from the right end).
    public static func interp(_ x: [Double], _ xp: [Double], _ fp: [Double], left: Double? = nil, right: Double? = nil)
        -> [Double]
    {
        precondition(!xp.isEmpty && xp.count == fp.count, "interp: xp (\(xp.count)) and fp (\(fp.count)) differ")
        let leftValue = left ?? fp[0]
        let rightValue = right ?? fp[fp.count - 1]
        let n = xp.count
        if n == 1 {
            return x.map { $0 < xp[0] ? leftValue : ($0 > xp[0] ? rightValue : fp[0]) }
        }
        return x.map { value in
            if value.isNaN { return value }
            if value > xp[n - 1] { return rightValue }
            if value < xp[0] { return leftValue }
            // Largest j with xp[j] <= value (binary search).
            var lo = 0
            var hi = n
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                if value >= xp[mid] { lo = mid + 1 } else { hi = mid }
            }
            let j = lo - 1
            if j == n - 1 || xp[j] == value { return fp[j] }
            let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
            var result = slope * (value - xp[j]) + fp[j]
            if result.isNaN {
                result = slope * (value - xp[j + 1]) + fp[j + 1]
                if result.isNaN && fp[j] == fp[j + 1] { result = fp[j] }
            }
            return result
        }
    }

    /// `np.trapezoid(y, x)`: `Σ (x[i+1] − x[i]) · (y[i+1] + y[i]) / 2`, summed the way `np.add.reduce` does.
    public static func trapezoid(_ y: [Double], _ x: [Double]) -> Double {
        precondition(x.count == y.count, "trapezoid: x (\(x.count)) and y (\(y.count)) differ")
        guard y.count > 1 else { return 0 }
        var terms = [Double]()
        terms.reserveCapacity(y.count - 1)
        for i in 0..<(y.count - 1) {
            let dx: Double = x[i + 1] - x[i]
            let sum: Double = y[i + 1] + y[i]
            terms.append(dx * sum / 2.0)
        }
        return pairwiseSum(terms[...])
    }

    /// numpy's pairwise summation (`pairwise_sum`): 8 accumulators up to 128 elements, halves above.
    public static func pairwiseSum(_ a: ArraySlice<Double>) -> Double {
        let n = a.count
        let s = a.startIndex
        if n < 8 {
            var res = 0.0  // numpy starts from -0.0; the sign of an all-zero sum does not matter here
            for v in a { res += v }
            return res
        } else if n <= 128 {
            var r = (0..<8).map { a[s + $0] }
            var i = 8
            while i < n - (n % 8) {
                for k in 0..<8 { r[k] += a[s + i + k] }
                i += 8
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                res += a[s + i]
                i += 1
            }
            return res
        } else {
            var n2 = n / 2
            n2 -= n2 % 8
            return pairwiseSum(a[s..<(s + n2)]) + pairwiseSum(a[(s + n2)...])
        }
    }

    /// `np.convolve(y, kernel, mode="valid")` for a symmetric kernel: output `i` = `Σ_k y[i+k] · kernel[k]`.
    public static func convolveValid(_ y: [Double], _ kernel: [Double]) -> [Double] {
        let count = y.count - kernel.count + 1
        guard count > 0 else { return [] }
        return (0..<count).map { i in
            var sum = 0.0
            for k in kernel.indices { sum += y[i + k] * kernel[k] }
            return sum
        }
    }
}

/// `metrics.smooth`: a box filter whose width is the fraction `f` of the length (odd, edge-padded).
public func smooth(_ y: [Double], fraction f: Double = 0.05) -> [Double] {
    guard !y.isEmpty else { return [] }
    let nf = Int((Double(y.count) * f * 2).rounded(.toNearestOrEven)) / 2 + 1  // odd filter length
    let padding = nf / 2
    let padded = [Double](repeating: y[0], count: padding) + y + [Double](repeating: y[y.count - 1], count: padding)
    return NumPy.convolveValid(padded, [Double](repeating: 1.0 / Double(nf), count: nf))
}

/// The 101 recall points of COCO's interpolated AP (`np.linspace(0, 1, 101)`).
public let apRecallPoints: [Double] = NumPy.linspace(0, 1, 101)

/// `metrics.compute_ap`: AP from one recall/precision curve — sentinels added, the precision envelope (running
/// maximum from the right), 101-point interpolation and the trapezoid rule.
/// Returns `(ap, mpre, mrec)`: the AP, the envelope and the recall with sentinels (`count + 3` values each).
public func computeAP(recall: [Double], precision: [Double]) -> (ap: Double, mpre: [Double], mrec: [Double]) {
    let mrec = [0.0] + recall + [recall.last ?? 1.0, 1.0]
    var mpre = [1.0] + precision + [0.0, 0.0]
    for i in stride(from: mpre.count - 2, through: 0, by: -1) { mpre[i] = max(mpre[i], mpre[i + 1]) }
    let ap = NumPy.trapezoid(NumPy.interp(apRecallPoints, mrec, mpre), apRecallPoints)
    return (ap, mpre, mrec)
}
