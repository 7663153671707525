"""Reading and writing safetensors files for the scripts in this directory.

Uses the `safetensors` package (safetensors.numpy) when it is installed. Debian 12 packages
neither python3-safetensors nor a torch with safetensors support, so without it this module writes
the format itself, as the reference implementation lays it out: an unsigned little-endian 64-bit
header length N, N bytes of compact UTF-8 JSON ({"name": {"dtype", "shape", "data_offsets"}},
"__metadata__" optional) padded with spaces to a multiple of 8, then each tensor's bytes,
row-major and little-endian, tensors sorted by dtype alignment (descending) and name.
"""
import json
import struct

import numpy as np

try:
    import safetensors.numpy as _st
except ImportError:  # the format is simple enough to write by hand, see the module docstring
    _st = None

NAMES = {np.dtype("<f8"): "F64", np.dtype("<f4"): "F32", np.dtype("<f2"): "F16", np.dtype("<i8"): "I64",
         np.dtype("<i4"): "I32", np.dtype("<i2"): "I16", np.dtype("i1"): "I8", np.dtype("u1"): "U8",
         np.dtype("bool"): "BOOL"}
ORDER = ["BOOL", "U8", "I8", "I16", "F16", "BF16", "I32", "F32", "F64", "I64"]  # increasing alignment
SIZES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}


def backend():
    return "safetensors " + _st.__name__ if _st is not None else "hand-written (safetensors not installed)"


def save(tensors, path, metadata=None, raw=None):
    """tensors: name -> numpy array. raw: name -> (dtype name, shape, bytes) for dtypes numpy lacks (BF16)."""
    raw = raw or {}
    if _st is not None and not raw:
        _st.save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, path, metadata=metadata)
        return
    items = [(k, NAMES[np.dtype(v.dtype)], list(v.shape), np.ascontiguousarray(v).astype(v.dtype.newbyteorder("<")).tobytes())
             for k, v in tensors.items()] + [(k, d, list(s), b) for k, (d, s, b) in raw.items()]
    items.sort(key=lambda t: (-ORDER.index(t[1]), t[0]))
    header = {} if metadata is None else {"__metadata__": metadata}
    offset, data = 0, b""
    for name, dtype, shape, blob in items:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        data += blob
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


def load(path):
    """name -> numpy array (BF16 widened to float32)."""
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    header.pop("__metadata__", None)
    out = {}
    numpy_of = {v: k for k, v in NAMES.items()}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        raw = blob[8 + n + begin:8 + n + end]
        if info["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            out[name] = bits.view(np.float32).reshape(info["shape"])
        else:
            out[name] = np.frombuffer(raw, dtype=numpy_of[info["dtype"]]).reshape(info["shape"])
    return out
