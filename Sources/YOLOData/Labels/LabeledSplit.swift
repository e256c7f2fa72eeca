/// One usable image of a split: where it is, its upright size, and its checked boxes.
public struct LabeledImage: Sendable, Codable, Equatable {
    public var imageFile: String
    /// The label file read, or nil for a background image without one.
    public var labelFile: String?
    /// Width and height after EXIF orientation.
    public var width: Int
    public var height: Int
    public var labels: ImageLabels

    public init(imageFile: String, labelFile: String?, width: Int, height: Int, labels: ImageLabels) {
        self.imageFile = imageFile
        self.labelFile = labelFile
        self.width = width
        self.height = height
        self.labels = labels
    }
}

/// The counts behind a split's summary line; every skipped or changed item is counted here and named in the issues.
public struct SplitSummary: Sendable, Codable, Equatable {
    public var split: String
    /// Image files found (usable + corrupt).
    public var images = 0
    /// Usable images without boxes (no label file, or an empty one).
    public var backgrounds = 0
    /// Images skipped: unreadable, too small, unsupported, or with an unusable label row.
    public var corrupt = 0
    public var boxes = 0
    public var missingLabels = 0
    public var emptyLabels = 0
    public var duplicatesRemoved = 0
    public var clipped = 0
    public var polygons = 0
    /// Label files in the label folders that belong to no image.
    public var orphanLabels = 0
    /// Images whose labels were found beside them instead of under /labels/.
    public var labelsBesideImages = 0

    public init(split: String) { self.split = split }

    /// The reference-style line, e.g. `train: 128 images, 2 backgrounds, 0 corrupt`, plus any extra counts.
    public var line: String {
        var extras = ["\(boxes) boxes"]
        if polygons > 0 { extras.append("\(polygons) from polygons") }
        if duplicatesRemoved > 0 { extras.append("\(duplicatesRemoved) duplicate rows removed") }
        if clipped > 0 { extras.append("\(clipped) rows clipped") }
        if orphanLabels > 0 { extras.append("\(orphanLabels) label files without images") }
        if labelsBesideImages > 0 { extras.append("\(labelsBesideImages) label files beside images") }
        return "\(split): \(images) images, \(backgrounds) backgrounds, \(corrupt) corrupt (\(extras.joined(separator: ", ")))"
    }
}

/// A scanned split: the usable images, the summary, and every problem found.
public struct LabeledSplit: Sendable, Codable {
    public var split: DatasetSplit
    public var images: [LabeledImage]
    public var summary: SplitSummary
    public var issues: [DataIssue]
    /// Notes about how the split was read (the label rule, the cache).
    public var notes: [String]

    /// Usable images.
    public var count: Int { images.count }
}
