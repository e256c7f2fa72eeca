#!/usr/bin/env bash
# Issue 8 acceptance with the real components: a 2-epoch `yolo train` on coco8 with tensorboard=True mlflow=True
# against a real MLflow server on loopback, checked with TensorBoard's EventAccumulator and MLflow's REST API
# (tools/ci/check_tracking.py); then the same training with the server stopped must finish with one MLflow warning.
# Run after `make test` (it reuses the release build). Python tools: .venv-tools when present, else .venv-tracking.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TENSORBOARD_VERSION=2.21.0
MLFLOW_VERSION=3.17.2
# The Makefile's environment, so the build below is the one `make test` made (no rebuild).
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-1000}"
export YOLO_TARGET_CPU="${YOLO_TARGET_CPU-native}"
DATA="$ROOT/../shared/datasets/coco8/data.yaml"
[ -f "$DATA" ] || { echo "tracking_check: $DATA not found (the shared datasets folder)"; exit 1; }

if [ -x .venv-tools/bin/python ]; then VENV=.venv-tools; else VENV=.venv-tracking; fi
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
PY="$ROOT/$VENV/bin/python"
if ! "$PY" - <<PYEOF 2>/dev/null
import importlib.metadata as m, PIL
assert m.version("tensorboard") == "$TENSORBOARD_VERSION" and m.version("mlflow") == "$MLFLOW_VERSION"
PYEOF
then
    "$PY" -m pip install --quiet "tensorboard==$TENSORBOARD_VERSION" "mlflow==$MLFLOW_VERSION" pillow
fi

# YOLO=path/to/yolo checks another build (e.g. an engineer's scratch path) instead of the one `make test` made.
if [ -z "${YOLO:-}" ]; then
    # `make test` (swift test) links .build/release/yolo too: use it when no source is newer. Any `swift build`
    # after `swift test` recompiles every module (8.4 min in CI on 2026-11-28), so it builds only when it must.
    YOLO="$ROOT/.build/release/yolo"
    if [ ! -x "$YOLO" ] || [ -n "$(find Sources Package.swift -newer "$YOLO" -print -quit)" ]; then
        swift build -c release -Xswiftc -enable-testing --build-tests
    fi
fi

WORK=$(mktemp -d /tmp/yolo-tracking.XXXXXX)
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill -- -"$SERVER_PID" 2>/dev/null || kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT
export YOLO_CONFIG_DIR="$WORK/config"  # settings of this check only
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URI="http://127.0.0.1:$PORT"

# The server in its own process group, so stopping it also stops its workers.
setsid "$ROOT/$VENV/bin/mlflow" server --host 127.0.0.1 --port "$PORT" --workers 1 \
    --backend-store-uri "sqlite:///$WORK/mlflow.db" --artifacts-destination "$WORK/artifacts" \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
up() { "$PY" -c "import urllib.request as u; u.urlopen('$URI/health', timeout=2)" 2>/dev/null; }
for _ in $(seq 120); do
    up && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; echo "tracking_check: mlflow server died"; exit 1; }
    sleep 0.5
done
up || { tail -30 "$WORK/server.log"; echo "tracking_check: no server at $URI"; exit 1; }

train() {  # name, log file
    MLFLOW_TRACKING_URI="$URI" "$YOLO" train data="$DATA" model=yolo26n.yaml epochs=2 imgsz=64 batch=4 workers=1 \
        project="$WORK/runs" name="$1" tensorboard=True mlflow=True 2>&1 | tee "$2"
}

echo "== tracking check: training with TensorBoard and MLflow at $URI"
START=$(date +%s)
train tracked "$WORK/tracked.log"
"$PY" tools/ci/check_tracking.py online "$WORK/runs/tracked" "$WORK/tracked.log" "$URI" "$WORK/runs"

echo "== tracking check: a run stopped with Ctrl-C is closed KILLED"
MLFLOW_TRACKING_URI="$URI" "$YOLO" train data="$DATA" model=yolo26n.yaml epochs=100 imgsz=64 batch=4 workers=1 \
    project="$WORK/runs" name=killed mlflow=True plots=False >"$WORK/killed.log" 2>&1 &
TRAIN_PID=$!
for _ in $(seq 600); do  # until the MLflow run exists and an epoch is under way
    grep -q "MLflow: logging run_id" "$WORK/killed.log" && grep -q " 1/100 " "$WORK/killed.log" && break
    kill -0 "$TRAIN_PID" 2>/dev/null || break
    sleep 0.2
done
kill -INT "$TRAIN_PID"
KILLED_STATUS=0
wait "$TRAIN_PID" || KILLED_STATUS=$?
cat "$WORK/killed.log"
[ "$KILLED_STATUS" = 0 ] || { echo "tracking_check: Ctrl-C ended the training with status $KILLED_STATUS"; exit 1; }
"$PY" tools/ci/check_tracking.py status "$WORK/runs/killed" "$WORK/killed.log" "$URI" KILLED

echo "== tracking check: a run that fails (its last.pt cannot be written) is closed FAILED"
mkdir -p "$WORK/runs/failed/weights/last.pt/blocked"  # a non-empty folder where the checkpoint goes
if MLFLOW_TRACKING_URI="$URI" "$YOLO" train data="$DATA" model=yolo26n.yaml epochs=2 imgsz=64 batch=4 workers=1 \
    project="$WORK/runs" name=failed exist_ok=True mlflow=True plots=False >"$WORK/failed.log" 2>&1; then
    cat "$WORK/failed.log"; echo "tracking_check: the training with an unwritable last.pt did not fail"; exit 1
fi
cat "$WORK/failed.log"
"$PY" tools/ci/check_tracking.py status "$WORK/runs/failed" "$WORK/failed.log" "$URI" FAILED

echo "== tracking check: the same training with the server stopped"
stop_server
train offline "$WORK/offline.log"
"$PY" tools/ci/check_tracking.py offline "$WORK/runs/offline" "$WORK/offline.log"
echo "tracking check passed in $(( $(date +%s) - START )) s"
