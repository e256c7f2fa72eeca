import Foundation

/// Turns a scanned split into batches: worker threads decode and augment, a bounded queue hands finished
/// batches to the consumer in order. Every random draw comes from `DataRandom(seed, epoch, image)`, so the
/// batches are byte-identical whatever the worker count.
public final class DataLoader: Sendable {
    public let options: LoaderOptions
    public let store: ImageStore
    /// Images used (after `fraction`), in file order.
    public let items: [LabeledImage]
    /// Rect order and shapes, when `rect` is on.
    public let rect: RectBatches?
    /// Image arrays handed back through `recycle`.
    let recycled = BufferPool()

    /// Streams of random numbers, one per purpose.
    enum Stream: Int { case shuffle = 1, augment = 2 }

    /// Builds a loader over a scanned split.
    public init(split: LabeledSplit, options: LoaderOptions) {
        precondition(options.batchSize > 0 && options.imageSize > 0, "batch \(options.batchSize), imgsz \(options.imageSize)")
        var images = split.images
        let n = images.count
        let keep = options.fraction > 1 ? min(Int(options.fraction), n) : Int((Double(n) * options.fraction).rounded(.toNearestOrEven))
        images = Array(images.prefix(max(keep, min(n, 1))))
        self.items = images
        self.options = options
        self.store = ImageStore(items: images, loader: ImageLoader(imageSize: options.imageSize, reducedDecode: options.reducedDecode),
                                mode: options.cache)
        if options.rect {
            let sizes = images.map { (width: $0.width, height: $0.height) }
            rect = RectBatches(sizes: sizes, batchSize: options.batchSize, imageSize: options.imageSize,
                               stride: options.stride, pad: options.pad)
        } else {
            rect = nil
        }
        if options.cache == .ram { store.preload(threads: max(1, options.workers)) }
        if options.augment && !options.rect {
            // Keep recently loaded images so that mosaic partners (drawn from that window) are rarely decoded twice.
            store.bufferCapacity = min(images.count, min(images.count, options.batchSize * 8, 1000)
                                       + options.batchSize * (max(options.workers, 1) + options.prefetch + 1))
        }
    }

    /// Number of images.
    public var count: Int { items.count }

    /// Number of batches per epoch (the last one may be smaller).
    public var batchCount: Int { (items.count + options.batchSize - 1) / options.batchSize }

    /// The image order of an epoch: rect order, repeat-factor sampled (`sampler`), shuffled, or file order.
    public func order(epoch: Int) -> [Int] {
        if let rect { return rect.order }
        if options.shuffle, options.sampler == .balanced {
            return RepeatFactorSampler(images: items).order(epoch: epoch, seed: options.seed)
        }
        if options.shuffle {
            var random = DataRandom(seed: options.seed, stream: Stream.shuffle.rawValue, epoch)
            return random.permutation(items.count)
        }
        return Array(0..<items.count)
    }

    /// Builds batch `index` of `epoch` (what each worker runs).
    public func makeBatch(_ index: Int, epoch: Int, order: [Int]) -> Batch {
        let start = index * options.batchSize
        let members = Array(order[start..<min(start + options.batchSize, order.count)])
        var settings = options.augmentation(forEpoch: epoch)
        // The reference turns mosaic, mixup and cutmix off for rect batches (they would break the shapes).
        if options.rect { settings = settings.closingMosaic }
        let augmenter = TrainingAugmenter(imageSize: options.imageSize, settings: settings)
        let shape = rect?.shapes[index] ?? (options.imageSize, options.imageSize)
        var samples: [Sample] = []
        var meta: [ImageMeta] = []
        for (k, i) in members.enumerated() {
            let item = items[i]
            if options.augment {
                var random = DataRandom(seed: options.seed, stream: Stream.augment.rawValue, epoch, i)
                let pool = partnerPool(order: order, position: start + k)
                samples.append(augmenter.sample(i, source: store, pool: pool, outputSize: (shape.0, shape.1), random: &random))
                meta.append(ImageMeta(file: item.imageFile, originalWidth: item.width, originalHeight: item.height,
                                      scale: Double(options.imageSize) / Double(max(item.width, item.height)), padLeft: 0, padTop: 0))
            } else {
                let loaded = store.loadSample(i)
                let (boxed, p) = LetterBox(height: shape.0, width: shape.1, scaleUp: false)(loaded)
                samples.append(boxed)
                let loadScale = Double(loaded.image.width) / Double(item.width)
                meta.append(ImageMeta(file: item.imageFile, originalWidth: item.width, originalHeight: item.height,
                                      scale: loadScale * p.ratio, padLeft: p.left, padTop: p.top))
            }
        }
        return Batch(index: index, samples: samples, meta: meta, buffer: recycled.take(count: samples.count * 3 * samples[0].image.height * samples[0].image.width))
    }

