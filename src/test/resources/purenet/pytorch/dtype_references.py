"""A safetensors file with one tensor of every dtype purenet reads, written by PyTorch.

Run from this directory (torch needed only here):
    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 dtype_references.py
It writes dtypes.safetensors: "<DTYPE>" holds edge values of that dtype (zeros of both signs,
extremes, subnormals, infinities, NaN where the type has them), and "expected/<DTYPE>" the same
values as float64, computed by Python (float(int) rounds to nearest, ties to even, as Java's
(double) long). Saved with the safetensors package if installed, else by safetensors_io's
hand-written serializer (see there).
"""
import math

import torch

import safetensors_io

inf, nan = math.inf, math.nan
floats = {
    "F64": (torch.float64, [0.0, -0.0, 1.0 / 3.0, 5e-324, 1.7976931348623157e308, -inf, nan]),
    "F32": (torch.float32, [0.0, -0.0, 0.1, 1e-45, 3.4028234663852886e38, inf, nan]),
    "F16": (torch.float16, [0.0, -0.0, 1.0, -2.5, 65504.0, 6.103515625e-05, 5.960464477539063e-08, 0.1, inf, -inf, nan]),
    "BF16": (torch.bfloat16, [0.0, -0.0, 1.0, -2.5, 3.3895313892515355e38, 9.183549615799121e-41, 0.1, inf, -inf, nan]),
}
ints = {
    "I64": (torch.int64, [0, -1, 2**53, 2**53 + 1, 2**62 + 3, -2**63, 2**63 - 1]),
    "I32": (torch.int32, [0, -1, 7, -2**31, 2**31 - 1]),
    "I16": (torch.int16, [0, -1, -2**15, 2**15 - 1]),
    "I8": (torch.int8, [0, -1, -128, 127]),
    "U8": (torch.uint8, [0, 1, 128, 255]),
    "BOOL": (torch.bool, [True, False, True]),
}
out = {}
for name, (dtype, values) in floats.items():
    t = torch.tensor(values, dtype=dtype)
    out[name] = t
    out["expected/" + name] = t.double().clone()  # widening a float is exact
for name, (dtype, values) in ints.items():
    t = torch.tensor(values, dtype=dtype)
    out[name] = t
    out["expected/" + name] = torch.tensor([float(v) for v in t.tolist()], dtype=torch.float64)
out["I64_matrix"] = torch.arange(-3, 3, dtype=torch.int64).reshape(2, 3)
out["num_batches_tracked"] = torch.tensor(12, dtype=torch.int64)  # a 0-d I64, as in every BatchNorm state_dict
safetensors_io.save(out, "dtypes.safetensors", metadata={"made_by": "dtype_references.py"})
print("wrote", len(out), "tensors with", safetensors_io.backend())
for k, v in out.items():
    if not k.startswith("expected/"):
        print(k, v.dtype, v.tolist())
