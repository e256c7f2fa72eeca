#!/usr/bin/env bash
# Issue 3 acceptance with real checkpoints: Ultralytics 8.4.190 trains yolo26n, yolo11n and yolov8n 2 epochs on coco8
# and records its forward outputs (tools/fixtures/trained_checkpoints.py, into a temporary folder: the .pt files are
# 5+ MB and never committed); then TrainedCheckpointParityTests loads those .pt files with our reader and must match
# every output within 1e-4 relative, at 320 and 640, eval (both YOLO26 heads) and train mode.
# Run after `make test` (it reuses the release build). Python: .venv-tools when it already has ultralytics 8.4.190,
# else .venv-reference (created; ignored by .gitignore's `.venv*/`). CHECKPOINT_VENV=path picks another venv,
# SWIFT_SCRATCH=path another build folder, KEEP_FIXTURES=dir keeps the generated folder there.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ULTRALYTICS_VERSION=8.4.190
# torch and torchvision from PyPI (the reference's own install, REFERENCE.md section 1). Not the CPU-only torch of
# pip's find-links (/opt/wheels: torch-2.13.0+cpu): PyPI has no CPU torchvision, and its torchvision 0.28.0 (which
# requires exactly torch 2.13.0) links libtorch_cuda, so with the CPU torch `import torchvision` fails
# ("operator torchvision::nms does not exist") and Ultralytics' validator imports it. find-links is therefore
# pointed at an empty folder for this install. About 5 GB; pip's cache makes a second install a copy.
TORCH_VERSION=2.13.0
TORCHVISION_VERSION=0.28.0
# The Makefile's environment, so the test build below is the one `make test` made (no rebuild).
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-1000}"
export YOLO_TARGET_CPU="${YOLO_TARGET_CPU-native}"
DATA="$ROOT/../shared/datasets/coco8/data.yaml"
[ -f "$DATA" ] || { echo "checkpoint_check: $DATA not found (the shared datasets folder)"; exit 1; }
START=$(date +%s)

has_reference() {  # python: ultralytics 8.4.190, torch and a working torchvision
    "$1" - <<PYEOF 2>/dev/null
import importlib.metadata as m, torch, torchvision, ultralytics
assert m.version("ultralytics") == "$ULTRALYTICS_VERSION"
torchvision.ops.nms(torch.zeros(1, 4), torch.ones(1), 0.5)
PYEOF
}
if [ -n "${CHECKPOINT_VENV:-}" ]; then
    VENV=$CHECKPOINT_VENV
elif [ -x .venv-tools/bin/python ] && has_reference .venv-tools/bin/python; then
    VENV=.venv-tools
else
    VENV=.venv-reference
fi
case "$VENV" in /*) ;; *) VENV="$ROOT/$VENV" ;; esac
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
PY="$VENV/bin/python"
if ! has_reference "$PY"; then
    echo "== checkpoint check: installing ultralytics==$ULTRALYTICS_VERSION torch==$TORCH_VERSION into $VENV"
    NO_LINKS=$(mktemp -d /tmp/no-find-links.XXXXXX)
    PIP_FIND_LINKS="$NO_LINKS" "$PY" -m pip install --quiet "torch==$TORCH_VERSION" \
        "torchvision==$TORCHVISION_VERSION" "ultralytics==$ULTRALYTICS_VERSION"
    rmdir "$NO_LINKS"
    has_reference "$PY" || { echo "checkpoint_check: ultralytics/torch not importable from $PY"; exit 1; }
fi
"$PY" -c 'import torch, torchvision, ultralytics; print("reference: ultralytics", ultralytics.__version__,
"torch", torch.__version__, "torchvision", torchvision.__version__)'
echo "checkpoint check: python ready after $(( $(date +%s) - START )) s"

WORK=$(mktemp -d /tmp/yolo-checkpoints.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
OUT="${KEEP_FIXTURES:-$WORK/fixtures}"
export YOLO_CONFIG_DIR="$WORK/config"  # Ultralytics settings of this check only
echo "== checkpoint check: training the reference checkpoints and recording its outputs in $OUT"
if ! (cd "$WORK" && "$PY" "$ROOT/tools/fixtures/trained_checkpoints.py" "$OUT") >"$WORK/fixtures.log" 2>&1 \
    || [ ! -f "$OUT/MANIFEST.json" ]; then
    tail -40 "$WORK/fixtures.log"; echo "checkpoint_check: the fixture script failed"; exit 1
fi
grep -E "BatchNorm|^Ultralytics " "$WORK/fixtures.log" | sort -u
echo "checkpoint check: fixtures ready after $(( $(date +%s) - START )) s"

echo "== checkpoint check: TrainedCheckpointParityTests"
SCRATCH=()
[ -n "${SWIFT_SCRATCH:-}" ] && SCRATCH=(--scratch-path "$SWIFT_SCRATCH")
set +e
YOLO_TRAINED_CHECKPOINTS="$OUT" swift test -c release -Xswiftc -enable-testing "${SCRATCH[@]}" \
    --filter TrainedCheckpointParityTests 2>&1 | tee "$WORK/test.log" | grep -E "PARITY|TRAINED|error|failed|Executed"
STATUS=${PIPESTATUS[0]}
set -e
CASES=13     # test methods in TrainedCheckpointParityTests
MEASURES=32  # PARITY lines: 8 per model (YOLO26: decoded boxes/scores + end2end scores/boxes, 4 train heads)
if [ "$STATUS" != 0 ]; then
    echo "checkpoint_check: swift test failed (exit $STATUS)"; exit 1
fi
if ! grep -q "Executed $CASES tests, with 0 failures" "$WORK/test.log" || grep -q "skipped" "$WORK/test.log"; then
    grep -E "Executed|skipped" "$WORK/test.log" || true
    echo "checkpoint_check: expected all $CASES tests of TrainedCheckpointParityTests to run and pass"; exit 1
fi
MEASURED=$(grep -c "^PARITY trained" "$WORK/test.log" || true)
if [ "$MEASURED" -lt "$MEASURES" ]; then
    echo "checkpoint_check: only $MEASURED of $MEASURES parity measures were printed"; exit 1
fi
echo "checkpoint check passed ($MEASURED parity measures within 1e-4) in $(( $(date +%s) - START )) s"
