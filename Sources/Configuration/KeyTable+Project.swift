extension KeyTable {
    /// This project's own keys (after the reference's, in args.yaml too).
    static let projectKeys: [KeySpec] = [
        KeySpec(
            "loss", .choice(["mse", "bce"]), "mse", section: .project, routines: [.learn],
            help: "loss of `yolo learn`: mse (mean squared error) or bce (binary cross-entropy)"),
        KeySpec(
            "sampler", .choice(["uniform", "balanced"]), "uniform", section: .project, routines: [.train],
            help: "training image sampling: uniform, or balanced (oversample images with rare classes)"),
        KeySpec(
            "augmentations", .list(.any, count: nil), nil, section: .project, routines: .augmenting,
            help: "custom transforms, e.g. [{Blur: {blur_limit: 7, p: 0.5}}, {HorizontalFlip: {p: 0.5}}]",
            example: "[{HorizontalFlip: {p: 0.5}}]"),
        KeySpec(
            "tensorboard", .bool, nil, section: .project, routines: [.train],
            help: "log to TensorBoard for this run (None: the `yolo settings` value)", example: "True"),
        KeySpec(
            "mlflow", .bool, nil, section: .project, routines: [.train],
            help: "log to MLflow (MLFLOW_TRACKING_URI) for this run (None: the `yolo settings` value)", example: "True"),
        KeySpec(
            "run", .path, nil, section: .project, routines: [.diagnose],
            help: "run folder to diagnose", example: "runs/detect/train"),
        KeySpec(
            "path", .path, nil, section: .project, routines: [.dataSplit],
            help: "images folder to split", example: "datasets/my_dataset/images"),
        KeySpec(
            "weights", .list(fraction, count: 2...3), [0.9, 0.1, 0.0], section: .project, routines: [.dataSplit],
            help: "train, val[, test] fractions for `yolo data split`", example: "0.8,0.2,0.0",
            accepts: "2 or 3 fractions from 0.0 to 1.0 for train, val[, test]"),
        KeySpec(
            "n", positive, 16, section: .project, routines: [.dataPreview],
            help: "number of samples in the `yolo data preview` grid"),
        KeySpec(
            "stratify", .bool, true, section: .project, routines: [.dataSplit],
            help: "keep every class's share equal across splits"),
        KeySpec(
            "group", .string, nil, section: .project, routines: [.dataSplit],
            help: "regex: images whose names share its match stay in one split (frames of a video)",
            example: "'^(.*)_frame'"),
        KeySpec(
            "annotated_only", .bool, false, section: .project, routines: [.dataSplit],
            help: "split only images that have a label file"),
        KeySpec(
            "move", .bool, false, section: .project, routines: [.dataSplit],
            help: "lay out images/{train,val,test} and labels instead of writing autosplit_*.txt lists"),
        KeySpec(
            "threshold", .int(.between(0, 64)), 10, section: .project, routines: [.dataCheck],
            help: "near-duplicate limit: largest Hamming distance of 64-bit perceptual hashes"),
    ]
}
