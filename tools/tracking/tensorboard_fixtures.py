#!/usr/bin/env python3
"""Generate the TensorBoard encoding fixtures for Tests/TrackingTests from TensorBoard's own code.

Run from the package root with the tools venv (tensorboard installed):
    .venv-tools/bin/python tools/tracking/tensorboard_fixtures.py
Writes Tests/Fixtures/Tracking/tensorboard_events.json and manifest.json.

Every expected byte comes from TensorBoard: events are `event_pb2.Event` messages serialised by protobuf, records are
framed by `tensorboard.summary.writer.record_writer.RecordWriter`, CRCs are `pywrap_tensorflow.crc32c`/`masked_crc32c`.
The Swift tests encode the same events by hand and compare bytes.
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

import google.protobuf
import tensorboard
from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.compat.tensorflow_stub import pywrap_tensorflow
from tensorboard.summary.writer.record_writer import RecordWriter

OUT = Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "Tracking"


def tiny_png(width: int, height: int) -> bytes:
    """A valid RGB PNG (a gradient), built with zlib so no image library is needed."""
    raw = b"".join(b"\x00" + b"".join(bytes((x * 40 % 256, y * 60 % 256, 128)) for x in range(width))
                   for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def framed(data: bytes) -> bytes:
    buffer = io.BytesIO()
    RecordWriter(buffer).write(data)
    return buffer.getvalue()


def case(name: str, event: event_pb2.Event, description: dict) -> dict:
    data = event.SerializeToString()
    return {"name": name, "event": description, "encoded": data.hex(), "record": framed(data).hex()}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cases = []
    cases.append(case("file_version", event_pb2.Event(wall_time=1767225600.25, file_version="brain.Event:2"),
                      {"wall_time": 1767225600.25, "step": 0, "file_version": "brain.Event:2"}))
    for name, tag, value, step in [
        ("scalar_box_loss", "train/box_loss", 1.8765432, 1),
        ("scalar_zero", "metrics/mAP50-95(B)", 0.0, 2),
        ("scalar_negative_big_step", "lr/pg0", -0.000123, 300000),
        ("scalar_large", "val/cls_loss", 12345.678, 127),
    ]:
        summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, simple_value=value)])
        event = event_pb2.Event(wall_time=1767225601.5, step=step, summary=summary)
        cases.append(case(name, event, {"wall_time": 1767225601.5, "step": step, "tag": tag, "simple_value": value}))
    png = tiny_png(5, 3)
    image = summary_pb2.Summary.Image(height=3, width=5, colorspace=3, encoded_image_string=png)
    summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag="results", image=image)])
    event = event_pb2.Event(wall_time=1767225700.0, step=2, summary=summary)
    cases.append(case("image_png", event, {"wall_time": 1767225700.0, "step": 2, "tag": "results", "height": 3,
                                           "width": 5, "colorspace": 3, "encoded_image": png.hex()}))

    crc_inputs = [b"", b"a", b"123456789", bytes(32), b"\xff" * 32, bytes(range(32)),
                  b"The quick brown fox jumps over the lazy dog", bytes(range(256)) * 3]
    crcs = [{"hex": data.hex(), "crc32c": pywrap_tensorflow.crc32c(data),
             "masked": pywrap_tensorflow.masked_crc32c(data)} for data in crc_inputs]

    (OUT / "tensorboard_events.json").write_text(json.dumps({"events": cases, "crc32c": crcs}, indent=1) + "\n")
    manifest = {"generator": "tools/tracking/tensorboard_fixtures.py", "tensorboard": tensorboard.__version__,
                "protobuf": google.protobuf.__version__, "files": ["tensorboard_events.json"]}
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"wrote {len(cases)} events and {len(crcs)} CRC vectors to {OUT}")


if __name__ == "__main__":
    main()