    /// Hands a finished batch's image array back for reuse (optional: call it once the batch has been copied,
    /// e.g. into a tensor). Reusing the ~80 MB arrays of 640² batches saves the page faults of fresh memory.
    public func recycle(_ batch: Batch) {
        recycled.put(batch.images, limit: options.prefetch + max(options.workers, 1) + 1)
    }

    /// How many recent images mosaic partners come from: the reference's buffer, min(n, 8 batches, 1000).
    public var partnerWindow: Int { min(items.count, options.batchSize * 8, 1000) }

    /// The images at the `partnerWindow` epoch positions up to and including `position` (wrapping around).
    func partnerPool(order: [Int], position: Int) -> [Int] {
        let n = order.count, w = partnerWindow
        return (0..<w).map { order[((position - $0) % n + n) % n] }
    }

    /// The batches of one epoch, produced by `workers` threads ahead of the consumer.
    public func epoch(_ epoch: Int) -> EpochBatches {
        EpochBatches(loader: self, epoch: epoch)
    }
}

/// One epoch's batches in order; iterate it once. Worker threads stop when it is finished or released.
public final class EpochBatches: Sequence, IteratorProtocol {
    private let queue: BatchQueue
    private let loader: DataLoader
    private let epoch: Int
    private let order: [Int]
    private var position = 0

    init(loader: DataLoader, epoch: Int) {
        self.loader = loader
        self.epoch = epoch
        self.order = loader.order(epoch: epoch)
        let total = loader.batchCount
        queue = BatchQueue(total: total, capacity: Swift.max(1, loader.options.prefetch))
        let workers = loader.options.workers
        for w in 0..<workers where total > 0 {
            let thread = Thread { [queue, loader, epoch, order] in
                while let index = queue.claim() {
                    queue.deliver(loader.makeBatch(index, epoch: epoch, order: order), at: index)
                }
            }
            thread.name = "yolo-data-\(w)"
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    deinit { queue.stop() }

    /// The next batch, waiting for the workers when needed; nil after the last.
    public func next() -> Batch? {
        guard position < loader.batchCount else { queue.stop(); return nil }
        defer { position += 1 }
        if loader.options.workers == 0 { return loader.makeBatch(position, epoch: epoch, order: order) }
        return queue.take(position)
    }

    /// Seconds the consumer has spent waiting for batches so far (the "data wait" of a training step).
    public var waitSeconds: Double { queue.waited }
}

/// The bounded, ordered hand-over between workers and the consumer.
final class BatchQueue: @unchecked Sendable {
    // All state below is guarded by `condition`.
    private let condition = NSCondition()
    private let total: Int, capacity: Int
    private var claimed = 0, consumed = 0
    private var ready: [Int: Batch] = [:]
    private var stopped = false
    private(set) var waited = 0.0

    init(total: Int, capacity: Int) {
        self.total = total
        self.capacity = capacity
    }

    /// The next batch index to build, once fewer than `capacity` batches are ahead of the consumer; nil to stop.
    func claim() -> Int? {
        condition.lock(); defer { condition.unlock() }
        while !stopped && claimed < total && claimed - consumed >= capacity { condition.wait() }
        guard !stopped, claimed < total else { return nil }
        claimed += 1
        return claimed - 1
    }

    func deliver(_ batch: Batch, at index: Int) {
        condition.lock(); defer { condition.unlock() }
        ready[index] = batch
        condition.broadcast()
    }

    func take(_ index: Int) -> Batch? {
        condition.lock(); defer { condition.unlock() }
        let start = Date()
        while ready[index] == nil && !stopped { condition.wait() }
        waited += Date().timeIntervalSince(start)
        let batch = ready.removeValue(forKey: index)
        consumed = index + 1
        condition.broadcast()
        return batch
    }

    func stop() {
        condition.lock(); defer { condition.unlock() }
        stopped = true
        condition.broadcast()
    }
}

/// Float arrays waiting to be reused, guarded by a lock (workers take, the consumer puts).
final class BufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var arrays: [[Float]] = []

    /// An array of exactly `count` elements, if one is waiting.
    func take(count: Int) -> [Float]? {
        lock.lock(); defer { lock.unlock() }
        guard let k = arrays.firstIndex(where: { $0.count == count }) else { return nil }
        return arrays.remove(at: k)
    }

    func put(_ array: [Float], limit: Int) {
        lock.lock(); defer { lock.unlock() }
        if arrays.count < limit { arrays.append(array) }
    }
}
