"""PyTorch float64 reference values for purenet's Conv2d, Conv1d, MaxPool2d, AvgPool2d and Embedding.

Run from this directory (torch needed only here, never by the tests):
    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 layer_references.py
It writes layer-references.safetensors: for every case "<layer>/<case>/..." the input x, the
parameters, an upstream gradient g, PyTorch's output y and the gradients of sum(g * y) with respect
to x and the parameters, all float64, plus "geometry" =
[kh, kw, sh, sw, top, bottom, left, right, dh, dw] (for Conv1d: [k, s, before, after, d]).

Asymmetric padding has no PyTorch layer argument; it is F.pad followed by the unpadded layer
(zeros for the convolution and the average, -inf for the max, which PyTorch's own padding means).
'same' uses PyTorch's padding='same', which puts the odd zero of an even kernel at the bottom/right.
"""
import numpy as np
import torch
import torch.nn.functional as F

import safetensors_io

torch.manual_seed(20261204)
out = {}


def put(prefix, **tensors):
    for k, v in tensors.items():
        out[prefix + "/" + k] = v.detach().double().numpy() if torch.is_tensor(v) else np.asarray(v, dtype=np.float64)


def conv2d_case(name, c_in, c_out, kh, kw, h, w, stride, padding, dilation, bias=True):
    """padding: (ph, pw) symmetric, (top, bottom, left, right), or 'same'."""
    x = torch.randn(2, c_in, h, w, dtype=torch.float64, requires_grad=True)
    wt = torch.randn(c_out, c_in, kh, kw, dtype=torch.float64, requires_grad=True)
    b = torch.randn(c_out, dtype=torch.float64, requires_grad=True) if bias else None
    if padding == "same":
        y = F.conv2d(x, wt, b, stride=stride, padding="same", dilation=dilation)
        th, tw = dilation[0] * (kh - 1), dilation[1] * (kw - 1)
        pads = (th // 2, th - th // 2, tw // 2, tw - tw // 2)
    elif len(padding) == 4:
        top, bottom, left, right = padding
        y = F.conv2d(F.pad(x, (left, right, top, bottom)), wt, b, stride=stride, dilation=dilation)
        pads = padding
    else:
        y = F.conv2d(x, wt, b, stride=stride, padding=padding, dilation=dilation)
        pads = (padding[0], padding[0], padding[1], padding[1])
    g = torch.randn_like(y)
    (y * g).sum().backward()
    p = "conv2d/" + name
    put(p, x=x, weight=wt, g=g, y=y, grad_x=x.grad, grad_weight=wt.grad,
        geometry=[kh, kw, stride[0], stride[1], *pads, dilation[0], dilation[1]])
    if bias:
        put(p, bias=b, grad_bias=b.grad)


def conv1d_case(name, c_in, c_out, k, length, stride, padding, dilation):
    """padding: int, (before, after) or 'same'."""
    x = torch.randn(3, c_in, length, dtype=torch.float64, requires_grad=True)
    wt = torch.randn(c_out, c_in, k, dtype=torch.float64, requires_grad=True)
    b = torch.randn(c_out, dtype=torch.float64, requires_grad=True)
    if padding == "same":
        y = F.conv1d(x, wt, b, stride=stride, padding="same", dilation=dilation)
        t = dilation * (k - 1)
        pads = (t // 2, t - t // 2)
    elif isinstance(padding, tuple):
        y = F.conv1d(F.pad(x, padding), wt, b, stride=stride, dilation=dilation)
        pads = padding
    else:
        y = F.conv1d(x, wt, b, stride=stride, padding=padding, dilation=dilation)
        pads = (padding, padding)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    put("conv1d/" + name, x=x, weight=wt, bias=b, g=g, y=y, grad_x=x.grad, grad_weight=wt.grad,
        grad_bias=b.grad, geometry=[k, stride, *pads, dilation])


def pool_case(kind, name, kh, kw, h, w, stride, padding, dilation):
    """padding: (ph, pw) symmetric or (top, bottom, left, right)."""
    x = torch.randn(2, 3, h, w, dtype=torch.float64, requires_grad=True)
    if len(padding) == 4:
        top, bottom, left, right = padding
        fill = float("-inf") if kind == "maxpool2d" else 0.0
        padded = F.pad(x, (left, right, top, bottom), value=fill)
        sym = (0, 0)
        pads = padding
    else:
        padded = x
        sym = padding
        pads = (padding[0], padding[0], padding[1], padding[1])
    if kind == "maxpool2d":
        y = F.max_pool2d(padded, (kh, kw), stride=stride, padding=sym, dilation=dilation)
    else:
        assert dilation == (1, 1), "PyTorch's average pooling has no dilation"
        y = F.avg_pool2d(padded, (kh, kw), stride=stride, padding=sym, count_include_pad=True)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    put(kind + "/" + name, x=x, g=g, y=y, grad_x=x.grad,
        geometry=[kh, kw, stride[0], stride[1], *pads, dilation[0], dilation[1]])


def embedding_case(name, vocabulary, features, ids):
    wt = torch.randn(vocabulary, features, dtype=torch.float64, requires_grad=True)
    ids = torch.tensor(ids, dtype=torch.long)
    y = F.embedding(ids, wt)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    put("embedding/" + name, x=ids.double(), weight=wt, g=g, y=y, grad_weight=wt.grad)


conv2d_case("stride_3_2", 2, 3, 3, 2, 11, 9, (3, 2), (0, 0), (1, 1))
conv2d_case("padding_1_2_dilation_2_1", 2, 4, 3, 3, 8, 7, (1, 2), (1, 2), (2, 1))
conv2d_case("asymmetric_0_1_2_1", 3, 2, 2, 3, 6, 5, (2, 1), (0, 1, 2, 1), (1, 1))
conv2d_case("same_even_4x2", 2, 3, 4, 2, 7, 6, (1, 1), "same", (1, 1))
conv2d_case("same_even_2x2_dilation_2", 1, 2, 2, 2, 5, 6, (1, 1), "same", (2, 2))
conv2d_case("same_odd_3x5_no_bias", 2, 2, 3, 5, 6, 7, (1, 1), "same", (1, 1), bias=False)
conv1d_case("stride_2_padding_1_dilation_2", 3, 4, 3, 12, 2, 1, 2)
conv1d_case("same_even_4", 2, 3, 4, 9, 1, "same", 1)
conv1d_case("asymmetric_2_0", 2, 2, 3, 7, 1, (2, 0), 1)
pool_case("maxpool2d", "window_3x2_stride_2_1_padding_1_0_dilation_1_2", 3, 2, 9, 8, (2, 1), (1, 0), (1, 2))
pool_case("maxpool2d", "asymmetric_0_1_1_0", 2, 2, 5, 7, (2, 2), (0, 1, 1, 0), (1, 1))
pool_case("maxpool2d", "window_2x3_stride_1_3", 2, 3, 6, 10, (1, 3), (0, 1), (1, 1))
pool_case("avgpool2d", "window_3x2_stride_2_1_padding_1_1", 3, 2, 9, 8, (2, 1), (1, 1), (1, 1))
pool_case("avgpool2d", "asymmetric_1_0_0_1", 2, 2, 5, 6, (2, 1), (1, 0, 0, 1), (1, 1))
embedding_case("batch_by_time", 7, 3, [[0, 6, 2, 2], [5, 1, 0, 3]])
embedding_case("repeated_ids", 4, 5, [[1, 1, 1], [3, 0, 1]])

safetensors_io.save(out, "layer-references.safetensors",
                    metadata={"made_by": "layer_references.py", "torch": torch.__version__})
print("wrote", len(out), "tensors with", safetensors_io.backend())
