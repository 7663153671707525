#!/usr/bin/env python3
"""The PyTorch side of purenet's benchmark (examples/java/purenet/examples/bench/VsPyTorch.java).

Defines the same workloads as bench/Workload.java, in float64, and answers on stdin/stdout:
  run <workload> <seconds>   ->  "<steps> <elapsed seconds> <process CPU seconds>" after running steps
                                 for about that long
  quit                       ->  exits
It first prints a one-line banner. Usage: bench_torch.py <threads>; run it with
OPENBLAS_CORETYPE=SkylakeX (scripts/bench-vs-pytorch.sh does). It installs nothing.
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def mlp():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


def lenet():
    # examples/LeNet: both convolutions "same", dense 784 -> 120 -> 84 -> 10.
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(784, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def lenet5():
    # classic LeNet-5 on 28x28: C1 padded 2, C3 valid, dense 400 -> 120 -> 84 -> 10.
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


class LstmLast(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(32, 128, batch_first=True)
        self.out = nn.Linear(128, 10)

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.out(h[:, -1, :])


def train(model, x):
    y = torch.arange(x.shape[0]) % 10
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    return step


def infer(model, x):
    def step():
        with torch.no_grad():
            model(x)
    return step


def gemm(m, k, n):
    a = torch.rand(m, k)
    b = torch.rand(k, n)
    return lambda: torch.matmul(a, b)


WORKLOADS = {
    "mlp-train": lambda: train(mlp(), torch.rand(128, 784)),
    "lenet-train": lambda: train(lenet(), torch.rand(64, 1, 28, 28)),
    "lenet5-train": lambda: train(lenet5(), torch.rand(64, 1, 28, 28)),
    "lstm-train": lambda: train(LstmLast(), torch.rand(32, 50, 32)),
    "mlp-infer-b1": lambda: infer(mlp().eval(), torch.rand(1, 784)),
    "mlp-infer-b128": lambda: infer(mlp().eval(), torch.rand(128, 784)),
    "gemm-256": lambda: gemm(256, 256, 256),
    "gemm-1024": lambda: gemm(1024, 1024, 1024),
    "gemm-128x784x256": lambda: gemm(128, 784, 256),
}


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(threads)
    torch.set_default_dtype(torch.float64)
    torch.manual_seed(0)
    steps = {}
    print("PyTorch %s (%s threads)" % (torch.__version__, torch.get_num_threads()), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        name, seconds = words[1], float(words[2])
        if name not in steps:
            steps[name] = WORKLOADS[name]()
        step = steps[name]
        cpu = time.process_time()
        start = time.perf_counter()
        end = start + seconds
        n = 0
        while True:
            step()
            n += 1
            now = time.perf_counter()
            if now >= end:
                break
        print("%d %.6f %.6f" % (n, now - start, time.process_time() - cpu), flush=True)


if __name__ == "__main__":
    main()
