extension KeyTable {
    /// Val/Test settings of default.yaml.
    static let validationKeys: [KeySpec] = [
        KeySpec("val", .bool, true, section: .validation, routines: [.train], help: "validate after every epoch"),
        KeySpec(
            "split", .choice(["val", "test", "train"]), "val", section: .validation, routines: [.val],
            help: "dataset split to evaluate: val, test or train"),
        KeySpec(
            "save_json", .bool, false, section: .validation, routines: [.train, .val],
            help: "save detections as COCO JSON"),
        KeySpec(
            "conf", fraction, nil, section: .validation, routines: [.val, .predict, .track],
            help: "confidence threshold (None: predict 0.25, val 0.001)", example: "0.25"),
        KeySpec(
            "iou", fraction, 0.7, section: .validation, routines: [.train, .val, .predict, .track],
            help: "IoU threshold for NMS"),
        KeySpec(
            "max_det", positive, 300, section: .validation, routines: [.train, .val, .predict, .track],
            help: "maximum number of detections per image"),
        KeySpec(
            "quantize",
            .oneOf([.int(.only([8, 16, 32])), .choice(["fp16", "fp32", "int8", "w8a8", "w16a16", "w8a16", "w8a32"])]),
            nil, section: .validation, routines: [.train, .val, .predict, .export],
            help: "precision: 16/fp16 or 32/fp32 for predict/val; export also 8/int8", example: "fp32"),
        KeySpec(
            "dnn", .bool, false, section: .validation, routines: [.val, .predict],
            help: "use OpenCV DNN for ONNX inference (reference only)"),
        KeySpec(
            "plots", .bool, true, section: .validation, routines: [.train, .val],
            help: "save plots and images during train/val"),
        KeySpec(
            "nms", .bool, nil, section: .validation, routines: [.val, .predict, .export],
            help: "None: NMS (default); False: YOLO26's NMS-free one-to-one head; True: embed NMS on export",
            example: "False"),
    ]

    /// Predict and visualize settings of default.yaml.
    static let predictKeys: [KeySpec] = [
        KeySpec(
            "source", .path, nil, section: .predict, routines: [.predict, .track],
            help: "image, folder, glob or .txt list of images to predict on", example: "images/"),
        KeySpec(
            "vid_stride", positive, 1, section: .predict, routines: [.predict, .track],
            help: "read every Nth frame of videos"),
        KeySpec(
            "stream_buffer", .bool, false, section: .predict, routines: [.predict, .track],
            help: "buffer all stream frames (True) or keep only the latest (False)"),
        KeySpec(
            "visualize", .bool, false, section: .predict, routines: [.predict, .val],
            help: "save feature heatmaps (predict) or TP/FP/FN pictures (val)"),
        KeySpec(
            "augment", .bool, false, section: .predict, routines: [.predict],
            help: "test-time augmentation during prediction"),
        KeySpec(
            "agnostic_nms", .bool, false, section: .predict, routines: [.val, .predict, .track],
            help: "class-agnostic NMS"),
        KeySpec(
            "classes", .oneOf([count, .list(count, count: nil)]), nil, section: .predict,
            routines: [.val, .predict, .track], help: "keep only these class ids, e.g. 0 or [0,2,3]", example: "0,2"),
        KeySpec(
            "retina_masks", .bool, false, section: .predict, routines: [.predict],
            help: "high-resolution segmentation masks (segment)"),
        KeySpec(
            "embed", .list(count, count: nil), nil, section: .predict, routines: [.predict],
            help: "return feature embeddings from these layer indices", example: "[21]"),
        KeySpec(
            "show", .bool, false, section: .visualize, routines: .drawing,
            help: "show images in a window if supported"),
        KeySpec(
            "save_frames", .bool, false, section: .visualize, routines: .drawing,
            help: "save individual frames of video predictions"),
        KeySpec(
            "save_txt", .bool, false, section: .visualize, routines: .drawing,
            help: "save results as YOLO .txt files (class cx cy w h)"),
        KeySpec(
            "save_conf", .bool, false, section: .visualize, routines: .drawing,
            help: "add confidences to saved .txt results"),
        KeySpec(
            "save_crop", .bool, false, section: .visualize, routines: .drawing,
            help: "save cropped predicted regions"),
        KeySpec(
            "show_labels", .bool, true, section: .visualize, routines: .drawing,
            help: "draw class labels on images, e.g. 'person'"),
        KeySpec(
            "show_conf", .bool, true, section: .visualize, routines: .drawing,
            help: "draw confidences on images, e.g. '0.99'"),
        KeySpec(
            "show_boxes", .bool, true, section: .visualize, routines: .drawing, help: "draw bounding boxes"),
        KeySpec(
            "line_width", positive, nil, section: .visualize, routines: .drawing,
            help: "box line width in pixels (None: scales with the image)", example: "2"),
    ]

    /// Export settings of default.yaml (the mode is not available yet; the keys are kept for args.yaml).
    static let exportKeys: [KeySpec] = [
        KeySpec(
            "format",
            .choice([
                "torchscript", "onnx", "openvino", "engine", "coreml", "coreai", "saved_model", "pb", "edgetpu",
                "litert", "paddle", "mnn", "ncnn", "imx", "rknn", "executorch", "axelera", "deepx", "qnn", "hailo",
                "ascend", "xilinx",
            ]), "torchscript", section: .export, routines: [.export], help: "export format, e.g. torchscript, onnx"),
        KeySpec(
            "optimize", .bool, false, section: .export, routines: [.export],
            help: "higher compiler optimization (DEEPX only)"),
        KeySpec(
            "dynamic", .bool, false, section: .export, routines: [.export], help: "dynamic input shapes"),
        KeySpec(
            "simplify", .bool, true, section: .export, routines: [.export], help: "simplify the ONNX graph"),
        KeySpec(
            "opset", positive, nil, section: .export, routines: [.export], help: "ONNX opset version",
            example: "18"),
        KeySpec(
            "workspace", .float(.above(0)), nil, section: .export, routines: [.export],
            help: "TensorRT workspace size in GiB", example: "4"),
    ]
}
