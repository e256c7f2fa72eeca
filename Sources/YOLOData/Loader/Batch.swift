/// Where one image of a batch came from and how it was placed (to map predictions back to the original image).
public struct ImageMeta: Sendable, Equatable {
    public var file: String
    /// Size of the file's image (after EXIF orientation).
    public var originalWidth: Int, originalHeight: Int
    /// Total scale from the original image to the batch image (load resize × letterbox ratio).
    public var scale: Double
    /// Letterbox padding, in batch-image pixels.
    public var padLeft: Int, padTop: Int
}

/// One batch, ready for the trainer: a plain `Sendable` value.
public struct Batch: Sendable, Equatable {
    /// Position of the batch in its epoch.
    public var index: Int
    /// Images as Float32 `[count, 3, height, width]`, RGB in 0…1.
    public var images: [Float]
    public var count: Int
    public var height: Int
    public var width: Int
    /// One row of 6 per box: `[batchIndex, cls, cx, cy, w, h]`, coordinates normalised to the batch image.
    public var targets: [Float]
    public var meta: [ImageMeta]

    /// Number of boxes.
    public var targetCount: Int { targets.count / 6 }

    /// Assembles a batch from equally sized samples, writing the images into `buffer` when it has the right size.
    public init(index: Int, samples: [Sample], meta: [ImageMeta], buffer: [Float]? = nil) {
        precondition(!samples.isEmpty, "a batch needs at least one sample")
        let h = samples[0].image.height, w = samples[0].image.width
        precondition(samples.allSatisfy { $0.image.width == w && $0.image.height == h },
                     "batch images differ in size: \(samples.map { "\($0.image.width)x\($0.image.height)" })")
        self.index = index
        self.count = samples.count
        self.height = h
        self.width = w
        self.meta = meta
        let plane = h * w
        let total = samples.count * 3 * plane
        func fill(_ out: UnsafeMutableBufferPointer<Float>) {
            let scale: Float = 1.0 / 255.0
            for (n, sample) in samples.enumerated() {
                sample.image.pixels.withUnsafeBufferPointer { px in
                    let r = out.baseAddress! + n * 3 * plane, g = r + plane, b = g + plane
                    var src = px.baseAddress!
                    for i in 0..<plane {
                        r[i] = Float(src[0]) * scale
                        g[i] = Float(src[1]) * scale
                        b[i] = Float(src[2]) * scale
                        src += 3
                    }
                }
            }
        }
        if var reused = buffer, reused.count == total {
            // A recycled array of the right size: no allocation, no page faults.
            reused.withUnsafeMutableBufferPointer { fill($0) }
            self.images = reused
        } else {
            // Every element is written, so skip the zero fill (this array is ~5 MB per 640² image).
            self.images = [Float](unsafeUninitializedCapacity: total) { out, initialized in
                fill(out)
                initialized = total
            }
        }
        var targets: [Float] = []
        for (n, sample) in samples.enumerated() {
            let labels = sample.normalizedLabels
            for k in 0..<labels.count {
                targets += [Float(n), Float(labels.classes[k])] + labels.boxes[(k * 4)..<(k * 4 + 4)]
            }
        }
        self.targets = targets
    }

    /// A 64-bit FNV-1a hash of the images, targets and shape (for determinism checks).
    public var contentHash: UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        func add(_ v: UInt32) { for s in stride(from: 0, to: 32, by: 8) { h = (h ^ UInt64((v >> UInt32(s)) & 0xFF)) &* 0x0000_0100_0000_01B3 } }
        add(UInt32(count)); add(UInt32(height)); add(UInt32(width))
        for v in images { add(v.bitPattern) }
        for v in targets { add(v.bitPattern) }
        return h
    }
}
