"""The reference's eval forward latency for the same model and input size as `yolo-bench model`.

Run: YOLO_OFFLINE=1 .venv-tools/bin/python tools/bench/forward_torch.py [--model yolo26n.yaml] [--imgsz 640]
Times PyTorch (fused model, eval, channels_last as the predictor uses it) on 1 and 2 threads, and ONNX Runtime
when onnxruntime and onnx are installed. Median of 20 after 5 warm-ups.
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


def median_ms(fn, runs=20, warmup=5):
    for _ in range(warmup):
        fn()
    t = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        t.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="yolo26n.yaml")
    ap.add_argument("--imgsz", type=int, default=640)
    a = ap.parse_args()
    m = DetectionModel(a.model, verbose=False).eval().fuse(verbose=False)
    x = torch.rand(1, 3, a.imgsz, a.imgsz)
    for threads in (1, 2):
        torch.set_num_threads(threads)
        with torch.inference_mode():
            cl = m.to(memory_format=torch.channels_last)
            ms = median_ms(lambda: cl(x.to(memory_format=torch.channels_last)))
        print(f"torch {torch.__version__} {a.model} fused eval {a.imgsz} batch 1, {threads} thread(s): {ms:.1f} ms")
    try:
        import onnxruntime as ort
        path = os.path.join(tempfile.mkdtemp(), "m.onnx")
        m.model[-1].export = True
        torch.onnx.export(m, x, path, opset_version=18, input_names=["images"], dynamo=False)
        s = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        ms = median_ms(lambda: s.run(None, {"images": x.numpy()}))
        print(f"onnxruntime {ort.__version__} {a.model} {a.imgsz} batch 1, default threads: {ms:.1f} ms")
    except ImportError:
        print("onnxruntime not installed: pip install onnx onnxruntime into .venv-tools to compare")


if __name__ == "__main__":
    main()
