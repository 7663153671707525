"""Reference values of PyTorch's recurrent layers in float64, for purenet's recurrent tests.

Writes src/test/resources/pytorch/recurrent.txt, read by purenet.layer.recurrent.PyTorchReferenceTest.
Each line is `name d0 d1 ... : v0 v1 ...`: a tensor of that shape, row-major, printed with repr
(17 significant digits, exact in float64). For every case it records the weights as PyTorch names
them, the input x, the start state (h0, c0), an upstream gradient g of the output, and what PyTorch
computes: the output y, the final state (h_n, c_n) and the gradients of <g, y> with respect to x and
every weight (the start state is a constant, as in purenet's truncated BPTT).

Run from the repository root:
    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 scripts/pytorch/recurrent_reference.py
"""
import torch

torch.manual_seed(20261204)
torch.set_default_dtype(torch.float64)

BATCH, TIME, FEATURES, HIDDEN = 2, 4, 3, 5
OUT = "src/test/resources/pytorch/recurrent.txt"


def line(name, t):
    t = t.detach().contiguous()
    dims = " ".join(str(d) for d in t.shape)
    values = " ".join(repr(float(v)) for v in t.reshape(-1).tolist())
    return f"{name} {dims} : {values}\n"


def case(name, module, states, bidirectional=False):
    lines = []
    for pname, p in module.named_parameters():
        # Move away from PyTorch's small default range so every gate is exercised.
        with torch.no_grad():
            p.uniform_(-0.8, 0.8)
        lines.append(line(f"{name}.{pname}", p))
    x = torch.empty(BATCH, TIME, FEATURES).uniform_(-1.5, 1.5).requires_grad_(True)
    lines.append(line(f"{name}.x", x))
    directions = 2 if bidirectional else 1
    start = []
    for s in states:
        v = torch.zeros(directions, BATCH, HIDDEN) if bidirectional else torch.empty(1, BATCH, HIDDEN).uniform_(-0.9, 0.9)
        lines.append(line(f"{name}.{s}0", v[0]))
        start.append(v)
    out, final = module(x, start[0] if len(start) == 1 else tuple(start))
    finals = [final] if len(states) == 1 else list(final)
    g = torch.empty_like(out).uniform_(-1, 1)
    lines.append(line(f"{name}.g", g))
    lines.append(line(f"{name}.y", out))
    if not bidirectional:
        for s, f in zip(states, finals):
            lines.append(line(f"{name}.{s}n", f[0]))
    params = list(module.named_parameters())
    grads = torch.autograd.grad((out * g).sum(), [x] + [p for _, p in params])
    lines.append(line(f"{name}.dx", grads[0]))
    for (pname, _), d in zip(params, grads[1:]):
        lines.append(line(f"{name}.d_{pname}", d))
    return lines


def main():
    lines = ["# PyTorch " + torch.__version__ + " float64 reference values; made by scripts/pytorch/recurrent_reference.py\n"]
    lines += case("rnn", torch.nn.RNN(FEATURES, HIDDEN, nonlinearity="tanh", batch_first=True), ["h"])
    lines += case("lstm", torch.nn.LSTM(FEATURES, HIDDEN, batch_first=True), ["h", "c"])
    lines += case("gru", torch.nn.GRU(FEATURES, HIDDEN, batch_first=True), ["h"])
    lines += case("bilstm", torch.nn.LSTM(FEATURES, HIDDEN, batch_first=True, bidirectional=True), ["h", "c"], True)
    lines += case("bigru", torch.nn.GRU(FEATURES, HIDDEN, batch_first=True, bidirectional=True), ["h"], True)
    with open(OUT, "w") as f:
        f.writelines(lines)
    print(f"wrote {len(lines)} lines to {OUT}")


if __name__ == "__main__":
    main()
