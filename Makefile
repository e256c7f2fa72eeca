# make demo  — install what is missing, build, run the main job on built-in data
# make test  — run the test suite
# make bench — kernel benchmarks (release build)
SWIFT ?= swift
# oneDNN's OpenMP workers spin after each call and starve the engine's own threads; a short spin measured best.
export GOMP_SPINCOUNT ?= 1000
# Compile for this machine's CPU (AVX-512 here): ~1.5x faster elementwise ops. Set it empty for portable binaries.
export YOLO_TARGET_CPU ?= native

.PHONY: setup build demo test bench
setup:
	./scripts/setup

build: setup
	$(SWIFT) build -c release --product yolo

# Trains yolo26n on the built-in synthetic shapes (generated on first use), then prints the per-class table.
demo: build
	.build/release/yolo train model=yolo26n.yaml epochs=20 imgsz=160 batch=16 exist_ok=True name=demo

test: setup
	$(SWIFT) test -c release -Xswiftc -enable-testing

bench: setup
	$(SWIFT) build -c release --product yolo-bench
	.build/release/yolo-bench kernels
