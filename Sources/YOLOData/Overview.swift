// YOLOData: datasets in the YOLO format, from data.yaml to batches. No tensors here: images are `Image`
// (RGB8, HWC) values, labels plain arrays, batches `Batch` values with Float32 [N, 3, H, W] images.
//
//   let config = try DatasetConfig(contentsOf: dataYAML)          // Config/: paths, splits, names; typed errors
//   let train  = try config.load(.train)                         // Labels/: list, decode-check, label checks, cache
//   print(train.report())                                        // "train: 128 images, 2 backgrounds, 0 corrupt …"
//   let loader = DataLoader(split: train, options: .training(imageSize: 640, batchSize: 16, workers: 2, seed: 0))
//   for batch in loader.epoch(epoch) { …; loader.recycle(batch) } // Loader/: workers, ordered bounded prefetch
//
// Folders:
// - Config/    data.yaml parsing (`DatasetConfig`), did-you-mean, `DatasetConfigError`.
// - Images/    JPEG (libjpeg-turbo), PNG (libspng), BMP (by hand), EXIF orientation → `Image`.
// - Labels/    image→label rule, label parsing and checks, split scan with exact counts, label cache, report.
// - Augment/   the reference's transforms: LetterBox, RandomPerspective, RandomHSV, flips, Mosaic, MixUp, CutMix,
//              Albumentations-like `CustomTransform`s, and `TrainingAugmenter` (v8_transforms order).
// - Loader/    `DataLoader` (worker threads, rect batches, fraction, cache=ram|disk, close_mosaic), `Batch`.
// - Preview/   `PreviewGrid` and `DataLoader.writePreview` (train_batch0.jpg-style grid with class names).
//
// Determinism: every draw comes from `DataRandom(seed:stream:…)` keyed by (seed, purpose, epoch, image index), and
// mosaic partners come from a window of epoch positions, so batches are identical for any worker count.
