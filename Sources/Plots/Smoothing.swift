import Foundation

/// A NumPy `_gaussian_filter1d` twin (scipy's `gaussian_filter1d`, 'reflect' edges): Gaussian smoothing of a series,
/// the dotted "smooth" line of results.png (sigma 3, kernel truncated at 4 sigma).
public func gaussianFilter1D(_ y: [Double], sigma: Double = 3, truncate: Double = 4) -> [Double] {
    guard !y.isEmpty else { return [] }
    let radius = Int(truncate * sigma + 0.5)
    var kernel = (-radius...radius).map { exp(-0.5 * pow(Double($0) / sigma, 2)) }
    let total = kernel.reduce(0, +)
    kernel = kernel.map { $0 / total }
    let n = y.count
    // 'symmetric' padding: ... y1 y0 | y0 y1 ... y(n-1) | y(n-1) y(n-2) ... (repeated when radius > n)
    func sample(_ i: Int) -> Double {
        var k = i
        let period = 2 * n
        k = ((k % period) + period) % period
        return k < n ? y[k] : y[period - 1 - k]
    }
    return (0..<n).map { i in
        var sum = 0.0
        for (j, w) in kernel.enumerated() { sum += w * sample(i + j - radius) }
        return sum
    }
}
