import Foundation

/// Scans a split: decodes every image once, finds and checks its labels, and counts everything.
public struct SplitScanner: Sendable {
    public var classCount: Int
    /// Treat every class as class 0 (`single_cls`).
    public var singleClass = false
    /// Decode every image completely (finds damage anywhere in the file); off reads only headers, as the reference's
    /// `verify()` does, and leaves damage in the pixel data to the loader (which reports it and skips the boxes).
    public var fullDecode = true
    /// Threads used to decode images while scanning.
    public var threads = ProcessInfo.processInfo.activeProcessorCount

    public init(classCount: Int, singleClass: Bool = false) {
        self.classCount = classCount
        self.singleClass = singleClass
    }

    /// What scanning one image produced.
    struct Entry: Sendable {
        var image: LabeledImage?
        var issues: [DataIssue] = []
        var missing = false, empty = false, beside = false
        var duplicates = 0, clipped = 0, polygons = 0
    }

    /// Scans the given image files (already listed) as `split`.
    public func scan(split: DatasetSplit, imageFiles: [String], listingIssues: [DataIssue] = [],
                     orphanSearch: Bool = true) -> LabeledSplit {
        var entries = [Entry](repeating: Entry(), count: imageFiles.count)
        let parser = LabelParser(classCount: classCount)
        entries.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendableBuffer(buffer)
            let workers = max(1, min(threads, imageFiles.count))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var i = worker
                while i < imageFiles.count {
                    out.buffer[i] = scanOne(imageFiles[i], parser: parser)
                    i += workers
                }
            }
        }
        var summary = SplitSummary(split: split.rawValue)
        summary.images = imageFiles.count
        var images: [LabeledImage] = []
        var issues = listingIssues
        var usedLabels = Set<String>()
        for entry in entries {
            issues += entry.issues
            summary.duplicatesRemoved += entry.duplicates
            summary.clipped += entry.clipped
            guard var image = entry.image else { summary.corrupt += 1; continue }
            if let label = image.labelFile { usedLabels.insert(label) }
            if entry.missing { summary.missingLabels += 1 }
            if entry.empty { summary.emptyLabels += 1 }
            if entry.beside { summary.labelsBesideImages += 1 }
            summary.polygons += entry.polygons
            if image.labels.count == 0 { summary.backgrounds += 1 }
            if singleClass { image.labels.classes = image.labels.classes.map { _ in 0 } }
            summary.boxes += image.labels.count
            images.append(image)
        }
        if orphanSearch {
            let orphans = SplitScanner.orphanLabels(imageFiles: imageFiles, used: usedLabels)
            summary.orphanLabels = orphans.count
            issues += orphans.map {
                DataIssue(.note, file: $0, problem: "label file without an image (not used)",
                          fix: "add the image or delete the label file")
            }
        }
        var notes = ["\(split.rawValue): \(LabelPath.ruleDescription)"]
        if summary.labelsBesideImages > 0 {
            notes.append("\(split.rawValue): \(summary.labelsBesideImages) label files found beside their images (no /labels/ folder)")
        }
        return LabeledSplit(split: split, images: images, summary: summary, issues: issues, notes: notes)
    }

    /// Decodes one image and reads its labels.
    func scanOne(_ path: String, parser: LabelParser) -> Entry {
        var entry = Entry()
        let ext = (path as NSString).pathExtension.lowercased()
        guard ImageFormat.decodableExtensions.contains(ext) else {
            entry.issues.append(DataIssue(.error, file: path, problem: "image format .\(ext) is not supported (JPEG, PNG, BMP are)",
                                          fix: "convert it to JPEG or PNG"))
            return entry
        }
        let decoded: (width: Int, height: Int, warning: String?)
        do {
            if fullDecode {
                let full = try ImageDecoder.decode(contentsOf: URL(fileURLWithPath: path))
                decoded = (full.image.width, full.image.height, full.warning)
            } else {
                let info = try ImageDecoder.info(contentsOf: URL(fileURLWithPath: path))
                decoded = (info.width, info.height, info.warning)
            }
        } catch let error as ImageDecodeError {
            entry.issues.append(DataIssue(.error, file: path, problem: error.problem + " — image skipped", fix: error.fix))
            return entry
        } catch {
            entry.issues.append(DataIssue(.error, file: path, problem: "\(error) — image skipped", fix: "re-export or remove the image"))
            return entry
        }
        if let warning = decoded.warning {
            entry.issues.append(DataIssue(.note, file: path, problem: "damaged image decoded with a warning: \(warning)",
                                          fix: "re-save the image to repair it"))
        }
        let (w, h) = (decoded.width, decoded.height)
        guard w >= 10, h >= 10 else {
            entry.issues.append(DataIssue(.error, file: path, problem: "image is \(w)x\(h), smaller than 10 pixels — image skipped",
                                          fix: "remove it or use a larger image"))
            return entry
        }
        let fm = FileManager.default
        var labelFile: String? = LabelPath.forImage(path)
        if !fm.fileExists(atPath: labelFile!) {
            let beside = LabelPath.besideImage(path)
            if beside != labelFile, fm.fileExists(atPath: beside) {
                labelFile = beside
                entry.beside = true
            } else {
                labelFile = nil
            }
        }
        var labels = ImageLabels()
        if let labelFile {
            guard let data = fm.contents(atPath: labelFile), let text = String(data: data, encoding: .utf8) else {
                entry.issues.append(DataIssue(.error, file: labelFile, problem: "cannot read the label file as UTF-8 text — image skipped",
                                              fix: "check its permissions and encoding"))
                return entry
            }
            let parsed = parser.parse(text, file: labelFile)
            entry.issues += parsed.issues
            entry.duplicates = parsed.duplicates
            entry.clipped = parsed.clipped
            entry.polygons = parsed.polygons
            if parsed.isCorrupt {
                entry.issues.append(DataIssue(.error, file: path, problem: "image skipped because its label file has unusable rows",
                                              fix: "fix the rows listed for \(labelFile)"))
                return entry
            }
            labels = parsed.labels
            if labels.count == 0, parsed.duplicates == 0 { entry.empty = true }
        } else {
            entry.missing = true
        }
        entry.image = LabeledImage(imageFile: path, labelFile: labelFile, width: w, height: h, labels: labels)
        return entry
    }

    /// `.txt` files in the label folders of these images that no image uses (`classes.txt` excepted).
    static func orphanLabels(imageFiles: [String], used: Set<String>) -> [String] {
        let expected = Set(imageFiles.map { LabelPath.forImage($0) })
        let folders = Set(expected.map { ($0 as NSString).deletingLastPathComponent })
        var orphans: [String] = []
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where name.hasSuffix(".txt") && name != "classes.txt" {
                let path = (folder as NSString).appendingPathComponent(name)
                if !expected.contains(path) && !used.contains(path) { orphans.append(path) }
            }
        }
        return orphans.sorted()
    }
}

/// A buffer pointer handed to `concurrentPerform` workers.
/// Safe because each worker writes only its own, disjoint indices and the buffer outlives the call.
struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
