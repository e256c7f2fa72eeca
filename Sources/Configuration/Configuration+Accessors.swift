/// Typed accessors, one per key of the table (lowerCamelCase of the reference's names: `save_period` → `savePeriod`).
extension Configuration {
    // General
    public var task: YOLOTask { YOLOTask(rawValue: string("task")) ?? .detect }
    public var mode: Mode { Mode(rawValue: string("mode")) ?? .train }
    // Train settings
    public var model: String? { self["model"].stringValue }
    public var data: String? { self["data"].stringValue }
    public var epochs: Int { int("epochs") }
    public var time: Double? { self["time"].doubleValue }
    public var patience: Int { int("patience") }
    public var batch: BatchSize { BatchSize(self["batch"]) }
    public var imgsz: ImageSize { ImageSize(self["imgsz"]) }
    public var save: Bool { bool("save") }
    public var savePeriod: Int { int("save_period") }
    public var cache: CacheMode { CacheMode(self["cache"]) }
    /// `device` as text (`cpu`, `0`, `0,1`), or nil for automatic.
    public var device: String? {
        switch self["device"] {
        case .none: return nil
        case .list(let items): return items.map(\.commandLineText).joined(separator: ",")
        case let value: return value.commandLineText
        }
    }
    public var workers: Int { int("workers") }
    public var project: String? { self["project"].stringValue }
    public var name: String? { self["name"].stringValue }
    public var existOk: Bool { bool("exist_ok") }
    public var pretrained: PretrainedWeights { PretrainedWeights(self["pretrained"]) }
    public var clsRemap: Bool { bool("cls_remap") }
    public var optimizer: String { string("optimizer") }
    public var verbose: Bool { bool("verbose") }
    public var seed: Int { int("seed") }
    public var deterministic: Bool { bool("deterministic") }
    public var singleCls: Bool { bool("single_cls") }
    public var rect: Bool { bool("rect") }
    public var cosLr: Bool { bool("cos_lr") }
    public var closeMosaic: Int { int("close_mosaic") }
    public var resume: ResumeRequest { ResumeRequest(self["resume"]) }
    public var amp: Precision { Precision(self["amp"]) }
    /// `fraction`: a share of the training set (≤ 1) or, above 1, a number of images.
    public var fraction: Double { double("fraction") }
    public var profile: Bool { bool("profile") }
    public var freeze: LayerFreeze? { LayerFreeze(self["freeze"]) }
    public var multiScale: Double { double("multi_scale") }
    /// `compile`: nil when off, the backend mode otherwise (`True` → `default`).
    public var compile: String? {
        switch self["compile"] {
        case .bool(true): return "default"
        case .string(let mode): return mode
        default: return nil
        }
    }
    public var channelsLast: Bool? { self["channels_last"].boolValue }
    public var overlapMask: Bool { bool("overlap_mask") }
    public var maskRatio: Int { int("mask_ratio") }
    public var dropout: Double { double("dropout") }
    // Val/Test settings
    public var val: Bool { bool("val") }
    public var split: String { string("split") }
    public var saveJson: Bool { bool("save_json") }
    public var conf: Double? { self["conf"].doubleValue }
    public var iou: Double { double("iou") }
    public var maxDet: Int { int("max_det") }
    /// `quantize` as a word: `fp16` (also for 16), `fp32` (32), `int8` (8), `w8a8`, ...; nil when unset.
    public var quantize: String? {
        switch self["quantize"] {
        case .int(16): return "fp16"
        case .int(32): return "fp32"
        case .int(8): return "int8"
        case .string(let word): return word
        default: return nil
        }
    }
    public var dnn: Bool { bool("dnn") }
    public var plots: Bool { bool("plots") }
    public var nms: Bool? { self["nms"].boolValue }
    // Predict and visualize settings
    public var source: String? { self["source"].stringValue }
    public var vidStride: Int { int("vid_stride") }
    public var streamBuffer: Bool { bool("stream_buffer") }
    public var visualize: Bool { bool("visualize") }
    public var augment: Bool { bool("augment") }
    public var agnosticNms: Bool { bool("agnostic_nms") }
    /// `classes` as a list (a single id becomes a one-element list); nil keeps every class.
    public var classes: [Int]? { ints("classes") }
    public var retinaMasks: Bool { bool("retina_masks") }
    public var embed: [Int]? { ints("embed") }
    public var show: Bool { bool("show") }
    public var saveFrames: Bool { bool("save_frames") }
    public var saveTxt: Bool { bool("save_txt") }
    public var saveConf: Bool { bool("save_conf") }
    public var saveCrop: Bool { bool("save_crop") }
    public var showLabels: Bool { bool("show_labels") }
    public var showConf: Bool { bool("show_conf") }
    public var showBoxes: Bool { bool("show_boxes") }
    public var lineWidth: Int? { self["line_width"].intValue }
    // Export settings
    public var format: String { string("format") }
    public var optimize: Bool { bool("optimize") }
    public var dynamic: Bool { bool("dynamic") }
    public var simplify: Bool { bool("simplify") }
    public var opset: Int? { self["opset"].intValue }
    public var workspace: Double? { self["workspace"].doubleValue }
}

