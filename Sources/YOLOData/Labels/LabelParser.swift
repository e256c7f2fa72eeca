/// The boxes of one image: class ids and normalised `cx cy w h` boxes (4 floats per box).
public struct ImageLabels: Sendable, Codable, Equatable {
    public var classes: [Int32]
    /// `cx cy w h` per box, normalised to the image size.
    public var boxes: [Float]

    public init(classes: [Int32] = [], boxes: [Float] = []) {
        precondition(boxes.count == classes.count * 4, "ImageLabels: \(classes.count) classes need \(classes.count * 4) box values, got \(boxes.count)")
        self.classes = classes
        self.boxes = boxes
    }

    public var count: Int { classes.count }
}

/// Parses and checks one YOLO label file: `class cx cy w h` rows and `class x1 y1 … xn yn` polygon rows.
public struct LabelParser: Sendable {
    /// The number of classes; class ids must be below it.
    public var classCount: Int
    /// Coordinates this far outside [0, 1] are clipped with a note; further out they are an error.
    public var tolerance: Float = 0.01

    public init(classCount: Int) { self.classCount = classCount }

    /// What one file held: its boxes, problems, and counters for the split summary.
    public struct Parsed: Sendable {
        public var labels = ImageLabels()
        public var issues: [DataIssue] = []
        /// True when some row is unusable: the reference skips the whole image then, and so do we.
        public var isCorrupt = false
        public var duplicates = 0
        public var clipped = 0
        public var polygons = 0
    }

    /// Checks every row of `text` (the contents of `file`).
    public func parse(_ text: String, file: String) -> Parsed {
        var result = Parsed()
        var seen: [[Float]: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let tokens = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "," })
            if tokens.isEmpty { continue }
            func fail(_ problem: String, _ fix: String) {
                result.issues.append(DataIssue(.error, file: file, line: lineNumber, problem: problem, fix: fix))
                result.isCorrupt = true
            }
            let n = tokens.count
            guard n == 5 || (n >= 7 && n % 2 == 1) else {
                let hint = n == 6 ? " (6 values: a confidence column from predictions, or a keypoint/OBB row?)" : ""
                fail("\(n) values in the row\(hint); a box row has 5 (class cx cy w h), a polygon row class + ≥ 3 x y pairs",
                     "fix or delete the row")
                continue
            }
            var values = [Float](repeating: 0, count: n)
            var bad: String?
            for (k, token) in tokens.enumerated() {
                guard let v = Float(token) else { bad = "'\(token)' is not a number"; break }
                guard v.isFinite else { bad = "value \(k + 1) is \(token) (NaN or infinite)"; break }
                values[k] = v
            }
            if let bad { fail(bad, "write finite numbers only (class cx cy w h, normalised 0…1)"); continue }
            let cls = values[0]
            guard cls >= 0, cls == cls.rounded() else {
                fail("class '\(tokens[0])' is not a non-negative integer", "use class indices 0…\(classCount - 1)")
                continue
            }
            guard Int(cls) < classCount else {
                fail("class \(Int(cls)) exceeds the dataset's class count \(classCount) (classes are 0…\(classCount - 1))",
                     "use a class below nc, or add the class to names in data.yaml")
                continue
            }
            // Coordinates: normalised, with a small overshoot clipped.
            var coordinates = Array(values[1...])
            let low = coordinates.min()!, high = coordinates.max()!
            if low < -tolerance || high > 1 + tolerance {
                let pixelHint = high > 2 ? " (pixel coordinates?)" : ""
                fail("coordinates out of range [0, 1]: min \(low), max \(high)\(pixelHint)",
                     "normalise x by the image width and y by its height")
                continue
            }
            if n == 5, coordinates[2] <= 0 || coordinates[3] <= 0 {
                fail("box width or height is \(min(coordinates[2], coordinates[3])) (must be > 0)",
                     "fix or delete the row")
                continue
            }
            if low < 0 || high > 1 {
                coordinates = coordinates.map { min(max($0, 0), 1) }
                result.clipped += 1
                result.issues.append(DataIssue(.note, file: file, line: lineNumber,
                                               problem: "coordinates slightly outside [0, 1] (min \(low), max \(high)) clipped",
                                               fix: "clip them when exporting labels"))
            }
            var box: [Float]
            if n == 5 {
                box = coordinates
            } else {
                result.polygons += 1
                var x0 = Float.infinity, y0 = Float.infinity, x1 = -Float.infinity, y1 = -Float.infinity
                for p in stride(from: 0, to: coordinates.count, by: 2) {
                    x0 = min(x0, coordinates[p]); x1 = max(x1, coordinates[p])
                    y0 = min(y0, coordinates[p + 1]); y1 = max(y1, coordinates[p + 1])
                }
                guard x1 > x0, y1 > y0 else {
                    fail("polygon has zero width or height", "fix or delete the row")
                    continue
                }
                box = [(x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0]
            }
            let key = [cls] + box
            if let first = seen[key] {
                result.duplicates += 1
                result.issues.append(DataIssue(.note, file: file, line: lineNumber,
                                               problem: "duplicate of line \(first), removed",
                                               fix: "delete the repeated row"))
                continue
            }
            seen[key] = lineNumber
            result.labels.classes.append(Int32(cls))
            result.labels.boxes.append(contentsOf: box)
        }
        if result.isCorrupt { result.labels = ImageLabels() }
        return result
    }
}
