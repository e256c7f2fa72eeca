import YOLOData

/// Two images in different splits that show the same picture.
public struct DuplicatePair: Sendable, Equatable, CustomStringConvertible {
    /// How the two were found to be the same.
    public enum Kind: String, Sendable {
        /// The split lists name the very same file.
        case sameFile = "same file"
        /// Byte-identical files (content hash, confirmed byte by byte).
        case exact
        /// Perceptual hashes within the threshold (resized, re-encoded or slightly cropped copies).
        case near
    }

    public var first: String
    public var firstSplit: DatasetSplit
    public var second: String
    public var secondSplit: DatasetSplit
    public var kind: Kind
    /// Hamming distance of the 64-bit perceptual hashes (0 for exact copies).
    public var distance: Int

    public init(first: String, firstSplit: DatasetSplit, second: String, secondSplit: DatasetSplit, kind: Kind,
                distance: Int) {
        self.first = first
        self.firstSplit = firstSplit
        self.second = second
        self.secondSplit = secondSplit
        self.kind = kind
        self.distance = distance
    }

    public var description: String {
        "\(firstSplit.rawValue) \(first) ↔ \(secondSplit.rawValue) \(second): \(kind.rawValue), distance \(distance)"
    }
}
