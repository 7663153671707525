"""Round-trip fixtures between PyTorch and purenet (purenet.io.PyTorchWeights).

Run from this directory; torch is needed only here, never by purenet's tests:
    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 fixtures.py make    # PyTorch -> files
    OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 fixtures.py check   # purenet's export -> PyTorch

make: trains three small models for a few steps and saves their state_dicts with
safetensors.torch.save_file (or, where the safetensors package is missing, the hand-written
serializer of safetensors_io.py), in float64 (<name>-f64.safetensors) and float32
(<name>-f32.safetensors), and their eval-mode outputs on fixed inputs (<name>-io.safetensors:
x, y_f64 from the float64 model, y_f32 from the float32 model):
  lenet      LeNet-5 with a BatchNorm2d, nn.Sequential, trained 300 steps on MNIST (random images
             if MNIST is absent from ../../../../../data/mnist), inputs: 8 test images
  lstm       Embedding(20, 8) -> LSTM(8, 16) -> last step -> LayerNorm(16) -> Linear(16, 4),
             trained 30 steps on a toy task (is token 3 in the sequence?)
  rnn_gru    RNN(5, 6, tanh) -> GRU(6, 6) -> last step -> GroupNorm(2, 6) -> Linear(6, 3),
             trained 30 steps on random data
check: loads purenet-<name>-f64.safetensors and purenet-<name>-f32.safetensors (written by purenet,
see PyTorchRoundTripTest) into the same modules with load_state_dict(strict=True), runs the inputs
of purenet-<name>-io.safetensors and prints the largest difference from purenet's outputs stored
there; the output is committed as roundtrip-check.txt.
"""
import gzip
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn

import safetensors_io


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.BatchNorm2d(6), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


class LstmModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(20, 8)
        self.lstm = nn.LSTM(8, 16, batch_first=True)
        self.norm = nn.LayerNorm(16)
        self.fc = nn.Linear(16, 4)

    def forward(self, ids):
        out, _ = self.lstm(self.embedding(ids.long()))
        return self.fc(self.norm(out[:, -1]))


class RnnGruModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(5, 6, batch_first=True)
        self.gru = nn.GRU(6, 6, batch_first=True)
        self.norm = nn.GroupNorm(2, 6)
        self.fc = nn.Linear(6, 3)

    def forward(self, x):
        h, _ = self.rnn(x)
        h, _ = self.gru(h)
        return self.fc(self.norm(h[:, -1]))


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist():
    root = os.environ.get("PURENET_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../../data"))
    d = os.path.join(root, "mnist")
    try:
        find = lambda n: next(os.path.join(d, f) for f in (n, n + ".gz") if os.path.exists(os.path.join(d, f)))
        xs = torch.tensor(idx(find("train-images-idx3-ubyte")) / 255.0).unsqueeze(1)
        ys = torch.tensor(idx(find("train-labels-idx1-ubyte")).astype(np.int64))
        xt = torch.tensor(idx(find("t10k-images-idx3-ubyte")) / 255.0).unsqueeze(1)
        return xs, ys, xt, "MNIST"
    except StopIteration:
        g = torch.Generator().manual_seed(1)
        return torch.rand(6000, 1, 28, 28, generator=g), torch.randint(0, 10, (6000,), generator=g), \
            torch.rand(8, 1, 28, 28, generator=g), "random images (MNIST not found)"


def train(model, inputs, targets, steps, lr, batch):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    g = torch.Generator().manual_seed(2)
    model.train()
    for step in range(steps):
        rows = torch.randint(0, inputs.shape[0], (batch,), generator=g)
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(inputs[rows]), targets[rows])
        loss.backward()
        opt.step()
    model.eval()
    return loss.item()


def save(name, model, x):
    with torch.no_grad():
        f64 = model.double()
        y64 = f64(x.double())
        safetensors_io.save(dict(f64.state_dict()), name + "-f64.safetensors", metadata={"made_by": "fixtures.py"})
        f32 = model.float()
        y32 = f32(x.float())
        safetensors_io.save(dict(f32.state_dict()), name + "-f32.safetensors", metadata={"made_by": "fixtures.py"})
        safetensors_io.save({"x": x.double(), "y_f64": y64, "y_f32": y32.double()}, name + "-io.safetensors",
                            metadata={"made_by": "fixtures.py"})


def make():
    torch.manual_seed(20261204)
    xs, ys, xt, source = mnist()
    net = lenet().double()
    loss = train(net, xs, ys, 300, 0.05, 64)
    save("lenet", net, xt[:8])
    print("lenet: 300 steps on", source, "final batch loss %.4f" % loss)

    ids = torch.randint(0, 20, (512, 7))
    labels = (ids == 3).any(dim=1).long() + 2 * (ids[:, 0] > 9).long()
    net = LstmModel().double()
    loss = train(net, ids.double(), labels, 30, 0.1, 32)
    save("lstm", net, ids[:6].double())
    print("lstm: 30 steps, final batch loss %.4f" % loss)

    x = torch.randn(256, 4, 5, dtype=torch.float64)
    labels = torch.randint(0, 3, (256,))
    net = RnnGruModel().double()
    loss = train(net, x, labels, 30, 0.1, 32)
    save("rnn_gru", net, x[:5])
    print("rnn_gru: 30 steps, final batch loss %.4f" % loss)
    print("saved with", safetensors_io.backend())


def check():
    print("PyTorch", torch.__version__, "loading purenet's exports with load_state_dict(strict=True);",
          "files read with", safetensors_io.backend())
    for name, make_model in (("lenet", lenet), ("lstm", LstmModel), ("rnn_gru", RnnGruModel)):
        io = safetensors_io.load("purenet-%s-io.safetensors" % name)
        for precision, dtype in (("f64", torch.float64), ("f32", torch.float32)):
            model = make_model().to(dtype)
            result = model.load_state_dict(safetensors_io.load("purenet-%s-%s.safetensors" % (name, precision)), strict=True)
            model.eval()
            with torch.no_grad():
                y = model(io["x"].to(dtype)).double()
            expected = io["y"]
            rel = ((y - expected).abs().max() / expected.abs().max()).item()
            print("%-8s %s: %s, max |PyTorch - purenet| / max |purenet| = %.3g" % (name, precision, result, rel))


if __name__ == "__main__":
    {"make": make, "check": check}[sys.argv[1]]()
