#!/usr/bin/env bash
# The share of a real training run spent on plots, TensorBoard and MLflow (issue 8: under 2 %).
# Starts a real MLflow server on loopback (sqlite backend, proxied artefacts in a temp folder), then trains the
# `make demo` run (yolo26n, built-in shapes, 20 epochs at 160, batch 16) with plots=True tensorboard=True mlflow=True
# and prints the trainer's own "Tracking and plots: ..." line (time each callback took on the training thread and
# the share of the run's wall time). Usage: tools/bench/tracking_share.sh [extra yolo train args...]
# Needs a release build of yolo (YOLO=path, default .build/release/yolo) and mlflow in .venv-tools or .venv-tracking.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
YOLO=${YOLO:-$ROOT/.build/release/yolo}
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-1000}"
if [ -x .venv-tools/bin/mlflow ]; then VENV=.venv-tools; else VENV=.venv-tracking; fi
[ -x "$VENV/bin/mlflow" ] || { echo "tracking_share: no mlflow in .venv-tools or .venv-tracking (run tools/ci/tracking_check.sh once)"; exit 1; }
PY="$ROOT/$VENV/bin/python"
WORK=$(mktemp -d /tmp/yolo-tracking-share.XXXXXX)
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && { kill -- -"$SERVER_PID" 2>/dev/null || kill "$SERVER_PID" 2>/dev/null || true; }
    rm -rf "$WORK"
}
trap cleanup EXIT
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URI="http://127.0.0.1:$PORT"
setsid "$ROOT/$VENV/bin/mlflow" server --host 127.0.0.1 --port "$PORT" --workers 1 \
    --backend-store-uri "sqlite:///$WORK/mlflow.db" --artifacts-destination "$WORK/artifacts" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 120); do
    "$PY" -c "import urllib.request as u; u.urlopen('$URI/health', timeout=2)" 2>/dev/null && break
    sleep 0.5
done
export YOLO_CONFIG_DIR="$WORK/config"
echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
MLFLOW_TRACKING_URI="$URI" "$YOLO" train model=yolo26n.yaml epochs=20 imgsz=160 batch=16 project="$WORK/runs" \
    name=share plots=True tensorboard=True mlflow=True "$@" >"$WORK/train.log" 2>&1
grep -E "^(Tracking and plots|Plots|MLflow: results|Optimizer stripped|Data wait)|epochs completed" "$WORK/train.log"
ls -la "$WORK/runs/share/weights"
echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
