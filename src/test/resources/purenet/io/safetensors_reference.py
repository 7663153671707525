"""Writes and checks safetensors files independently of purenet, for purenet's tests.

Debian 12 packages neither python3-safetensors nor a torch with safetensors support, so this
script follows the reference implementation (huggingface/safetensors, safetensors/src/tensor.rs)
step by step with only the standard library and NumPy:

  write: tensors sorted by dtype alignment (descending) and then by name; the header is
         serde_json's compact JSON, "__metadata__" first, then {"dtype", "shape", "data_offsets"}
         per tensor; padded with spaces to a multiple of 8 bytes; then the data, little-endian.
  check: the reader's validation: 8-byte header length <= 100 MB and within the file, UTF-8 JSON
         starting with '{', entries sorted by data_offsets must start at 0, be contiguous and have
         end - begin == prod(shape) * dtype size, and the last end must be the end of the file.

It was checked to reproduce, byte for byte, the serialized files in the reference implementation's
own unit tests (test_serialization, test_empty, test_serialization_forced_alignement).

Usage (from this directory):
  python3 safetensors_reference.py make      # writes reference.safetensors, reference-f64.safetensors
  python3 safetensors_reference.py check F   # validates F as the reference reader does, prints it
"""
import json
import struct
import sys

import numpy as np

DTYPES = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16",
          "I32", "U32", "F32", "F64", "I64", "U64"]  # increasing alignment, as the Rust enum
NUMPY = {"F64": np.dtype("<f8"), "F32": np.dtype("<f4")}
SIZE = {"F64": 8, "F32": 4}


def dtype_name(array):
    return {np.dtype("float64"): "F64", np.dtype("float32"): "F32"}[array.dtype]


def serialize(tensors, metadata=None):
    """tensors: dict name -> numpy array (float64 or float32). Returns the file's bytes."""
    items = sorted(tensors.items(), key=lambda kv: (-DTYPES.index(dtype_name(kv[1])), kv[0]))
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    offset = 0
    data = b""
    for name, array in items:
        raw = np.ascontiguousarray(array, dtype=NUMPY[dtype_name(array)]).tobytes()
        header[name] = {"dtype": dtype_name(array), "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        data += raw
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + data


def check(blob):
    """Validates like the reference reader; returns (dict name -> array in offset order, metadata)."""
    if len(blob) < 8:
        raise ValueError("HeaderTooSmall")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > 100_000_000:
        raise ValueError("HeaderTooLarge")
    if 8 + n > len(blob):
        raise ValueError("InvalidHeaderLength")
    text = blob[8:8 + n].decode("utf-8")
    if not text.startswith("{"):
        raise ValueError("InvalidHeaderStart")
    header = json.loads(text)
    metadata = header.pop("__metadata__", None)
    entries = sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"]))
    start = 0
    tensors = {}
    for name, info in entries:
        begin, end = info["data_offsets"]
        if begin != start or end < begin:
            raise ValueError("InvalidOffset(%s)" % name)
        start = end
        count = int(np.prod(info["shape"], dtype=np.int64)) if info["shape"] else 1
        if end - begin != count * SIZE[info["dtype"]]:
            raise ValueError("TensorInvalidInfo")
        raw = blob[8 + n + begin:8 + n + end]
        tensors[name] = np.frombuffer(raw, dtype=NUMPY[info["dtype"]]).reshape(info["shape"])
    if start + 8 + n != len(blob):
        raise ValueError("MetadataIncompleteBuffer")
    return tensors, metadata


def make():
    mixed = {
        "dense/weight": np.array([[0.1, -2.5, 1e-45], [-0.0, np.inf, 3.0]], dtype=np.float32),
        "dense/bias": np.array([-0.0, -np.inf, 5e-324], dtype=np.float64),
        "scale": np.array(2.0, dtype=np.float64),
        "empty": np.zeros((0,), dtype=np.float32),
    }
    with open("reference.safetensors", "wb") as f:
        f.write(serialize(mixed, {"format": "pt", "made_by": "safetensors_reference.py"}))
    f64 = {
        "a/bias": np.array([1.5, -0.0], dtype=np.float64),
        "a/weight": np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float64),
        "b": np.array(-7.25, dtype=np.float64),
    }
    with open("reference-f64.safetensors", "wb") as f:
        f.write(serialize(f64, {"note": "F64 only, names in sorted order"}))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make()
    else:
        with open(sys.argv[2], "rb") as f:
            tensors, metadata = check(f.read())
        print("metadata", metadata)
        for name, array in tensors.items():
            print(repr(name), array.dtype, array.shape, array.ravel().tolist())
