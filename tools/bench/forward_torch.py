"""The reference's eval forward latency for the same model and input size as `yolo-bench model`.

Run: YOLO_OFFLINE=1 .venv-tools/bin/python tools/bench/forward_torch.py [--model yolo26n.yaml] [--imgsz 640]
Times PyTorch (fused model, eval, channels_last as the predictor uses it) on 1 and 2 threads, and ONNX Runtime
(CPU execution provider, default threads = the core count, and 1 thread) when onnxruntime and onnx are installed.
The ONNX graph is what `yolo export format=onnx` makes without onnxslim: the fused eval model with the head's
`export = True` (output [1, 4+nc, A], the decoded one-to-many output), opset 18, legacy TorchScript exporter.
Median of 20 after 5 warm-ups. Besides the human-readable lines it prints `RESULT <what> <ms>` lines for
tools/bench/forward_side_by_side.sh.
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


def export_onnx(model, x, path):
    """The fused eval model as ONNX: head.export makes Detect return the decoded tensor alone (not a dict/tuple)."""
    head = model.model[-1]
    head.export, head.format = True, "onnx"
    try:
        with torch.no_grad():
            torch.onnx.export(model, x, path, opset_version=18, input_names=["images"], output_names=["output0"],
                              do_constant_folding=True, dynamo=False)
    finally:
        head.export = False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="yolo26n.yaml")
    ap.add_argument("--imgsz", type=int, default=640)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--threads", default="1,2", help="PyTorch thread counts, comma-separated")
    ap.add_argument("--ort-threads", default="0,1", help="ONNX Runtime intra-op threads (0 = its default)")
    ap.add_argument("--no-torch", action="store_true")
    ap.add_argument("--no-onnx", action="store_true")
    a = ap.parse_args()
    torch.manual_seed(0)
    m = DetectionModel(a.model, verbose=False).eval().fuse(verbose=False)
    x = torch.rand(1, 3, a.imgsz, a.imgsz)
    if not a.no_torch:
        for threads in (int(t) for t in a.threads.split(",")):
            torch.set_num_threads(threads)
            with torch.inference_mode():
                cl = m.to(memory_format=torch.channels_last)
                ms = median_ms(lambda: cl(x.to(memory_format=torch.channels_last)), a.runs, a.warmup)
            print(f"torch {torch.__version__} {a.model} fused eval {a.imgsz} batch 1, {threads} thread(s): {ms:.1f} ms")
            print(f"RESULT torch-{threads}t {ms:.2f}")
        m = m.to(memory_format=torch.contiguous_format)
    if a.no_onnx:
        return
    try:
        import onnxruntime as ort
    except ImportError:
        print("onnxruntime not installed: pip install onnx onnxruntime into .venv-tools to compare")
        return
    torch.set_num_threads(os.cpu_count() or 1)
    path = os.path.join(tempfile.mkdtemp(), "m.onnx")
    t0 = time.perf_counter()
    export_onnx(m, x, path)
    print(f"exported {path} ({os.path.getsize(path)} bytes) in {time.perf_counter() - t0:.1f} s")
    with torch.no_grad():
        ref = m(x)[0].numpy()
    for threads in (int(t) for t in a.ort_threads.split(",")):
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        s = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
        feed = {"images": x.numpy()}
        out = s.run(None, feed)[0]
        err = float(abs(out - ref).max() / abs(ref).max())
        ms = median_ms(lambda: s.run(None, feed), a.runs, a.warmup)
        label = "default threads" if threads == 0 else f"{threads} thread(s)"
        print(f"onnxruntime {ort.__version__} {a.model} {a.imgsz} batch 1 output {list(out.shape)}, {label}: "
              f"{ms:.1f} ms (max|Δ|/max|ref| vs PyTorch {err:.1e})")
        print(f"RESULT ort-{'default' if threads == 0 else f'{threads}t'} {ms:.2f}")


if __name__ == "__main__":
    main()
