#!/usr/bin/env bash
# yolo26n eval forward, 640, batch 1, back to back on this machine: ours (`yolo-bench model`, fused, both cores),
# PyTorch (fused, channels_last) on 2 and 1 threads, ONNX Runtime (CPU EP) on its default threads and 1 thread.
# Every figure is a median of 20 runs (ours after 2 warm-ups, the reference's after 5). Prints one table with the
# ratio reference ms / our ms (> 1: we are faster) and the load average before and after.
#
#   tools/bench/forward_side_by_side.sh [--model yolo26n.yaml] [--imgsz 640]
#   PY=path/to/python (default .venv-tools/bin/python: torch, ultralytics 8.4.190, onnx, onnxruntime)
#   SWIFT_SCRATCH=path builds in another folder (default .build, with make test's flags so nothing recompiles)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
MODEL=yolo26n.yaml
IMGSZ=640
while [ $# -gt 0 ]; do
    case "$1" in
        --model) MODEL=$2; shift 2 ;;
        --imgsz) IMGSZ=$2; shift 2 ;;
        *) echo "usage: $0 [--model yolo26n.yaml] [--imgsz 640]"; exit 2 ;;
    esac
done
PY=${PY:-$ROOT/.venv-tools/bin/python}
[ -x "$PY" ] || { echo "forward_side_by_side: no python at $PY (set PY=)"; exit 1; }
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-1000}"
export YOLO_TARGET_CPU="${YOLO_TARGET_CPU-native}"
export YOLO_OFFLINE=1
SCRATCH=${SWIFT_SCRATCH:-$ROOT/.build}
swift build -c release -Xswiftc -enable-testing --scratch-path "$SCRATCH" --product yolo-bench >/dev/null
BENCH="$SCRATCH/release/yolo-bench"
WORK=$(mktemp -d /tmp/forward-sbs.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export YOLO_CONFIG_DIR="$WORK/config"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
"$BENCH" model --model "$MODEL" --imgsz "$IMGSZ" --batch 1 --runs 20 | tee "$WORK/ours.log"
OURS=$(sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' "$WORK/ours.log")
"$PY" tools/bench/forward_torch.py --model "$MODEL" --imgsz "$IMGSZ" --threads 2,1 --ort-threads 0,1 2>/dev/null \
    | tee "$WORK/ref.log" | grep -v '^RESULT'
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
ORT=$("$PY" -c 'import onnxruntime; print(onnxruntime.__version__)')
TORCH=$("$PY" -c 'import torch; print(torch.__version__)')

echo
echo "$MODEL eval forward $IMGSZ batch 1, $(nproc) cores, load average $LOAD_BEFORE before / $LOAD_AFTER after"
printf '%-40s %10s %16s\n' "what" "median ms" "ref ms / our ms"
printf '%-40s %10.1f %16s\n' "ours (yolo-bench model, fused)" "$OURS" "1.00"
while read -r _ key ms; do
    case "$key" in
        torch-2t) what="PyTorch $TORCH, 2 threads" ;;
        torch-1t) what="PyTorch $TORCH, 1 thread" ;;
        ort-default) what="ONNX Runtime $ORT, default threads" ;;
        ort-1t) what="ONNX Runtime $ORT, 1 thread" ;;
        *) what=$key ;;
    esac
    printf '%-40s %10.1f %16s\n' "$what" "$ms" "$(awk -v r="$ms" -v o="$OURS" 'BEGIN { printf "%.2f", r / o }')"
done < <(grep '^RESULT' "$WORK/ref.log")
