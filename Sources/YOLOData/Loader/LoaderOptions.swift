/// Where decoded images are kept between epochs (`cache=`).
public enum ImageCacheMode: String, Sendable {
    /// Decode every time (`cache=False`).
    case none
    /// Keep the resized images in memory (`cache=ram` / `True`).
    case ram
    /// Keep the resized images as raw files beside the originals (`cache=disk`).
    case disk

    /// Parses the reference's values: False/True/ram/disk.
    public init(argument: String) throws {
        switch argument.lowercased() {
        case "false", "none", "0", "": self = .none
        case "true", "ram", "1": self = .ram
        case "disk": self = .disk
        default:
            throw AugmentationError(problem: "cache=\(argument) is not a cache mode", fix: "use cache=False, cache=ram or cache=disk")
        }
    }
}

/// How the loader builds batches; names follow default.yaml.
public struct LoaderOptions: Sendable {
    /// `imgsz`: training images are imgsz×imgsz; validation long sides are imgsz.
    public var imageSize = 640
    /// `batch`.
    public var batchSize = 16
    /// `workers`: threads that decode and augment (0 = on the caller's thread).
    public var workers = 2
    /// Batches prepared ahead of the consumer.
    public var prefetch = 4
    /// `seed`.
    public var seed = 0
    /// Training augmentation on (train split) or letterbox only (val).
    public var augment = true
    /// Reshuffle each epoch (train).
    public var shuffle = true
    /// The augmentation hyperparameters.
    public var augmentation = AugmentationSettings()
    /// `rect`: rectangular batches (validation; turns off shuffle and mosaic).
    public var rect = false
    /// Model stride for rect shapes.
    public var stride = 32
    /// Rect padding in strides: the reference uses 0.5 for validation, 0 for training.
    public var pad = 0.5
    /// `fraction`: ≤ 1 a share of the images, > 1 a count.
    public var fraction = 1.0
    /// `cache`.
    public var cache = ImageCacheMode.none
    /// `epochs` and `close_mosaic`: mosaic, mixup and cutmix stop for the last `closeMosaic` epochs.
    public var epochs = 100
    public var closeMosaic = 10
    /// Fast reduced-scale JPEG decoding for big images (see `ImageLoader.reducedDecode`).
    public var reducedDecode = false
    /// `sampler`: uniform, or balanced (repeat-factor sampling of images with rare classes; shuffled epochs only).
    public var sampler = SamplingMode.uniform

    public init() {}

    /// Options for a training loader.
    public static func training(imageSize: Int = 640, batchSize: Int = 16, workers: Int = 2, seed: Int = 0) -> LoaderOptions {
        var o = LoaderOptions()
        o.imageSize = imageSize; o.batchSize = batchSize; o.workers = workers; o.seed = seed
        o.pad = 0
        return o
    }

    /// Options for a validation loader: no augmentation, no shuffle, rect batches with pad 0.5.
    public static func validation(imageSize: Int = 640, batchSize: Int = 16, workers: Int = 2) -> LoaderOptions {
        var o = LoaderOptions()
        o.imageSize = imageSize; o.batchSize = batchSize; o.workers = workers
        o.augment = false; o.shuffle = false; o.rect = true; o.pad = 0.5
        o.augmentation = .none
        return o
    }

    /// The augmentation in force for `epoch` (0-based): mosaic closed for the last `closeMosaic` epochs.
    public func augmentation(forEpoch epoch: Int) -> AugmentationSettings {
        closeMosaic > 0 && epoch >= epochs - closeMosaic ? augmentation.closingMosaic : augmentation
    }
}
