import Foundation

/// Loads resized images for a split, through the RAM or disk cache when asked; a `SampleSource` for augmentation.
public final class ImageStore: SampleSource, @unchecked Sendable {
    public let items: [LabeledImage]
    public let loader: ImageLoader
    public let mode: ImageCacheMode
    /// Guards `ram` and `problems` (workers load concurrently).
    private let lock = NSLock()
    private var ram: [Image?]
    private var problems: [DataIssue] = []
    private var diskDisabled = false
    /// Recently loaded images (first in, first out), like the reference's `buffer`; 0 turns it off.
    public var bufferCapacity: Int {
        get { lock.lock(); defer { lock.unlock() }; return capacity }
        set { lock.lock(); capacity = newValue; lock.unlock() }
    }
    private var capacity = 0
    private var failed = Set<Int>()
    private var buffer: [Int: Image] = [:]
    private var bufferOrder: [Int] = []

    public init(items: [LabeledImage], loader: ImageLoader, mode: ImageCacheMode) {
        self.items = items
        self.loader = loader
        self.mode = mode
        self.ram = mode == .ram ? Array(repeating: nil, count: items.count) : []
    }

    public var count: Int { items.count }

    /// Problems met while loading (unreadable files, an unwritable disk cache), each once.
    public var issues: [DataIssue] { lock.lock(); defer { lock.unlock() }; return problems }

    /// The resized image of item `index` with its boxes in pixels (no boxes when the file has become unreadable).
    public func loadSample(_ index: Int) -> Sample {
        let picture = image(index)
        lock.lock(); let broken = failed.contains(index); lock.unlock()
        return Sample(image: picture, labels: broken ? ImageLabels() : items[index].labels)
    }

    /// The resized image of item `index`.
    public func image(_ index: Int) -> Image {
        if mode == .ram {
            lock.lock()
            let cached = ram[index]
            lock.unlock()
            if let cached { return cached }
        }
        if mode != .ram {
            lock.lock()
            let buffered = buffer[index]
            lock.unlock()
            if let buffered { return buffered }
        }
        if mode == .disk, let cached = readDisk(index) { remember(index, cached); return cached }
        let (sample, error) = loader.load(items[index])
        if let error {
            lock.lock(); failed.insert(index); lock.unlock()
            note(DataIssue(.error, file: error.file, problem: error.problem + " (changed since the scan?); a grey image without boxes was used",
                           fix: error.fix))
        }
        if mode == .ram {
            lock.lock(); ram[index] = sample.image; lock.unlock()
        } else {
            if mode == .disk, error == nil { writeDisk(index, sample.image) }
            remember(index, sample.image)
        }
        return sample.image
    }

    /// Adds an image to the recent-images buffer, dropping the oldest beyond capacity.
    private func remember(_ index: Int, _ image: Image) {
        lock.lock(); defer { lock.unlock() }
        guard capacity > 0, buffer[index] == nil else { return }
        buffer[index] = image
        bufferOrder.append(index)
        while bufferOrder.count > capacity { buffer[bufferOrder.removeFirst()] = nil }
    }

    /// Fills the RAM cache on `threads` threads (the reference caches before the first epoch).
    public func preload(threads: Int) {
        guard mode != .none else { return }
        let n = items.count, workers = max(1, min(threads, n))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < n { _ = image(i); i += workers }
        }
    }

    private func note(_ issue: DataIssue) {
        lock.lock(); defer { lock.unlock() }
        if !problems.contains(issue) { problems.append(issue) }
    }

    /// `<image path>.<imgsz>.rgb`: 8-byte header (width, height as UInt32 LE) + RGB bytes.
    func diskPath(_ index: Int) -> String { items[index].imageFile + ".\(loader.imageSize).rgb" }

    private func readDisk(_ index: Int) -> Image? {
        let path = diskPath(index)
        guard let data = FileManager.default.contents(atPath: path), data.count >= 8 else { return nil }
        // Stale when older than the image.
        if LabelCache.mtime(path) < LabelCache.mtime(items[index].imageFile) { return nil }
        let bytes = [UInt8](data)
        let w = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24
        let h = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        guard w > 0, h > 0, bytes.count == 8 + w * h * 3 else { return nil }
        return Image(width: w, height: h, pixels: Array(bytes[8...]))
    }

    private func writeDisk(_ index: Int, _ image: Image) {
        lock.lock(); let disabled = diskDisabled; lock.unlock()
        guard !disabled else { return }
        var header = [UInt8](repeating: 0, count: 8)
        for k in 0..<4 { header[k] = UInt8((image.width >> (8 * k)) & 0xFF); header[4 + k] = UInt8((image.height >> (8 * k)) & 0xFF) }
        do {
            try Data(header + image.pixels).write(to: URL(fileURLWithPath: diskPath(index)), options: .atomic)
        } catch {
            lock.lock(); diskDisabled = true; lock.unlock()
            note(DataIssue(.note, file: diskPath(index), problem: "cannot write the disk image cache (\(error.localizedDescription)); images are decoded each time",
                           fix: "make the image folder writable or use cache=ram"))
        }
    }
}
