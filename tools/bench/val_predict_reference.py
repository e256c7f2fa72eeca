#!/usr/bin/env python3
"""The reference's side of tools/bench/val_predict.py: `yolo val` throughput and `predict` latency of one checkpoint.

Usage: .venv-tools/bin/python tools/bench/val_predict_reference.py --weights W.pt --data data.yaml --image x.jpg
       [--imgsz 640] [--batch 16] [--threads default|N] [--runs 20] [--make-randinit W.pt]
Prints one JSON line: the val call's wall time and its per-image speed dict, and the medians of predict's
Results.speed (preprocess, inference, postprocess, ms) over --runs calls after 5 warm-ups, batch 1.
--threads default leaves torch's thread count as the reference sets it: select_device() calls
torch.set_num_threads(NUM_THREADS), NUM_THREADS = min(8, cores - 1), i.e. 1 on this 2-core machine; N sets
ultralytics.utils.torch_utils.NUM_THREADS = N so that select_device() sets N threads instead.
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

from ultralytics import YOLO  # noqa: E402  (first, as a user imports it: it sets OMP_NUM_THREADS)
from ultralytics.utils import SETTINGS  # noqa: E402
import ultralytics.utils.torch_utils as torch_utils  # noqa: E402
import torch  # noqa: E402

SETTINGS.update(mlflow=False, tensorboard=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights")
    ap.add_argument("--data")
    ap.add_argument("--image")
    ap.add_argument("--imgsz", type=int, default=640)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--threads", default="default")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--make-randinit")
    a = ap.parse_args()
    if a.threads != "default":
        torch_utils.NUM_THREADS = int(a.threads)
        torch.set_num_threads(int(a.threads))
    if a.make_randinit:
        torch.manual_seed(0)
        YOLO("yolo26n.yaml").save(a.make_randinit)
        return
    model = YOLO(a.weights)
    start = time.perf_counter()
    metrics = model.val(data=a.data, imgsz=a.imgsz, batch=a.batch, device="cpu", plots=False, verbose=False)
    wall = time.perf_counter() - start
    predictor_model = YOLO(a.weights)
    speeds = []
    for i in range(5 + a.runs):
        r = predictor_model.predict(a.image, imgsz=a.imgsz, device="cpu", verbose=False)[0]
        if i >= 5:
            speeds.append(r.speed)
    med = {k: statistics.median(s[k] for s in speeds) for k in ("preprocess", "inference", "postprocess")}
    print(json.dumps({
        "val_wall_s": wall, "val_speed_ms": metrics.speed,
        "predict_inference_ms": med["inference"], "predict_preprocess_ms": med["preprocess"],
        "predict_postprocess_ms": med["postprocess"], "predict_total_ms": statistics.median(sum(s.values()) for s in speeds),
        "threads": torch.get_num_threads(), "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
