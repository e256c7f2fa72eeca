#!/usr/bin/env python3
"""Check a `yolo train ... tensorboard=True mlflow=True` run with the real TensorBoard and MLflow (issue 8 acceptance).

    check_tracking.py online  RUN_DIR TRAIN_LOG MLFLOW_URI EXPERIMENT
    check_tracking.py offline RUN_DIR TRAIN_LOG
    check_tracking.py status  RUN_DIR TRAIN_LOG MLFLOW_URI STATUS

online: the run folder's event file, read by TensorBoard's EventAccumulator, holds every results.csv value under its
column's tag at step = epoch, and its images decode to the sizes they declare; the MLflow run, read back through the
REST API, holds the resolved arguments as parameters, every results.csv series per epoch (step = epoch - 1, keys
without parentheses, as the reference), best.pt (byte-identical) and results.csv as artefacts, and status FINISHED.
offline (server stopped): the training finished (2 results rows, best.pt) with exactly one MLflow warning.
status: a run that did not finish (Ctrl-C: KILLED, a training error: FAILED) is closed with that status on the
server, without MLflow warnings.
Exits non-zero with the failed checks listed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

FAILURES: list[str] = []


def check(condition: bool, message: str) -> bool:
    if not condition:
        FAILURES.append(message)
    return condition


def close(a: float, b: float) -> bool:
    """results.csv holds %.6g text, TensorBoard float32: equal to about 6 significant digits."""
    return math.isclose(a, b, rel_tol=2e-5, abs_tol=1e-7)


def results(run: Path) -> tuple[list[str], list[dict[str, float]]]:
    with open(run / "results.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    columns = [c.strip() for c in rows[0].keys()] if rows else []
    return columns, [{k.strip(): float(v) for k, v in row.items()} for row in rows]


def check_log(log: Path, online: bool) -> None:
    lines = log.read_text(errors="replace").splitlines()
    warnings = [line for line in lines if "warning:" in line.lower() and "mlflow" in line.lower()]
    if online:
        check(not warnings, f"MLflow warned although the server was up: {warnings}")
    else:
        check(len(warnings) == 1, f"expected exactly one MLflow warning with the server stopped, got {warnings}")
    timing = [line for line in lines if line.startswith("Tracking and plots:")]
    if check(len(timing) == 1, "no 'Tracking and plots: ...' timing line at train end"):
        print("  " + timing[0])


def check_tensorboard(run: Path, columns: list[str], rows: list[dict[str, float]]) -> None:
    from PIL import Image
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    files = sorted(run.glob("events.out.tfevents.*"))
    if not check(len(files) == 1, f"expected one event file in {run}, found {[f.name for f in files]}"):
        return
    acc = EventAccumulator(str(files[0]), size_guidance={"scalars": 0, "images": 0})
    acc.Reload()
    tags = acc.Tags()
    series = [c for c in columns if c not in ("epoch", "time")]
    check(sorted(tags["scalars"]) == sorted(series), f"scalar tags {sorted(tags['scalars'])} != csv {sorted(series)}")
    compared = 0
    for tag in series:
        if tag not in tags["scalars"]:
            continue
        logged = {e.step: e.value for e in acc.Scalars(tag)}
        for row in rows:
            step = int(row["epoch"])
            if check(step in logged, f"TensorBoard {tag}: no value at step {step}"):
                compared += 1
                check(close(logged[step], row[tag]), f"TensorBoard {tag} step {step}: {logged[step]} != csv {row[tag]}")
    pictures = sorted(p.stem for p in run.iterdir() if p.suffix.lower() in (".png", ".jpg", ".jpeg"))
    check(sorted(tags["images"]) == pictures, f"image tags {sorted(tags['images'])} != pictures {pictures}")
    for tag in tags["images"]:
        for event in acc.Images(tag):
            image = Image.open(io.BytesIO(event.encoded_image_string))
            image.load()
            check(image.size == (event.width, event.height),
                  f"image {tag}: decodes to {image.size}, summary says {(event.width, event.height)}")
    print(f"  TensorBoard: {files[0].name}: {compared} scalars equal results.csv, {len(tags['images'])} images decode")


def api(base: str, endpoint: str, **query: str) -> dict:
    url = f"{base}/api/2.0/mlflow/{endpoint}?{urllib.parse.urlencode(query)}"
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


def check_mlflow(run: Path, base: str, experiment: str, columns: list[str], rows: list[dict[str, float]]) -> None:
    run_id = (run / "mlflow_run_id.txt").read_text().strip()
    exp = api(base, "experiments/get-by-name", experiment_name=experiment)["experiment"]
    info = api(base, "runs/get", run_id=run_id)["run"]
    check(info["info"]["experiment_id"] == exp["experiment_id"], "run is not in the experiment named after project")
    check(info["info"]["run_name"] == run.name, f"run name {info['info']['run_name']} != {run.name}")
    check(info["info"]["status"] == "FINISHED", f"run status {info['info']['status']}")

    params = {p["key"]: p["value"] for p in info["data"].get("params", [])}
    keys = (re.match(r"([A-Za-z_][\w-]*):", line) for line in (run / "args.yaml").read_text().splitlines())
    args = [k.group(1) for k in keys if k and k.group(1) != "save_dir"]
    missing = [a for a in args if a not in params]
    check(not missing, f"parameters missing from MLflow: {missing}")
    for key, value in {"epochs": "2", "imgsz": "64", "batch": "4"}.items():
        check(params.get(key) == value, f"param {key} = {params.get(key)!r}, expected {value!r}")

    compared = 0
    for column in (c for c in columns if c not in ("epoch", "time")):
        key = column.replace("(", "").replace(")", "")
        history = api(base, "metrics/get-history", run_id=run_id, metric_key=key).get("metrics", [])
        by_step = {m["step"]: m["value"] for m in history}
        for row in rows:
            step = int(row["epoch"]) - 1
            if check(step in by_step, f"MLflow {key}: no value at step {step}"):
                compared += 1
                check(close(by_step[step], row[column]), f"MLflow {key} step {step}: {by_step[step]} != {row[column]}")

    root = {f["path"] for f in api(base, "artifacts/list", run_id=run_id).get("files", [])}
    weights = {f["path"]: f for f in api(base, "artifacts/list", run_id=run_id, path="weights").get("files", [])}
    check("results.csv" in root, f"results.csv not among the artefacts {sorted(root)}")
    best = run / "weights" / "best.pt"
    if check("weights/best.pt" in weights, f"weights/best.pt not among the artefacts {sorted(weights)}"):
        url = f"{base}/api/2.0/mlflow-artifacts/artifacts/{exp['experiment_id']}/{run_id}/artifacts/weights/best.pt"
        with urllib.request.urlopen(url, timeout=60) as answer:
            served = answer.read()
        check(hashlib.sha256(served).digest() == hashlib.sha256(best.read_bytes()).digest(),
              "best.pt served by MLflow differs from the run's")
    print(f"  MLflow: run {run_id} FINISHED, {len(params)} params, {compared} metric values equal results.csv, "
          f"artefacts {sorted(root)}")


def check_status(run: Path, log: Path, base: str, expected: str) -> None:
    run_id = (run / "mlflow_run_id.txt").read_text().strip()
    status = api(base, "runs/get", run_id=run_id)["run"]["info"]["status"]
    check(status == expected, f"MLflow run {run_id} status {status}, expected {expected}")
    lines = log.read_text(errors="replace").splitlines()
    warnings = [line for line in lines if "warning:" in line.lower() and "mlflow" in line.lower()]
    check(not warnings, f"MLflow warned: {warnings}")
    print(f"  MLflow: run {run_id} {status}")


def main() -> int:
    mode, run, log = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if mode == "status":
        check_status(run, log, sys.argv[4], sys.argv[5])
        for failure in FAILURES:
            print(f"FAIL: {failure}")
        print(f"status {sys.argv[5]}: {'FAILED' if FAILURES else 'passed'}")
        return 1 if FAILURES else 0
    columns, rows = results(run)
    check(len(rows) == 2, f"results.csv has {len(rows)} rows, expected 2")
    check((run / "weights" / "best.pt").is_file(), "weights/best.pt missing")
    check_log(log, online=mode == "online")
    if mode == "online":
        check_tensorboard(run, columns, rows)
        check_mlflow(run, sys.argv[4], sys.argv[5], columns, rows)
    for failure in FAILURES:
        print(f"FAIL: {failure}")
    print(f"{mode}: {'FAILED' if FAILURES else 'passed'}")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
