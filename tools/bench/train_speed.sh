#!/usr/bin/env bash
# Training speed, ours vs the reference (Ultralytics 8.4.190, CPU, amp off), side by side in one run: yolo26n on
# coco128, batch 16, workers 2, val off, mosaic on and off, the reference with 1 torch thread (as shipped on this
# machine) and 2 (its best). Images/s of an epoch = 128 / (its time − the previous epoch's time) from each run's
# results.csv; epoch 1 (warm-up) and the last epoch (the reference validates it even with val=False) are left out,
# so EPOCHS=3 measures epoch 2 and EPOCHS=5 gives the median of epochs 2-4. Peak memory: the maximum resident set
# of the training process (`/usr/bin/time`; the reference's dataloader worker processes are not added to it).
# Needs .venv-tools (ultralytics 8.4.190) and `swift build -c release --product yolo` (run from the package root).
# Usage: tools/bench/train_speed.sh [imgsz ...]   (default: 320)
#   env: EPOCHS (default 3), MOSAICS (default "1.0 0.0"), THREADS (reference threads, default "2 1")
set -euo pipefail
SIZES=${*:-320}
EPOCHS=${EPOCHS:-3}
MOSAICS=${MOSAICS:-1.0 0.0}
THREADS=${THREADS:-2 1}
ROOT=$(pwd)
WORK=$(mktemp -d /tmp/train-speed.XXXX)
source tools/bench/private_dataset.sh
private_dataset coco128 "$WORK" images/train2017 images/train2017
DATA=$WORK/data.yaml
YOLO=${YOLO:-$ROOT/.build/release/yolo}
date -u; uptime; nproc; grep -m1 "model name" /proc/cpuinfo
echo "epochs per run: $EPOCHS (measured: 2..$((EPOCHS - 1)))"

epoch_rates() {  # results.csv → "rate rate … median" of epochs 2..EPOCHS-1
  awk -F, -v last="$EPOCHS" 'NR>1 {t[$1+0]=$2} END {
    n=0; for (e=2; e<last; e++) r[++n]=128/(t[e]-t[e-1])
    for (i=1; i<=n; i++) for (j=i+1; j<=n; j++) if (r[j]<r[i]) {x=r[i]; r[i]=r[j]; r[j]=x}
    for (i=1; i<=n; i++) printf "%.2f ", r[i]
    printf "%.2f", (n%2 ? r[(n+1)/2] : (r[n/2]+r[n/2+1])/2) }' "$1"
}
peak_gb() { awk '{printf "%.2f", $1/1048576}' "$1"; }

for imgsz in $SIZES; do
  for mosaic in $MOSAICS; do
    name=s${imgsz}_m${mosaic}
    (cd "$WORK" && GOMP_SPINCOUNT=1000 /usr/bin/time -f %M -o "$WORK/$name.ours.rss" "$YOLO" train model=yolo26n.yaml \
        data="$DATA" epochs=$EPOCHS imgsz=$imgsz batch=16 workers=2 val=False plots=False mosaic=$mosaic close_mosaic=0 \
        project=ours name=$name exist_ok=True > "$WORK/$name.ours.log" 2>&1)
    read -r -a ours <<< "$(epoch_rates "$WORK/ours/$name/results.csv")"
    echo "imgsz=$imgsz mosaic=$mosaic ours:               epochs ${ours[*]:0:${#ours[@]}-1} img/s, median ${ours[-1]}, peak RSS $(peak_gb "$WORK/$name.ours.rss") GB"
    for threads in $THREADS; do
      (cd "$WORK" && YOLO_OFFLINE=1 OMP_NUM_THREADS=$threads /usr/bin/time -f %M -o "$WORK/$name.ref$threads.rss" \
          "$ROOT/.venv-tools/bin/python" - > "$WORK/$name.ref$threads.log" 2>&1 <<PY
import torch
torch.set_num_threads($threads)
from ultralytics import YOLO
YOLO("yolo26n.yaml").train(data="$DATA", epochs=$EPOCHS, imgsz=$imgsz, batch=16, workers=2, val=False, plots=False,
    mosaic=$mosaic, close_mosaic=0, device="cpu", project="$WORK/ref$threads", name="$name", exist_ok=True, amp=False)
PY
      )
      read -r -a ref <<< "$(epoch_rates "$WORK/ref$threads/$name/results.csv")"
      echo "imgsz=$imgsz mosaic=$mosaic reference, $threads thread(s): epochs ${ref[*]:0:${#ref[@]}-1} img/s, median ${ref[-1]}, peak RSS $(peak_gb "$WORK/$name.ref$threads.rss") GB  -> ours/reference $(awk "BEGIN{printf \"%.2f\", ${ours[-1]}/${ref[-1]}}")x"
    done
  done
done
uptime
