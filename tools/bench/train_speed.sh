#!/usr/bin/env bash
# Training speed, ours vs the reference (Ultralytics 8.4.190, CPU), side by side in one run: yolo26n on coco128,
# batch 16, mosaic on and off. Images/s of a whole epoch = 128 / (time after epoch 2 − time after epoch 1) from each
# run's results.csv (val=False: no validation inside that span, only the epoch and its checkpoint writes).
# Needs .venv-tools (ultralytics 8.4.190) and `swift build -c release` (run from the package root).
# Usage: tools/bench/train_speed.sh [imgsz ...]     (default: 320)   THREADS=2 sets the reference's torch threads.
set -euo pipefail
SIZES=${*:-320}
THREADS=${THREADS:-2}
ROOT=$(pwd)
WORK=$(mktemp -d /tmp/train-speed.XXXX)
# A copy with an absolute path: the reference writes label caches beside the labels and resolves `path: .` against
# its own datasets folder, not the yaml's. Both sides train on the same copy.
cp -r ../shared/datasets/coco128/images ../shared/datasets/coco128/labels "$WORK/"
printf 'path: %s\ntrain: images/train2017\nval: images/train2017\n' "$WORK" > "$WORK/data.yaml"
sed -n '/^names:/,$p' ../shared/datasets/coco128/data.yaml >> "$WORK/data.yaml"
DATA=$WORK/data.yaml
YOLO=${YOLO:-$ROOT/.build/release/yolo}
date -u; uptime; nproc
epoch_rate() {  # results.csv → images/s of epoch 2
  awk -F, 'NR==2{t1=$2} NR==3{t2=$2} END{printf "%.2f", 128/(t2-t1)}' "$1"
}
for imgsz in $SIZES; do
  for mosaic in 1.0 0.0; do
    name=s${imgsz}_m${mosaic}
    (cd "$WORK" && GOMP_SPINCOUNT=1000 "$YOLO" train model=yolo26n.yaml data="$DATA" epochs=3 imgsz=$imgsz batch=16 \
        workers=2 val=False plots=False mosaic=$mosaic close_mosaic=0 project=ours name=$name exist_ok=True > /dev/null)
    ours=$(epoch_rate "$WORK/ours/$name/results.csv")
    (cd "$WORK" && YOLO_OFFLINE=1 OMP_NUM_THREADS=$THREADS "$ROOT/.venv-tools/bin/python" - <<PY > /dev/null 2>&1
import torch
torch.set_num_threads($THREADS)
from ultralytics import YOLO
YOLO("yolo26n.yaml").train(data="$DATA", epochs=3, imgsz=$imgsz, batch=16, workers=2, val=False, plots=False,
    mosaic=$mosaic, close_mosaic=0, device="cpu", project="$WORK/ref", name="$name", exist_ok=True, amp=False)
PY
    )
    ref=$(epoch_rate "$WORK/ref/$name/results.csv")
    echo "imgsz=$imgsz mosaic=$mosaic  ours $ours img/s  reference(${THREADS} threads) $ref img/s  ratio $(awk "BEGIN{printf \"%.2f\", $ours/$ref}")"
  done
done
uptime
