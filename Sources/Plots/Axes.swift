import Rendering

/// One plot panel: a pixel frame on a figure and the data ranges it shows; maps data to pixels (y up).
public struct Axes: Sendable {
    /// The plot area in figure pixels.
    public var frame: PixelRect
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>

    public init(frame: PixelRect, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
        self.frame = frame
        self.xRange = xRange
        self.yRange = yRange
    }

    /// The pixel x of data `x`.
    public func px(_ x: Double) -> Double {
        let span = xRange.upperBound - xRange.lowerBound
        return Double(frame.x) + (span > 0 ? (x - xRange.lowerBound) / span : 0.5) * Double(frame.width)
    }

    /// The pixel y of data `y` (larger values higher up).
    public func py(_ y: Double) -> Double {
        let span = yRange.upperBound - yRange.lowerBound
        return Double(frame.maxY) - (span > 0 ? (y - yRange.lowerBound) / span : 0.5) * Double(frame.height)
    }

    /// The pixel point of data (`x`, `y`).
    public func point(_ x: Double, _ y: Double) -> Point { Point(px(x), py(y)) }
}

/// A legend line: a short stroke in the series style and its text.
public struct LegendEntry: Sendable {
    public var label: String
    public var color: RGB
    public var lineWidth: Double
    public var dash: [Double]?
    public var marker: Bool

    public init(label: String, color: RGB, lineWidth: Double, dash: [Double]? = nil, marker: Bool = false) {
        self.label = label
        self.color = color
        self.lineWidth = lineWidth
        self.dash = dash
        self.marker = marker
    }
}

/// matplotlib's default colour cycle ("tab10"), used for series that are not classes.
public enum Tab10 {
    public static let colors: [RGB] = ["1F77B4", "FF7F0E", "2CA02C", "D62728", "9467BD", "8C564B", "E377C2", "7F7F7F",
                                       "BCBD22", "17BECF"].map { RGB(hex: $0)! }

    public static func color(_ i: Int) -> RGB { colors[i % colors.count] }
}
