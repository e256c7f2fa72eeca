#!/usr/bin/env bash
# Kernel benchmark for BENCHMARKS.md: the machine's FMA peak, our oneDNN conv passes (batch 16), PyTorch's on the
# same shapes (2 threads), and yolo26n eval forward at 640. Run on a quiet machine: bash tools/bench/kernels.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export GOMP_SPINCOUNT=1000 YOLO_TARGET_CPU="${YOLO_TARGET_CPU:-native}"
swift build -c release --product yolo-bench >/dev/null
B=.build/release/yolo-bench
echo "== machine"; lscpu | grep -E "Model name|^CPU\(s\)" ; $B peak
echo "== ours (activation layout auto)"; $B kernels --runs 11
echo "== ours JSON"; $B kernels --runs 11 --json > /tmp/yolo-kernels.json && cat /tmp/yolo-kernels.json | head -5
if [ -x .venv-tools/bin/python ]; then
  echo "== PyTorch, 2 threads"; .venv-tools/bin/python tools/bench/conv_torch.py --threads 2
  echo "== PyTorch, 2 threads, channels_last"; .venv-tools/bin/python tools/bench/conv_torch.py --threads 2 --channels-last
fi
echo "== yolo26n eval forward 640 batch 1"; $B model --runs 20; $B model --runs 20 --unfused
== reference forward
if [ -x .venv-tools/bin/python ]; then .venv-tools/bin/python tools/bench/forward_torch.py; fi
