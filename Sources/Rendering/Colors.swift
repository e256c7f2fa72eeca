/// The Ultralytics colour palette (`ultralytics.utils.plotting.Colors`): 20 colours, class `i` gets `colors(i % 20)`.
public enum Colors {
    /// The palette's hex codes in Ultralytics' order.
    public static let hex = [
        "042AFF", "0BDBEB", "F3F3F3", "00DFB7", "111F68", "FF6FDD", "FF444F", "CCED00", "00F344", "BD00FF",
        "00B4FF", "DD00BA", "00FFFF", "26C000", "01FFB3", "7D24FF", "7B0068", "FF1B6C", "FC6D2F", "A2FF0B",
    ]

    /// The palette as RGB colours.
    public static let palette: [RGB] = hex.map { RGB(hex: $0)! }

    /// The colour of class (or series) `i`, cycling through the palette; negative indices wrap too.
    public static func colors(_ i: Int) -> RGB {
        let n = palette.count
        return palette[((i % n) + n) % n]
    }

    /// Light palette entries on which Ultralytics writes labels in dark blue instead of white
    /// (`Annotator.dark_colors`, given there in BGR).
    static let needsDarkText: Set<RGB> = Set(
        ["0BDBEB", "F3F3F3", "00DFB7", "FF6FDD", "CCED00", "00F344", "00FFFF", "01FFB3", "A2FF0B"].map { RGB(hex: $0)! })

    /// Ultralytics' dark label text colour (BGR (104, 31, 17)).
    public static let darkText = RGB(17, 31, 104)

    /// The label text colour on a tab of `background`, as `Annotator.get_txt_color`: dark blue on the light palette
    /// colours, white on the others; for colours outside the palette, by luminance.
    public static func textColor(on background: RGB) -> RGB {
        if needsDarkText.contains(background) { return darkText }
        if palette.contains(background) { return .white }
        return background.luminance > 0.6 ? darkText : .white
    }
}
