#!/usr/bin/env bash
# Side by side on this machine, in one invocation: `yolo val` throughput and `yolo predict` latency (yolo26n, imgsz
# 640, predict batch 1), ours (the release build, not rebuilt here) then the reference (ultralytics 8.4.190) with its
# default threads and with 2 torch threads, on the same checkpoint. Details: tools/bench/val_predict.py.
# Usage: tools/bench/val_predict.sh [runs (default 3)]      YOLO=path/to/yolo sets our binary (.build/release/yolo).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv-tools/bin/python tools/bench/val_predict.py --runs "${1:-3}" --yolo "${YOLO:-$PWD/.build/release/yolo}"
