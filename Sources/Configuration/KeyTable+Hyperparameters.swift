extension KeyTable {
    /// Hyperparameters of default.yaml: learning rate, schedule, loss gains.
    static let hyperparameterKeys: [KeySpec] = [
        KeySpec(
            "lr0", fraction, 0.01, section: .hyperparameters, routines: [.train, .learn],
            help: "initial learning rate (SGD 1e-2, Adam/AdamW 1e-3; yolo learn's toy model on raw 0–255 features 0.001)"
        ).varying(for: .learn, type: .float(.above(0)), default: 0.001),
        KeySpec(
            "lrf", fraction, 0.01, section: .hyperparameters, routines: [.train],
            help: "final learning rate as a fraction of lr0"),
        KeySpec(
            "momentum", fraction, 0.937, section: .hyperparameters, routines: [.train],
            help: "SGD momentum or Adam beta1"),
        KeySpec(
            "weight_decay", fraction, 0.0005, section: .hyperparameters, routines: [.train],
            help: "weight decay (L2 regularization)"),
        KeySpec(
            "warmup_epochs", nonNegative, 3.0, section: .hyperparameters, routines: [.train],
            help: "warmup epochs (fractions allowed)"),
        KeySpec(
            "warmup_momentum", fraction, 0.8, section: .hyperparameters, routines: [.train],
            help: "initial momentum during warmup"),
        KeySpec(
            "warmup_bias_lr", fraction, 0.1, section: .hyperparameters, routines: [.train],
            help: "bias learning rate at the start of warmup"),
        KeySpec(
            "distill_model", .path, nil, section: .hyperparameters, routines: [.train],
            help: "teacher model for knowledge distillation", example: "yolo26s.pt"),
        KeySpec("dis", nonNegative, 6.0, section: .hyperparameters, routines: [.train], help: "distillation loss gain"),
        KeySpec("box", nonNegative, 7.5, section: .hyperparameters, routines: [.train], help: "box loss gain"),
        KeySpec(
            "cls", nonNegative, 0.5, section: .hyperparameters, routines: [.train], help: "classification loss gain"),
        KeySpec(
            "cls_pw", nonNegative, 0.0, section: .hyperparameters, routines: [.train],
            help: "class-weight power against imbalance (0.0 off, 1.0 full inverse frequency)"),
        KeySpec(
            "dfl", nonNegative, 1.5, section: .hyperparameters, routines: [.train],
            help: "box distance loss gain (DFL for reg_max > 1, L1 for YOLO26)"),
        KeySpec(
            "pose", nonNegative, 12.0, section: .hyperparameters, routines: [.train], help: "pose loss gain (pose)"),
        KeySpec(
            "kobj", nonNegative, 1.0, section: .hyperparameters, routines: [.train],
            help: "keypoint objectness loss gain (pose)"),
        KeySpec("rle", nonNegative, 1.0, section: .hyperparameters, routines: [.train], help: "RLE loss gain (pose)"),
        KeySpec(
            "angle", nonNegative, 1.0, section: .hyperparameters, routines: [.train], help: "angle loss gain (obb)"),
        KeySpec(
            "dlog", nonNegative, 1.0, section: .hyperparameters, routines: [.train],
            help: "depth SILog loss gain (depth)"),
        KeySpec(
            "dgrad", nonNegative, 0.5, section: .hyperparameters, routines: [.train],
            help: "depth gradient loss gain (depth)"),
        KeySpec(
            "dlam", fraction, 1.0, section: .hyperparameters, routines: [.train],
            help: "depth SILog variance focus (depth)"),
        KeySpec(
            "nbs", positive, 64, section: .hyperparameters, routines: [.train],
            help: "nominal batch size; gradients accumulate over round(nbs / batch) batches"),
    ]

    /// Augmentation hyperparameters of default.yaml (also read by `yolo data preview`).
    static let augmentationKeys: [KeySpec] = [
        KeySpec(
            "hsv_h", fraction, 0.015, section: .augmentation, routines: .augmenting,
            help: "HSV hue augmentation fraction"),
        KeySpec(
            "hsv_s", fraction, 0.7, section: .augmentation, routines: .augmenting,
            help: "HSV saturation augmentation fraction"),
        KeySpec(
            "hsv_v", fraction, 0.4, section: .augmentation, routines: .augmenting,
            help: "HSV value (brightness) augmentation fraction"),
        KeySpec(
            "degrees", .float(.between(-180, 180)), 0.0, section: .augmentation, routines: .augmenting,
            help: "rotation in degrees (+/-)"),
        KeySpec(
            "translate", fraction, 0.1, section: .augmentation, routines: .augmenting,
            help: "translation fraction (+/-)"),
        KeySpec("scale", fraction, 0.5, section: .augmentation, routines: .augmenting, help: "scale gain (+/-)"),
        KeySpec(
            "shear", .float(.between(-180, 180)), 0.0, section: .augmentation, routines: .augmenting,
            help: "shear in degrees (+/-)"),
        KeySpec(
            "perspective", fraction, 0.0, section: .augmentation, routines: .augmenting,
            help: "perspective fraction (0-0.001 typical)"),
        KeySpec(
            "flipud", fraction, 0.0, section: .augmentation, routines: .augmenting, help: "vertical flip probability"),
        KeySpec(
            "fliplr", fraction, 0.5, section: .augmentation, routines: .augmenting, help: "horizontal flip probability"),
        KeySpec(
            "bgr", fraction, 0.0, section: .augmentation, routines: .augmenting,
            help: "RGB/BGR channel swap probability"),
        KeySpec("mosaic", fraction, 1.0, section: .augmentation, routines: .augmenting, help: "mosaic probability"),
        KeySpec("mixup", fraction, 0.0, section: .augmentation, routines: .augmenting, help: "MixUp probability"),
        KeySpec("cutmix", fraction, 0.0, section: .augmentation, routines: .augmenting, help: "CutMix probability"),
        KeySpec(
            "copy_paste", fraction, 0.0, section: .augmentation, routines: .augmenting,
            help: "copy-paste fraction of eligible objects (segment)"),
        KeySpec(
            "copy_paste_mode", .choice(["flip", "mixup"]), "flip", section: .augmentation, routines: .augmenting,
            help: "copy-paste strategy: flip or mixup"),
        KeySpec(
            "auto_augment", .choice(["randaugment", "autoaugment", "augmix"]), "randaugment", section: .augmentation,
            routines: .augmenting, help: "classification augmentation policy: randaugment, autoaugment, augmix"),
        KeySpec(
            "erasing", fraction, 0.4, section: .augmentation, routines: .augmenting,
            help: "random erasing probability (classify)"),
    ]
}
