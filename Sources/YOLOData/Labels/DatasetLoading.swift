import Foundation

/// How a split is scanned.
public struct ScanOptions: Sendable {
    /// Read and write the label cache.
    public var useCache = true
    /// Put cache files here instead of beside the labels.
    public var cacheDirectory: URL?
    /// `single_cls`: every box becomes class 0.
    public var singleClass = false
    /// Decode every image while scanning (thorough) or read headers only (fast on big datasets).
    public var fullDecode = true

    public init(useCache: Bool = true, cacheDirectory: URL? = nil, singleClass: Bool = false, fullDecode: Bool = true) {
        self.useCache = useCache
        self.cacheDirectory = cacheDirectory
        self.singleClass = singleClass
        self.fullDecode = fullDecode
    }
}

extension DatasetConfig {
    /// Lists, checks and (through the cache) scans one split. Throws when the split is absent, has no images,
    /// or, for train, has no usable boxes at all.
    public func load(_ split: DatasetSplit, options: ScanOptions = ScanOptions()) throws -> LabeledSplit {
        guard let sources = sources[split], !sources.isEmpty else {
            throw DatasetError(problem: "\(file.path): no '\(split.rawValue)' split", fix: "add '\(split.rawValue): <folder>' to the yaml")
        }
        let listing = ImageFiles.list(sources)
        guard !listing.files.isEmpty else {
            throw DatasetError(problem: "\(split.rawValue): no images found in \(sources.map(\.path).joined(separator: ", "))",
                               fix: "put .jpg/.png/.bmp files there, or point '\(split.rawValue):' in \(file.path) at the folder that holds them")
        }
        var notes: [String] = []
        var result: LabeledSplit?
        let cache = LabelCache(split: split, imageFiles: listing.files, directory: options.cacheDirectory)
        let key = LabelCache.key(imageFiles: listing.files, classCount: classCount, singleClass: options.singleClass,
                                 fullDecode: options.fullDecode)
        if options.useCache {
            let (cached, reason) = cache.load(key: key)
            if let reason { notes.append(reason) }
            if var cached {
                cached.notes.append("\(split.rawValue): labels read from cache \(cache.file.path)")
                result = cached
            }
        }
        if result == nil {
            let orphanSearch = sources.allSatisfy { DatasetConfig.isDirectory($0) }
            var scanner = SplitScanner(classCount: classCount, singleClass: options.singleClass)
            scanner.fullDecode = options.fullDecode
            scanner.threads = ProcessInfo.processInfo.activeProcessorCount
            var scanned = scanner.scan(split: split, imageFiles: listing.files, listingIssues: listing.issues,
                                       orphanSearch: orphanSearch)
            if options.useCache {
                if let note = cache.save(scanned, key: key) { notes.append(note) }
                else { scanned.notes.append("\(split.rawValue): label cache saved to \(cache.file.path)") }
            }
            result = scanned
        }
        var split = result!
        split.notes += notes
        if split.split == .train, split.summary.boxes == 0 {
            throw DatasetError(
                problem: "\(split.summary.line) — no usable labels in train (\(split.issues.filter { $0.severity == .error }.count) errors)",
                fix: "labels must sit at the image path with the last '/images/' replaced by '/labels/' and a .txt extension (e.g. \(LabelPath.forImage(listing.files[0])))")
        }
        return split
    }
}
