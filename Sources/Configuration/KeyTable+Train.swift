extension KeyTable {
    /// Train settings, segmentation and classification keys of default.yaml.
    static let trainKeys: [KeySpec] = [
        KeySpec(
            "model", .path, nil, section: .train, routines: .modelRoutines,
            help: "model file: a checkpoint (yolo26n.pt) or an architecture (yolo26n.yaml)", example: "yolo26n.pt"),
        KeySpec(
            "data", .path, nil, section: .train,
            routines: [.train, .val, .export, .benchmark, .dataCheck, .dataStats, .dataPreview],
            help: "dataset file (data.yaml); train without it uses the built-in synthetic set", example: "data.yaml"),
        KeySpec(
            "epochs", positive, 100, section: .train, routines: [.train, .learn], help: "number of epochs to train for"
        )
        .varying(for: .learn, default: 100),
        KeySpec(
            "time", .float(.above(0)), nil, section: .train, routines: [.train],
            help: "maximum hours to train; overrides epochs if set", example: "1.5"),
        KeySpec(
            "patience", count, 100, section: .train, routines: [.train],
            help: "stop after N epochs without validation improvement (0 disables)"),
        KeySpec(
            "batch",
            .oneOf([
                .int(NumberRange(lower: 1, extras: [-1])),
                .float(NumberRange(lower: 0, upper: 1, lowerInclusive: false, upperInclusive: false)),
            ]),
            16, section: .train, routines: [.train, .val, .predict, .export, .benchmark],
            help: "batch size; -1 for AutoBatch, or a fraction in (0, 1) of available memory",
            accepts:
                "a positive integer, -1 for AutoBatch, or a fraction between 0 and 1 (exclusive) of the memory to fill"),
        KeySpec(
            "imgsz", .oneOf([.int(.atLeast(32)), .list(.int(.atLeast(32)), count: 1...2)]), 640, section: .train,
            routines: [.train, .val, .predict, .export, .track, .benchmark, .info, .dataPreview],
            help: "image size: an int (square) for train/val, [h, w] for predict",
            accepts: "an integer of at least 32 (a square side), or [height, width] of such integers"),
        KeySpec(
            "save", .bool, true, section: .train, routines: [.train, .predict, .track],
            help: "save train checkpoints and predict results"),
        KeySpec(
            "save_period", .int(.atLeast(-1)), -1, section: .train, routines: [.train],
            help: "save a checkpoint every N epochs; disabled if < 1"),
        KeySpec(
            "cache", .oneOf([.bool, .choice(["ram", "disk"])]), false, section: .train, routines: [.train],
            help: "cache images in RAM (True/ram) or on disk to speed up loading; False disables"),
        KeySpec(
            "device", .oneOf([.int(.atLeast(-1)), .string, .list(.int(.atLeast(-1)), count: nil)]), nil,
            section: .train, routines: [.train, .val, .predict, .export, .track, .benchmark],
            help: "device: cpu (the only one here), 0 or 0,1 for GPUs", example: "cpu"),
        KeySpec(
            "workers", count, 8, section: .train, routines: [.train, .val, .dataPreview],
            help: "data loader worker threads"),
        KeySpec(
            "project", .string, nil, section: .train, routines: .runFolders,
            help: "project folder for the run folders (default runs/TASK)", example: "runs/experiments"),
        KeySpec(
            "name", .string, nil, section: .train, routines: .runFolders,
            help: "run folder name (default: the mode, numbered train, train2, ...)", example: "exp"),
        KeySpec(
            "exist_ok", .bool, false, section: .train, routines: .runFolders,
            help: "reuse an existing project/name folder instead of numbering a new one"),
        KeySpec(
            "pretrained", .oneOf([.bool, .path]), true, section: .train, routines: [.train],
            help: "start from pretrained weights (True) or from the weights of this .pt file"),
        KeySpec(
            "cls_remap", .bool, true, section: .train, routines: [.train],
            help: "when fine-tuning across datasets, remap pretrained class-head rows by class name"),
        KeySpec(
            "optimizer", .choice(["SGD", "MuSGD", "Adam", "Adamax", "AdamW", "NAdam", "RAdam", "RMSProp", "auto"]),
            "auto", section: .train, routines: [.train], help: "optimizer: SGD, MuSGD, Adam, AdamW, ... or auto"),
        KeySpec("verbose", .bool, true, section: .train, routines: .everything, help: "print verbose logs"),
        KeySpec(
            "seed", count, 0, section: .train, routines: [.train, .learn, .dataSplit, .dataPreview],
            help: "random seed for reproducibility"),
        KeySpec(
            "deterministic", .bool, true, section: .train, routines: [.train],
            help: "deterministic operations: reproducible, may be slower"),
        KeySpec(
            "single_cls", .bool, false, section: .train, routines: [.train, .val],
            help: "treat all classes as one class"),
        KeySpec(
            "rect", .bool, false, section: .train, routines: [.train, .val],
            help: "rectangular batches (train); rectangular validation batches in val mode"),
        KeySpec("cos_lr", .bool, false, section: .train, routines: [.train], help: "cosine learning-rate schedule"),
        KeySpec(
            "close_mosaic", count, 10, section: .train, routines: [.train],
            help: "turn mosaic off for the final N epochs (0 keeps it on)"),
        KeySpec(
            "resume", .oneOf([.bool, .path]), false, section: .train, routines: [.train],
            help: "resume training from the last checkpoint (model=last.pt, or resume=path/to/last.pt)"),
        KeySpec(
            "amp", .oneOf([.bool, .choice(["fp16", "bf16", "fp32"])]), true, section: .train, routines: [.train],
            help: "training precision: True/fp16, bf16, or False/fp32 (the CPU trains in fp32 unless bf16)"),
        KeySpec(
            "fraction", .oneOf([.float(NumberRange(lower: 0, upper: 1, lowerInclusive: false)), .int(.atLeast(2))]),
            1.0, section: .train, routines: [.train],
            help: "fraction of the training set to use (1.0 = all; an integer > 1 = that many images)"),
        KeySpec(
            "profile", .bool, false, section: .train, routines: [.train],
            help: "profile export speeds during training for loggers"),
        KeySpec(
            "freeze", .oneOf([.int(.atLeast(0)), .list(.oneOf([.int(.atLeast(0)), .string]), count: nil)]), nil,
            section: .train, routines: [.train],
            help: "freeze the first N layers (int), or these layer indices or module names (list)", example: "10"),
        KeySpec(
            "multi_scale", fraction, 0.0, section: .train, routines: [.train],
            help: "multi-scale range as a fraction of imgsz; sizes rounded to stride multiples"),
        KeySpec(
            "compile", .oneOf([.bool, .choice(["default", "reduce-overhead", "max-autotune-no-cudagraphs"])]), false,
            section: .train, routines: [.train, .val, .predict],
            help: "graph compilation (reference: torch.compile); accepted for compatibility"),
        KeySpec(
            "channels_last", .bool, nil, section: .train, routines: [.train, .val, .predict],
            help: "channels-last memory layout (None: automatic)", example: "True"),
        KeySpec(
            "overlap_mask", .bool, true, section: .segmentation, routines: [.train],
            help: "merge instance masks into one mask during training (segment only)"),
        KeySpec(
            "mask_ratio", positive, 4, section: .segmentation, routines: [.train],
            help: "training mask downsample ratio (segment only)"),
        KeySpec(
            "dropout", .float(NumberRange(lower: 0, upper: 1, upperInclusive: false)), 0.0, section: .classification,
            routines: [.train], help: "dropout for the classification head (classify only)"),
    ]
}
