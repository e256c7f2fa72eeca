extension Canvas {
    /// The line width Ultralytics' `Annotator` picks for a picture: 0.3 % of its mean side, at least 2 pixels.
    public var annotationLineWidth: Int { max(Int((Double(width + height) / 2 * 0.003).rounded()), 2) }

    /// Draws a detection the Ultralytics way: the box outlined in `color`, and when `label` is not empty, a filled
    /// tab in `color` holding the label ("person 0.87") above the box's top-left corner (inside the box when there
    /// is no room above), shifted left to stay on the canvas; the text is white or dark blue as `Annotator` chooses.
    public mutating func labelBox(x1: Double, y1: Double, x2: Double, y2: Double, label: String, color: RGB,
                                  lineWidth: Int? = nil, fontSize: Double? = nil, font: Font? = nil) throws {
        let lw = lineWidth ?? annotationLineWidth
        let left = Int(x1), top = Int(y1)
        strokeRect(x1: left, y1: top, x2: Int(x2), y2: Int(y2), color: color, lineWidth: lw)
        guard !label.isEmpty else { return }
        let size = fontSize ?? max(Double(lw) * 5.5, 11)
        let mask = TextMask(label, size: size, font: try font ?? Font.standard())
        let padding = max(lw / 2, 1)
        let tabW = mask.width + 2 * padding, tabH = mask.height + padding
        let outside = top - lw / 2 >= tabH
        let tabX = min(max(left - (lw - 1) / 2, 0), max(width - tabW, 0))
        let tabY = outside ? top - (lw - 1) / 2 - tabH : top
        fill(PixelRect(x: tabX, y: tabY, width: tabW, height: tabH), color: color)
        draw(mask, x: tabX + padding, y: tabY + padding / 2, color: Colors.textColor(on: color))
    }
}
