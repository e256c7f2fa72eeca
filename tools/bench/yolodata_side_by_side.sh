#!/usr/bin/env bash
# Data pipeline speed, reference vs YOLOData, back to back in one run (coco128, imgsz 640, mosaic on, batch 16).
# Needs .venv-tools (ultralytics 8.4.190) and a release build of the YOLOData tests with testing enabled.
# Usage: tools/bench/yolodata_side_by_side.sh [scratch-path]   (run from the package root)
set -euo pipefail
SCRATCH=${1:-.build-data}
date -u
uptime
echo "== reference (Ultralytics YOLODataset, main process)"
YOLO_OFFLINE=1 .venv-tools/bin/python tools/bench/yolodata_loader_reference.py 2>/dev/null | grep -E "^reference"
echo "== YOLOData (release)"
YOLO_BENCH=1 swift test -c release -Xswiftc -enable-testing --skip-build --scratch-path "$SCRATCH" \
    --filter LoaderBenchmark 2>&1 | grep -E "^bench"
echo "== reference again"
YOLO_OFFLINE=1 .venv-tools/bin/python tools/bench/yolodata_loader_reference.py 2>/dev/null | grep -E "^reference"
uptime
