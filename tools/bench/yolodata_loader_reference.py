"""The reference's data pipeline speed on coco128: images/s decoded + augmented (mosaic on, imgsz 640).

Builds Ultralytics' own YOLODataset exactly as its trainer does (augment=True, hyperparameters from default.yaml,
mosaic 1.0, cache False) and times dataset[i] + collate over 3 epochs of 128 images in the main process
(Ultralytics forces workers=0 on CPU). Pair with: YOLO_BENCH=1 swift test -c release --filter LoaderBenchmark
Run: YOLO_OFFLINE=1 .venv-tools/bin/python tools/bench/yolodata_loader_reference.py [../shared/datasets/coco128]
"""
import os, sys, time, statistics, shutil, tempfile
os.environ.setdefault("YOLO_OFFLINE", "1")
import torch, cv2
from ultralytics.cfg import get_cfg
from ultralytics.data.build import build_yolo_dataset
from ultralytics.data.utils import check_det_dataset
from ultralytics.data.dataset import YOLODataset

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/datasets/coco128")
# Work on a copy: the reference writes labels/*.cache beside the labels, and resolves `path: .` against its
# own datasets folder rather than the yaml's, so the copy gets an absolute path.
tmp = tempfile.mkdtemp(prefix="coco128-ref-")
shutil.copytree(os.path.join(root, "images"), os.path.join(tmp, "images"))
shutil.copytree(os.path.join(root, "labels"), os.path.join(tmp, "labels"))
with open(os.path.join(root, "data.yaml")) as f:
    text = f.read().replace("path: .", f"path: {tmp}")
with open(os.path.join(tmp, "data.yaml"), "w") as f:
    f.write(text)
root = tmp
cfg = get_cfg(overrides={"imgsz": 640, "batch": 16, "cache": False, "mosaic": 1.0, "close_mosaic": 0})
data = check_det_dataset(os.path.join(root, "data.yaml"))
ds = build_yolo_dataset(cfg, data["train"], 16, data, mode="train")
n = len(ds)
rates, cpu_rates = [], []
for epoch in range(3):
    t, c = time.perf_counter(), time.process_time()  # process_time: CPU seconds of all threads
    for b in range(0, n, 16):
        YOLODataset.collate_fn([ds[i] for i in range(b, min(b + 16, n))])
    rates.append(n / (time.perf_counter() - t))
    cpu_rates.append(n / (time.process_time() - c))
print(f"reference pipeline coco128 imgsz 640 mosaic on, batch 16, main process (torch threads {torch.get_num_threads()}, "
      f"cv2 threads {cv2.getNumThreads()}): {statistics.median(rates):.1f} images/s wall, "
      f"{statistics.median(cpu_rates):.1f} images per CPU-second (epochs: {', '.join(f'{r:.1f}' for r in rates)})")
files = ds.im_files
t = time.perf_counter()
for f in files:
    cv2.imread(f)
dt = time.perf_counter() - t
print(f"reference decode coco128 (cv2.imread, from page cache): {dt / len(files) * 1000:.2f} ms/image")
shutil.rmtree(tmp)
