#!/usr/bin/env python3
"""Validation throughput and predict latency, ours and the reference back to back in one invocation (issue 6).

Usage (package root): tools/bench/val_predict.sh [runs]      or
    .venv-tools/bin/python tools/bench/val_predict.py [--runs 3] [--yolo .build/release/yolo] [--out /tmp/val_predict]

Model: yolo26n, nc 80, random weights saved by the reference (tools/bench/val_predict_reference.py --make-randinit;
speed does not depend on the values). imgsz 640.
  val:     coco128 (128 images, batch 16, rect, conf 0.001, iou 0.7): the printed per-image speed
           (preprocess / inference / postprocess ms) and the wall time of the whole command or call.
  predict: one coco8 image 25 times, batch 1: median inference ms of the last 20 (5 warm-ups), and the medians of
           preprocess and postprocess where both sides print them per image (the reference's Results.speed; ours
           prints the inference time per image and the averages over all 25 on its Speed line).
Sides, each in its own process, in this order every run: ours (`yolo val`, `yolo predict`; GOMP_SPINCOUNT=1000,
all cores), the reference with its default threads (select_device() sets min(8, cores - 1): 1 here), the reference
with 2 torch threads. Prints one table per run and the medians over the runs with ratios
(reference ms / ours ms: above 1 means we are faster); `uptime` before and after each run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = ROOT / ".venv-tools" / "bin" / "python"
DATASETS = ROOT.parent / "shared" / "datasets"
ROWS = [("val preprocess ms/img", "val_pre"), ("val inference ms/img", "val_inf"),
        ("val postprocess ms/img", "val_post"), ("val whole call s (128 img)", "val_wall"),
        ("predict inference ms (median 20)", "pred_inf"), ("predict preprocess ms", "pred_pre"),
        ("predict postprocess ms", "pred_post")]


def data_yaml(out: Path) -> Path:
    """coco128's yaml with an absolute path (the reference resolves `path: .` against its own datasets folder)."""
    src = (DATASETS / "coco128" / "data.yaml").read_text()
    path = out / "coco128.yaml"
    path.write_text(src.replace("path: .", f"path: {DATASETS / 'coco128'}"))
    return path


def ours(yolo: str, weights: Path, data: Path, folder: Path, out: Path) -> dict:
    env = {**os.environ, "GOMP_SPINCOUNT": "1000"}
    start = time.perf_counter()
    val = subprocess.run([yolo, "val", f"model={weights}", f"data={data}", "imgsz=640", "batch=16", "plots=False",
                          f"project={out}", "name=val", "exist_ok=True"], capture_output=True, text=True, check=True,
                         env=env).stdout
    wall = time.perf_counter() - start
    m = re.search(r"Speed: ([\d.]+)ms preprocess, ([\d.]+)ms inference, .*?([\d.]+)ms postprocess", val)
    pred = subprocess.run([yolo, "predict", f"model={weights}", f"source={folder}", "imgsz=640", "save=False",
                           f"project={out}", "name=predict", "exist_ok=True"], capture_output=True, text=True,
                          check=True, env=env).stdout
    times = [float(x) for x in re.findall(r"^image \d+/\d+ .*?([\d.]+)ms$", pred, re.M)]
    p = re.search(r"Speed: ([\d.]+)ms preprocess, ([\d.]+)ms inference, ([\d.]+)ms postprocess", pred)
    return {"val_pre": float(m[1]), "val_inf": float(m[2]), "val_post": float(m[3]), "val_wall": wall,
            "pred_inf": statistics.median(times[5:]), "pred_pre": float(p[1]), "pred_post": float(p[3]),
            "note": f"{len(times)} predict lines; predict pre/post are averages over all 25"}


def reference(weights: Path, data: Path, image: Path, threads: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    line = subprocess.run([str(PY), str(ROOT / "tools" / "bench" / "val_predict_reference.py"), "--weights",
                           str(weights), "--data", str(data), "--image", str(image), "--threads", threads],
                          capture_output=True, text=True, check=True, env=env).stdout.strip().splitlines()[-1]
    r = json.loads(line)
    s = r["val_speed_ms"]
    return {"val_pre": s["preprocess"], "val_inf": s["inference"], "val_post": s["postprocess"],
            "val_wall": r["val_wall_s"], "pred_inf": r["predict_inference_ms"], "pred_pre": r["predict_preprocess_ms"],
            "pred_post": r["predict_postprocess_ms"], "note": f"torch threads {r['threads']}"}


def table(results: dict[str, dict]) -> str:
    sides = list(results)
    head = f"{'':34}" + "".join(f"{s:>16}" for s in sides) + "".join(f"{'ratio ' + s[4:]:>18}" for s in sides[1:])
    lines = [head]
    for label, key in ROWS:
        ours_v = results[sides[0]][key]
        row = f"{label:34}" + "".join(f"{results[s][key]:16.1f}" for s in sides)
        row += "".join(f"{results[s][key] / ours_v:17.2f}x" if ours_v else f"{'-':>18}" for s in sides[1:])
        lines.append(row)
    return "\n".join(lines)


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--yolo", default=str(ROOT / ".build" / "release" / "yolo"))
    ap.add_argument("--out", default="/tmp/val_predict")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    weights = ROOT / "tools" / "bench" / "out" / "val_predict" / "yolo26n-coco80-randinit.pt"
    if not weights.exists():
        weights.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(PY), str(ROOT / "tools" / "bench" / "val_predict_reference.py"), "--make-randinit",
                        str(weights)], check=True)
    data = data_yaml(out)
    image = sorted((DATASETS / "coco8" / "images" / "val").iterdir())[0]
    folder = out / "repeat"
    folder.mkdir(exist_ok=True)
    for i in range(25):
        link = folder / f"img{i + 1:02d}{image.suffix}"
        if not link.exists():
            link.symlink_to(image)
    print(f"yolo26n randinit nc=80, imgsz 640; val coco128 batch 16; predict {image.name} x25 batch 1; "
          f"ours {a.yolo}; {os.cpu_count()} cores", flush=True)
    runs = []
    for n in range(a.runs):
        before = uptime()
        results = {"ours": ours(a.yolo, weights, data, folder, out / f"ours{n}"),
                   "ref default": reference(weights, data, image, "default"),
                   "ref 2 threads": reference(weights, data, image, "2")}
        runs.append(results)
        print(f"\nrun {n + 1}/{a.runs}   before: {before}\n{' ' * 11}after:  {uptime()}", flush=True)
        print(table(results), flush=True)
        print("  " + "; ".join(f"{s}: {r['note']}" for s, r in results.items()), flush=True)
    if a.runs > 1:
        medians = {s: {k: statistics.median(r[s][k] for r in runs) for _, k in ROWS} for s in runs[0]}
        print(f"\nmedians of {a.runs} runs (ratio = reference / ours)\n{table(medians)}")
    (out / "results.json").write_text(json.dumps(runs, indent=1) + "\n")


if __name__ == "__main__":
    main()
