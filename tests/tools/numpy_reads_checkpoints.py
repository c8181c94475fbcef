#!/usr/bin/env python3
"""numpy reads mulab's checkpoint folders: every tensor the manifest lists
loads with np.load as float32 of the documented shape and values, and saving
it again with np.save gives the same bytes (our NPY writer is numpy's format
byte for byte). Exits 77 (skipped) when numpy is not installed."""
import json
import os
import sys

try:
    import numpy as np
except ImportError:
    print("numpy not installed: skipped")
    sys.exit(77)
import io

folder = sys.argv[1]
m = json.load(open(os.path.join(folder, "manifest.json")))
sizes = m["architecture"]["sizes"]
assert m["format"] == "mulab-checkpoints", m["format"]
for c in m["checkpoints"]:
    for l in range(1, len(sizes)):
        W = np.load(os.path.join(folder, c["files"][f"W{l}"]))
        b = np.load(os.path.join(folder, c["files"][f"b{l}"]))
        assert W.dtype == np.float32 and W.shape == (sizes[l], sizes[l - 1]), (W.dtype, W.shape)
        assert b.dtype == np.float32 and b.shape == (sizes[l],), (b.dtype, b.shape)
        want = (np.arange(W.size, dtype=np.float32) / np.float32(1000) + np.float32(c["step"]))
        assert np.array_equal(W.ravel(), want.astype(np.float32)), f"W{l} values"
        assert np.array_equal(b, -np.arange(sizes[l], dtype=np.float32)), f"b{l} values"
        for name, a in (("W", W), ("b", b)):
            buf = io.BytesIO()
            np.save(buf, a)
            path = os.path.join(folder, c["files"][f"{name}{l}"])
            assert buf.getvalue() == open(path, "rb").read(), f"{path}: differs from np.save"
print(f"numpy {np.__version__} read {len(m['checkpoints'])} checkpoints of {sizes}: ok")
