"""The reference's training-step cost for the same work as `yolo-bench model --train`: forward of
DetectionModel(yolo26n.yaml) in train mode on a random [16, 3, 320, 320] batch, the mean of every head output,
backward. Median of 5 after 1 warm-up, on 1 and 2 threads.

Run: .venv-tools/bin/python tools/bench/train_step_torch.py [--model yolo26n.yaml] [--imgsz 320] [--batch 16]
"""
import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("YOLO_OFFLINE", "1")
os.environ.setdefault("YOLO_CONFIG_DIR", tempfile.mkdtemp())

import torch  # noqa: E402
from ultralytics.nn.tasks import DetectionModel  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="yolo26n.yaml")
    ap.add_argument("--imgsz", type=int, default=320)
    ap.add_argument("--batch", type=int, default=16)
    a = ap.parse_args()
    m = DetectionModel(a.model, verbose=False).train()
    x = torch.rand(a.batch, 3, a.imgsz, a.imgsz)

    def step():
        out = m(x)
        heads = [out["one2many"], out["one2one"]] if "one2many" in out else [out]
        loss = sum(h["boxes"].mean() + h["scores"].mean() for h in heads)
        loss.backward()
        m.zero_grad(set_to_none=True)

    for threads in (1, 2):
        torch.set_num_threads(threads)
        step()
        t = []
        for _ in range(5):
            t0 = time.perf_counter()
            step()
            t.append((time.perf_counter() - t0) * 1e3)
        ms = statistics.median(t)
        print(f"torch {torch.__version__} {a.model} train step imgsz {a.imgsz} batch {a.batch}, {threads} thread(s): "
              f"{ms:.0f} ms, {a.batch / ms * 1e3:.1f} img/s")


if __name__ == "__main__":
    main()
