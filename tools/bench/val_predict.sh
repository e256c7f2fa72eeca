#!/usr/bin/env bash
# Side by side on this machine: `yolo val` throughput and `yolo predict` latency (yolo26n, imgsz 640, predict batch 1),
# ours (release build) and the reference (ultralytics 8.4.190, PyTorch, 2 threads), on the same checkpoint: a yolo26n
# with nc=80 and random weights saved by the reference itself (speed does not depend on the values).
# Usage: tools/bench/val_predict.sh [scratch-path (default .build-valpredict)] [data.yaml (default coco128)]
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH=${1:-.build-valpredict}
DATA=${2:-$(cd ..; pwd)/shared/datasets/coco128/data.yaml}
OUT=tools/bench/out/val_predict
mkdir -p "$OUT"
PY=.venv-tools/bin/python
W=$OUT/yolo26n-coco80-randinit.pt
[ -f "$W" ] || $PY tools/bench/val_predict_reference.py --make-randinit "$W"
IMAGE=$(cd ..; pwd)/shared/datasets/coco8/images/val/$(ls ../shared/datasets/coco8/images/val | head -1)
swift build -c release --scratch-path "$SCRATCH" --product yolo >/dev/null
YOLO=$SCRATCH/release/yolo

# Ours: val over the whole split, then predict the same image 25 times (5 warm-ups dropped).
rm -rf "$OUT/ours" "$OUT/repeat"; mkdir -p "$OUT/ours" "$OUT/repeat"
for i in $(seq -w 1 25); do ln -sf "$IMAGE" "$OUT/repeat/img$i.jpg"; done
start=$(date +%s.%N)
$YOLO val model="$W" data="$DATA" imgsz=640 batch=16 plots=False project="$OUT/ours" name=val > "$OUT/ours/val.log"
end=$(date +%s.%N)
ours_val_wall=$(echo "$end - $start" | bc)
ours_images=$(grep -E '^ +all ' "$OUT/ours/val.log" | awk '{print $2}')
ours_speed=$(grep '^Speed:' "$OUT/ours/val.log")
$YOLO predict model="$W" source="$OUT/repeat" imgsz=640 save=False project="$OUT/ours" name=predict > "$OUT/ours/predict.log"
ours_predict=$(grep -E '^image ' "$OUT/ours/predict.log" | tail -20 | sed -E 's/.* ([0-9.]+)ms$/\1/' | sort -n |
  awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')

ref=$($PY tools/bench/val_predict_reference.py --weights "$W" --data "$DATA" --image "$IMAGE" --imgsz 640 --batch 16 \
  --threads 2 2>/dev/null | tail -1)
echo "ours:      val $ours_images images in ${ours_val_wall}s ($(echo "$ours_images / $ours_val_wall" | bc -l | cut -c1-5) img/s, whole command); $ours_speed"
echo "ours:      predict inference median ${ours_predict} ms (batch 1, 640)"
echo "reference: $ref"
