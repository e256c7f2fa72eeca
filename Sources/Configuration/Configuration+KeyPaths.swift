/// The typed accessor of every key, so tests (and tools) can check that the table and the accessors agree.
extension Configuration {
    /// Key name → the accessor's key path.
    public static var accessors: [String: PartialKeyPath<Configuration>] {
        [
            "task": \.task, "mode": \.mode, "model": \.model, "data": \.data, "epochs": \.epochs, "time": \.time,
            "patience": \.patience, "batch": \.batch, "imgsz": \.imgsz, "save": \.save, "save_period": \.savePeriod,
            "cache": \.cache, "device": \.device, "workers": \.workers, "project": \.project, "name": \.name,
            "exist_ok": \.existOk, "pretrained": \.pretrained, "cls_remap": \.clsRemap, "optimizer": \.optimizer,
            "verbose": \.verbose, "seed": \.seed, "deterministic": \.deterministic, "single_cls": \.singleCls,
            "rect": \.rect, "cos_lr": \.cosLr, "close_mosaic": \.closeMosaic, "resume": \.resume, "amp": \.amp,
            "fraction": \.fraction, "profile": \.profile, "freeze": \.freeze, "multi_scale": \.multiScale,
            "compile": \.compile, "channels_last": \.channelsLast, "overlap_mask": \.overlapMask,
            "mask_ratio": \.maskRatio, "dropout": \.dropout, "val": \.val, "split": \.split,
            "save_json": \.saveJson, "conf": \.conf, "iou": \.iou, "max_det": \.maxDet, "quantize": \.quantize,
            "dnn": \.dnn, "plots": \.plots, "nms": \.nms, "source": \.source, "vid_stride": \.vidStride,
            "stream_buffer": \.streamBuffer, "visualize": \.visualize, "augment": \.augment,
            "agnostic_nms": \.agnosticNms, "classes": \.classes, "retina_masks": \.retinaMasks, "embed": \.embed,
            "show": \.show, "save_frames": \.saveFrames, "save_txt": \.saveTxt, "save_conf": \.saveConf,
            "save_crop": \.saveCrop, "show_labels": \.showLabels, "show_conf": \.showConf,
            "show_boxes": \.showBoxes, "line_width": \.lineWidth, "format": \.format, "optimize": \.optimize,
            "dynamic": \.dynamic, "simplify": \.simplify, "opset": \.opset, "workspace": \.workspace,
            "lr0": \.lr0, "lrf": \.lrf, "momentum": \.momentum, "weight_decay": \.weightDecay,
            "warmup_epochs": \.warmupEpochs, "warmup_momentum": \.warmupMomentum,
            "warmup_bias_lr": \.warmupBiasLr, "distill_model": \.distillModel, "dis": \.dis, "box": \.box,
            "cls": \.cls, "cls_pw": \.clsPw, "dfl": \.dfl, "pose": \.pose, "kobj": \.kobj, "rle": \.rle,
            "angle": \.angle, "dlog": \.dlog, "dgrad": \.dgrad, "dlam": \.dlam, "nbs": \.nbs, "hsv_h": \.hsvH,
            "hsv_s": \.hsvS, "hsv_v": \.hsvV, "degrees": \.degrees, "translate": \.translate, "scale": \.scale,
            "shear": \.shear, "perspective": \.perspective, "flipud": \.flipud, "fliplr": \.fliplr, "bgr": \.bgr,
            "mosaic": \.mosaic, "mixup": \.mixup, "cutmix": \.cutmix, "copy_paste": \.copyPaste,
            "copy_paste_mode": \.copyPasteMode, "auto_augment": \.autoAugment, "erasing": \.erasing,
            "cfg": \.cfg, "tracker": \.tracker, "loss": \.loss, "sampler": \.sampler,
            "augmentations": \.augmentations, "tensorboard": \.tensorboard, "mlflow": \.mlflow, "run": \.run,
            "path": \.path, "weights": \.weights, "n": \.n, "stratify": \.stratify, "group": \.group,
            "annotated_only": \.annotatedOnly, "move": \.move, "threshold": \.threshold,
        ]
    }
}
