import Foundation

/// Axis tick positions and labels chosen like matplotlib's `MaxNLocator` (steps 1, 2, 2.5, 5 × 10ⁿ).
public struct Ticks: Equatable, Sendable {
    public let values: [Double]
    public let labels: [String]

    /// No ticks at all.
    public static let none = Ticks(values: [], labels: [])

    /// Ticks at `values` written as `labels`.
    public init(values: [Double], labels: [String]) {
        precondition(values.count == labels.count, "one label per tick")
        self.values = values
        self.labels = labels
    }

    /// About `target` (at most `target + 2`) round tick values inside `range`.
    public init(range: ClosedRange<Double>, target: Int = 6) {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else {
            values = [range.lowerBound]
            labels = [Ticks.format(range.lowerBound, step: 1)]
            return
        }
        let raw = span / Double(max(target, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw * 0.999 } ?? 10 * magnitude
        let first = ceil(range.lowerBound / step - 1e-9) * step
        var ticks: [Double] = []
        var v = first
        while v <= range.upperBound + step * 1e-9 {
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        values = ticks
        labels = ticks.map { Ticks.format($0, step: step) }
    }

    /// A tick value with as many decimals as its step needs ("0.25", "10", "1e-05" for tiny ones).
    static func format(_ value: Double, step: Double) -> String {
        if step < 1e-4 { return String(format: "%.0e", value) }
        let decimals = max(0, Int(ceil(-log10(step) - 1e-9)) + (step / pow(10, floor(log10(step))) == 2.5 ? 1 : 0))
        return String(format: "%.\(decimals)f", value)
    }
}

/// matplotlib's default data limits: the data range widened by 5 % margins each side (a flat series by ±5 % of its
/// value, or ±0.05 around zero).
public func autoscaledRange(_ values: [Double], margin: Double = 0.05) -> ClosedRange<Double> {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
    if hi - lo < 1e-12 {
        let d = lo == 0 ? 0.05 : abs(lo) * 0.05
        return (lo - d)...(hi + d)
    }
    let pad = (hi - lo) * margin
    return (lo - pad)...(hi + pad)
}
