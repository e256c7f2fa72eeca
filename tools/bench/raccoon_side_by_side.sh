#!/usr/bin/env bash
# Accuracy side by side on raccoon: yolo26n from scratch, imgsz 320, batch 16, the same settings on both sides
# (ours: `yolo train`; reference: Ultralytics 8.4.190 `YOLO("yolo26n.yaml").train(...)`, CPU, amp off), run at the
# same time (accuracy does not depend on speed; each side is deterministic for its seed).
# Prints each side's results.csv at every 10th epoch, its best epoch by mAP50-95 (the fitness) and its final
# validation of best.pt ("all" row), then the issue's check: ours final mAP50-95 >= reference's - 0.02.
# Needs .venv-tools (ultralytics 8.4.190) and `swift build -c release --product yolo` (run from the package root).
# Usage: tools/bench/raccoon_side_by_side.sh [epochs]   (default 50)   WORK=dir keeps the runs there.
set -euo pipefail
EPOCHS=${1:-50}
ROOT=$(pwd)
WORK=${WORK:-$(mktemp -d /tmp/raccoon-side.XXXX)}
mkdir -p "$WORK"
source tools/bench/private_dataset.sh
private_dataset raccoon "$WORK" images/train images/val
DATA=$WORK/data.yaml
YOLO=${YOLO:-$ROOT/.build/release/yolo}
date -u; uptime
SETTINGS="epochs=$EPOCHS imgsz=320 batch=16 workers=2 seed=0 pretrained=False plots=False"

(cd "$WORK" && GOMP_SPINCOUNT=1000 "$YOLO" train model=yolo26n.yaml data="$DATA" $SETTINGS \
    project="$WORK/ours" name=raccoon exist_ok=True > "$WORK/ours.log" 2>&1) &
OURS=$!
(cd "$WORK" && YOLO_OFFLINE=1 "$ROOT/.venv-tools/bin/python" - > "$WORK/ref.log" 2>&1 <<PY
import torch
torch.set_num_threads(2)
from ultralytics import YOLO
m = YOLO("yolo26n.yaml").train(data="$DATA", epochs=$EPOCHS, imgsz=320, batch=16, workers=2, seed=0,
    pretrained=False, plots=False, device="cpu", amp=False, project="$WORK/ref", name="raccoon", exist_ok=True)
print(f"FINAL all P {m.box.mp:.4g} R {m.box.mr:.4g} mAP50 {m.box.map50:.4g} mAP50-95 {m.box.map:.4g}")
PY
) &
REF=$!
wait $OURS; wait $REF

summary() {  # results.csv → every 10th epoch and the best epoch by mAP50-95 (columns 8 and 9)
  awk -F, 'NR>1 && ($1%10==0) {printf "  epoch %3d  mAP50 %.4f  mAP50-95 %.4f\n", $1, $8, $9}
           NR>1 && $9+0 >= best {best=$9+0; e=$1; m50=$8}
           END {printf "  best epoch %d  mAP50 %.4f  mAP50-95 %.4f\n", e, m50, best}' "$1"
}
echo "== ours";      summary "$WORK/ours/raccoon/results.csv"
ours=$(grep -E '^ +all ' "$WORK/ours.log" | tail -1 | awk '{print $NF}')
grep -E '^ +all ' "$WORK/ours.log" | tail -1 | sed 's/^/  final best.pt:/'
echo "== reference"; summary "$WORK/ref/raccoon/results.csv"
ref=$(grep '^FINAL' "$WORK/ref.log" | awk '{print $NF}')
grep '^FINAL' "$WORK/ref.log" | sed 's/^/  final best.pt: /'
awk -v o="$ours" -v r="$ref" 'BEGIN {
  printf "final mAP50-95: ours %.4f, reference %.4f, difference %+.4f -> %s\n", o, r, o - r,
         (o >= r - 0.02 ? "meets ours >= reference - 0.02" : "FAILS ours >= reference - 0.02") }'
uptime
