"""Reading and writing safetensors files for the scripts in this directory.

Uses the `safetensors` package (safetensors.torch) when it is installed. Debian 12 packages
neither python3-safetensors nor a torch with safetensors support, so without it this module writes
the format itself, as the reference implementation lays it out: an unsigned little-endian 64-bit
header length N, N bytes of compact UTF-8 JSON ({"name": {"dtype", "shape", "data_offsets"}},
"__metadata__" optional) padded with spaces to a multiple of 8, then each tensor's bytes,
row-major and little-endian, tensors sorted by dtype alignment (descending) and name.
"""
import json
import struct

import numpy as np
import torch

try:
    import safetensors.torch as _st
except ImportError:  # the format is simple enough to write by hand, see the module docstring
    _st = None

NAMES = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
         torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8",
         torch.bool: "BOOL"}
DTYPES = {v: k for k, v in NAMES.items()}
ORDER = ["BOOL", "U8", "I8", "I16", "F16", "BF16", "I32", "F32", "F64", "I64"]  # increasing alignment


def backend():
    return "safetensors " + _st.__name__ if _st is not None else "hand-written (safetensors not installed)"


def _to_torch(v):
    return v if torch.is_tensor(v) else torch.from_numpy(np.ascontiguousarray(v))


def save(tensors, path, metadata=None):
    """tensors: name -> torch tensor or numpy array."""
    tensors = {k: _to_torch(v).detach().contiguous() for k, v in tensors.items()}
    if _st is not None:
        _st.save_file(tensors, path, metadata=metadata)
        return
    items = []
    for name, t in tensors.items():
        dtype = NAMES[t.dtype]
        raw = t.view(torch.int16) if t.dtype == torch.bfloat16 else t  # numpy has no bfloat16
        items.append((name, dtype, list(t.shape), raw.numpy().astype(raw.numpy().dtype.newbyteorder("<")).tobytes()))
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
    """name -> torch tensor, in the file's dtypes."""
    if _st is not None:
        return _st.load_file(path)
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    header.pop("__metadata__", None)
    out = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        raw = bytearray(blob[8 + n + begin:8 + n + end])
        dtype = DTYPES[info["dtype"]]
        if dtype == torch.bfloat16:
            out[name] = torch.frombuffer(raw, dtype=torch.int16).view(torch.bfloat16).reshape(info["shape"])
        else:
            out[name] = torch.frombuffer(raw, dtype=dtype).reshape(info["shape"]) if raw else torch.zeros(info["shape"], dtype=dtype)
    return out
