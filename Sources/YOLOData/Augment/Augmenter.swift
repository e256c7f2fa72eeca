import Foundation

/// Something that yields loaded samples by index: the image resized with its long side at `imgsz`
/// (the reference's `load_image`), boxes in its pixels.
public protocol SampleSource: Sendable {
    var count: Int { get }
    func loadSample(_ index: Int) -> Sample
}

/// The reference's training pipeline (`v8_transforms`): Mosaic → RandomPerspective, MixUp, CutMix, custom
/// transforms, HSV, flip up-down, flip left-right, then the RGB↔BGR swap of `Format`.
public struct TrainingAugmenter: Sendable {
    public var imageSize: Int
    public var settings: AugmentationSettings

    public init(imageSize: Int, settings: AugmentationSettings) {
        self.imageSize = imageSize
        self.settings = settings
    }

    /// Mosaic (with probability `mosaic`) followed by the random affine into imgsz × imgsz.
    /// Partner images are drawn from `pool` (indices into the source) when given, else from the whole source.
    public func preTransform(_ index: Int, source: some SampleSource, pool: [Int]? = nil,
                             outputSize: (height: Int, width: Int)? = nil, random: inout DataRandom) -> Sample {
        let s = imageSize
        var sample = source.loadSample(index)
        if random.chance(settings.mosaic) {
            var parts = [sample]
            for _ in 0..<3 { parts.append(source.loadSample(partner(source: source, pool: pool, random: &random))) }
            sample = MixTransforms.mosaic(parts, size: s, random: &random)
        }
        return RandomPerspective(settings)(sample, width: outputSize?.width ?? s, height: outputSize?.height ?? s, random: &random)
    }

    /// A random partner index for mosaic, mixup or cutmix.
    func partner(source: some SampleSource, pool: [Int]?, random: inout DataRandom) -> Int {
        if let pool, !pool.isEmpty { return pool[random.index(below: pool.count)] }
        return random.index(below: source.count)
    }

    /// The augmented training sample for `index`; all randomness comes from `random`.
    ///
    /// `pool` plays the part of the reference's image buffer (mosaic partners come from recently loaded
    /// images, which are cheap to get again); it is chosen by position, so the result does not depend on timing.
    ///
    /// `outputSize` replaces imgsz × imgsz (rect training warps into the batch's shape, as the reference's
    /// `rect_shape`; mosaic, mixup and cutmix must then be off).
    public func sample(_ index: Int, source: some SampleSource, pool: [Int]? = nil,
                       outputSize: (height: Int, width: Int)? = nil, random: inout DataRandom) -> Sample {
        var sample = preTransform(index, source: source, pool: pool, outputSize: outputSize, random: &random)
        if random.chance(settings.mixup) {
            let other = preTransform(partner(source: source, pool: pool, random: &random), source: source, pool: pool, random: &random)
            sample = MixTransforms.mixup(sample, other, random: &random)
        }
        if random.chance(settings.cutmix) {
            let other = preTransform(partner(source: source, pool: pool, random: &random), source: source, pool: pool, random: &random)
            sample = MixTransforms.cutmix(sample, other, random: &random)
        }
        for transform in settings.custom { transform.apply(&sample, random: &random) }
        RandomHSV.apply(&sample.image, hgain: settings.hsvH, sgain: settings.hsvS, vgain: settings.hsvV, random: &random)
        if random.chance(settings.flipud) { sample = Flip.vertical(sample) }
        if random.chance(settings.fliplr) { sample = Flip.horizontal(sample) }
        if random.chance(settings.bgr) { swapRedBlue(&sample.image) }
        return sample
    }

    /// RGB ↔ BGR.
    func swapRedBlue(_ image: inout Image) {
        image.pixels.withUnsafeMutableBufferPointer { px in
            var i = 0
            while i < px.count { px.swapAt(i, i + 2); i += 3 }
        }
    }
}

/// Loads an image of a split the way the reference's `load_image(rect_mode=True)` does: decode, then resize so the
/// long side is `imageSize` (sides rounded up, capped at imageSize), bilinear.
public struct ImageLoader: Sendable {
    public var imageSize: Int
    /// Let libjpeg-turbo decode large JPEGs at 1/2, 1/4 or 1/8 scale when that still covers `imageSize`
    /// (much faster; pixels differ slightly from a full decode + resize).
    public var reducedDecode = false

    public init(imageSize: Int, reducedDecode: Bool = false) {
        self.imageSize = imageSize
        self.reducedDecode = reducedDecode
    }

    /// The resized image and its boxes in pixels; an unreadable file (changed since the scan) yields a grey
    /// image without boxes and the error.
    public func load(_ item: LabeledImage) -> (Sample, ImageDecodeError?) {
        do {
            let decoded = try ImageDecoder.decode(contentsOf: URL(fileURLWithPath: item.imageFile),
                                                  minimumLongSide: reducedDecode ? imageSize : nil)
            return (Sample(image: resized(decoded.image), labels: item.labels), nil)
        } catch {
            let e = error as? ImageDecodeError ?? ImageDecodeError(file: item.imageFile, problem: "\(error)")
            return (Sample(image: Image(width: imageSize, height: imageSize, fill: 114)), e)
        }
    }

    /// Resizes so the long side equals `imageSize` (the reference's rounding: ceil, capped).
    public func resized(_ image: Image) -> Image {
        let r = Double(imageSize) / Double(max(image.width, image.height))
        guard r != 1 else { return image }
        let w = min(Int((Double(image.width) * r).rounded(.up)), imageSize)
        let h = min(Int((Double(image.height) * r).rounded(.up)), imageSize)
        return Resize.bilinear(image, width: max(w, 1), height: max(h, 1))
    }
}