/// Hyperparameters, augmentation, custom config, tracker and project keys.
extension Configuration {
    public var lr0: Double { double("lr0") }
    public var lrf: Double { double("lrf") }
    public var momentum: Double { double("momentum") }
    public var weightDecay: Double { double("weight_decay") }
    public var warmupEpochs: Double { double("warmup_epochs") }
    public var warmupMomentum: Double { double("warmup_momentum") }
    public var warmupBiasLr: Double { double("warmup_bias_lr") }
    public var distillModel: String? { self["distill_model"].stringValue }
    public var dis: Double { double("dis") }
    public var box: Double { double("box") }
    public var cls: Double { double("cls") }
    public var clsPw: Double { double("cls_pw") }
    public var dfl: Double { double("dfl") }
    public var pose: Double { double("pose") }
    public var kobj: Double { double("kobj") }
    public var rle: Double { double("rle") }
    public var angle: Double { double("angle") }
    public var dlog: Double { double("dlog") }
    public var dgrad: Double { double("dgrad") }
    public var dlam: Double { double("dlam") }
    public var nbs: Int { int("nbs") }
    public var hsvH: Double { double("hsv_h") }
    public var hsvS: Double { double("hsv_s") }
    public var hsvV: Double { double("hsv_v") }
    public var degrees: Double { double("degrees") }
    public var translate: Double { double("translate") }
    public var scale: Double { double("scale") }
    public var shear: Double { double("shear") }
    public var perspective: Double { double("perspective") }
    public var flipud: Double { double("flipud") }
    public var fliplr: Double { double("fliplr") }
    public var bgr: Double { double("bgr") }
    public var mosaic: Double { double("mosaic") }
    public var mixup: Double { double("mixup") }
    public var cutmix: Double { double("cutmix") }
    public var copyPaste: Double { double("copy_paste") }
    public var copyPasteMode: String { string("copy_paste_mode") }
    public var autoAugment: String { string("auto_augment") }
    public var erasing: Double { double("erasing") }
    public var cfg: String? { self["cfg"].stringValue }
    public var tracker: String { string("tracker") }
    public var loss: String { string("loss") }
    public var sampler: String { string("sampler") }
    /// `augmentations`: the custom transforms as given (each usually a one-entry mapping `{Blur: {p: 0.5}}`).
    public var augmentations: [ConfigValue]? { self["augmentations"].listValue }
    public var tensorboard: Bool? { self["tensorboard"].boolValue }
    public var mlflow: Bool? { self["mlflow"].boolValue }
    public var run: String? { self["run"].stringValue }
    public var path: String? { self["path"].stringValue }
    public var weights: [Double] { self["weights"].listValue?.compactMap(\.doubleValue) ?? [0.9, 0.1, 0.0] }
    public var n: Int { int("n") }
    public var stratify: Bool { bool("stratify") }
    public var group: String? { self["group"].stringValue }
    public var annotatedOnly: Bool { bool("annotated_only") }
    public var move: Bool { bool("move") }
    public var threshold: Int { int("threshold") }

    // Readers that fall back to the table's default (values are validated when set, so they never need to).
    private func int(_ key: String) -> Int { self[key].intValue ?? KeyTable.spec(key)?.defaultValue.intValue ?? 0 }
    private func double(_ key: String) -> Double {
        self[key].doubleValue ?? KeyTable.spec(key)?.defaultValue.doubleValue ?? 0
    }
    private func bool(_ key: String) -> Bool {
        self[key].boolValue ?? KeyTable.spec(key)?.defaultValue.boolValue ?? false
    }
    private func string(_ key: String) -> String {
        self[key].stringValue ?? KeyTable.spec(key)?.defaultValue.stringValue ?? ""
    }
    private func ints(_ key: String) -> [Int]? {
        switch self[key] {
        case .int(let value): return [value]
        case .list(let items): return items.compactMap(\.intValue)
        default: return nil
        }
    }
}
