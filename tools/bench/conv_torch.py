"""PyTorch's convolution speed for the cases of `yolo-bench kernels`, for a side-by-side ratio.

Run: .venv-tools/bin/python tools/bench/conv_torch.py [--threads 2] [--runs 11] [--channels-last]
Prints JSON rows {"case", "pass", "gflops", "ms"} like `yolo-bench kernels --json`.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F

CASES = [
    ("conv3x3_c64_s80", 64, 80, 64, 3, 1),
    ("conv3x3_c256_s20", 256, 20, 256, 3, 1),
    ("conv1x1_c64_s80", 64, 80, 64, 1, 1),
    ("conv3x3s2_c64_s80", 64, 80, 128, 3, 2),
    ("stem_c3_s640", 3, 640, 16, 3, 2),
]


def median_ms(fn, runs, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--channels-last", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    rows = []
    for name, c, s, o, k, stride in CASES:
        x = torch.randn(16, c, s, s)
        w = torch.randn(o, c, k, k) * 0.1
        if a.channels_last:
            x = x.to(memory_format=torch.channels_last)
            w = w.to(memory_format=torch.channels_last)
        pad = k // 2
        y = F.conv2d(x, w, stride=stride, padding=pad)
        gy = torch.randn_like(y)
        oh = y.shape[2] * y.shape[3]
        flops = 2.0 * 16 * o * oh * c * k * k
        passes = {
            "fwd": lambda: F.conv2d(x, w, stride=stride, padding=pad),
            "bwd_data": lambda: torch.nn.grad.conv2d_input(x.shape, w, gy, stride=stride, padding=pad),
            "bwd_weights": lambda: torch.nn.grad.conv2d_weight(x, w.shape, gy, stride=stride, padding=pad),
        }
        with torch.no_grad():
            for p, fn in passes.items():
                ms = median_ms(fn, a.runs)
                rows.append({"case": name, "pass": p, "gflops": flops / (ms * 1e6), "ms": ms})
    print(json.dumps({"torch": torch.__version__, "threads": a.threads, "channels_last": a.channels_last,
                      "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
