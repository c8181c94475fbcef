#!/usr/bin/python3
"""PyTorch peer for the BP throughput benchmark (bench/bp_vs_torch.sh).

Trains the same net as `mulab-cli train --method bp`: 784-500-500-10 ReLU,
nn.Linear's default init, Adam lr 1e-3, batch 200, softmax cross-entropy, on
real MNIST read from the IDX files, with 2 threads. Prints the training
throughput (evaluation excluded) of the epoch given by --epochs (the last one)
and the test error.
"""
import argparse
import os
import time

import numpy as np
import torch


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.environ.get("MULAB_DATA", "data"))
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    d = os.path.join(args.data, "mnist")
    x = torch.from_numpy(read_idx(f"{d}/train-images-idx3-ubyte").reshape(-1, 784).astype(np.float32) / 255)
    y = torch.from_numpy(read_idx(f"{d}/train-labels-idx1-ubyte").astype(np.int64))
    xt = torch.from_numpy(read_idx(f"{d}/t10k-images-idx3-ubyte").reshape(-1, 784).astype(np.float32) / 255)
    yt = torch.from_numpy(read_idx(f"{d}/t10k-labels-idx1-ubyte").astype(np.int64))
    net = torch.nn.Sequential(torch.nn.Linear(784, 500), torch.nn.ReLU(),
                              torch.nn.Linear(500, 500), torch.nn.ReLU(), torch.nn.Linear(500, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    rate = 0.0
    for _ in range(args.epochs):
        perm = torch.randperm(x.shape[0])
        start = time.perf_counter()
        for i in range(0, x.shape[0], 200):
            idx = perm[i:i + 200]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
        rate = x.shape[0] / (time.perf_counter() - start)
    with torch.no_grad():
        err = (net(xt).argmax(1) != yt).float().mean().item()
    print(f"torch_version={torch.__version__} threads={torch.get_num_threads()}")
    print(f"torch_samples_per_s={rate:.0f}")
    print(f"torch_test_error={100 * err:.2f}%")


if __name__ == "__main__":
    main()
