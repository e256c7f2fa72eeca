# make demo  — install what is missing, build, run the main job on built-in data
# make test  — run the test suite
# make bench — kernel benchmarks (release build)
SWIFT ?= swift
export GOMP_SPINCOUNT ?= 10000

.PHONY: setup build demo test bench
setup:
	./scripts/setup

build: setup
	$(SWIFT) build -c release --product yolo

demo: build
	.build/release/yolo learn

test: setup
	$(SWIFT) test -c release -Xswiftc -enable-testing

bench: setup
	$(SWIFT) build -c release --product yolo-bench
	.build/release/yolo-bench kernels
