#!/usr/bin/env python3
"""The reference's side of tools/bench/val_predict.sh: `yolo val` throughput and `predict` latency of one checkpoint.

Usage: .venv-tools/bin/python tools/bench/val_predict_reference.py --weights W.pt --data data.yaml --image x.jpg
       [--imgsz 640] [--batch 16] [--threads 2] [--runs 20] [--make-randinit W.pt]
Prints one JSON line: val images/s (wall of the whole val call, and the per-image speed dict) and the median predict
latency (inference and pre+inference+post, milliseconds) over --runs calls after 5 warm-ups, batch 1.
--make-randinit writes a yolo26n (nc=80, random init, seed 0) checkpoint with the reference's own `save` and exits.
"""
import argparse
import json
import os
import statistics
import tempfile
import time

os.environ.setdefault("YOLO_OFFLINE", "1")
os.environ.setdefault("YOLO_CONFIG_DIR", tempfile.mkdtemp())

import torch  # noqa: E402
import ultralytics.utils.torch_utils as torch_utils  # noqa: E402
from ultralytics import YOLO  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights")
    ap.add_argument("--data")
    ap.add_argument("--image")
    ap.add_argument("--imgsz", type=int, default=640)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--make-randinit")
    a = ap.parse_args()
    torch_utils.NUM_THREADS = a.threads
    torch.set_num_threads(a.threads)
    if a.make_randinit:
        torch.manual_seed(0)
        YOLO("yolo26n.yaml").save(a.make_randinit)
        return
    model = YOLO(a.weights)
    start = time.perf_counter()
    metrics = model.val(data=a.data, imgsz=a.imgsz, batch=a.batch, device="cpu", plots=False, verbose=False)
    wall = time.perf_counter() - start
    images = int(metrics.seen) if hasattr(metrics, "seen") else None
    predictor_model = YOLO(a.weights)
    inference, total = [], []
    for i in range(5 + a.runs):
        r = predictor_model.predict(a.image, imgsz=a.imgsz, device="cpu", verbose=False)[0]
        if i >= 5:
            inference.append(r.speed["inference"])
            total.append(sum(r.speed.values()))
    print(json.dumps({
        "val_wall_s": wall, "val_images": images, "val_speed_ms": metrics.speed,
        "predict_inference_ms": statistics.median(inference), "predict_total_ms": statistics.median(total),
        "threads": a.threads, "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
