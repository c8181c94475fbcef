#!/usr/bin/env python3
"""Renders docs/landscape.md's figures from the JSON that
bench/landscape_results.sh wrote (mulab-cli landscape / interpolate --json).

  plot_landscape.py JSON_DIR IMG_DIR   (needs python3-matplotlib)

landscape_pca.png: the joint PCA plane, log10 loss, the three runs' paths with
each segment faded by its checkpoints' off-plane residual, and beside it the
residual and the true vs surface loss along each path.
landscape_random.png: a random filter-normalised plane around each final solution.
landscape_interpolation.png: the loss from the initialisation to each final solution.
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402

src, dst = sys.argv[1], sys.argv[2]
RUNS = ["additive", "multiplicative", "hybrid"]
COLOURS = {"additive": "#1f77b4", "multiplicative": "#d62728", "hybrid": "#2ca02c"}


def load(name):
    with open(os.path.join(src, name)) as f:
        return json.load(f)


def rule_of(run):
    return run["rule"]


def surface(ax, j, vmin=None, vmax=None):
    s = j["surface"]
    x, y, z = np.array(s["x"]), np.array(s["y"]), np.log10(np.array(s["loss"]))
    cf = ax.contourf(x, y, z, levels=30, cmap="viridis", vmin=vmin, vmax=vmax)
    ax.contour(x, y, z, levels=15, colors="white", linewidths=0.4, alpha=0.5)
    return cf


# --- PCA plane with paths
pca = load("pca.json")
fig = plt.figure(figsize=(13, 6.2))
ax = fig.add_axes([0.05, 0.1, 0.5, 0.8])
cf = surface(ax, pca)
fig.colorbar(cf, ax=ax, label="log10 training loss (1000 samples)", fraction=0.04)
for run in pca["runs"]:
    pts = run["checkpoints"]
    xy = np.array([[p["x"], p["y"]] for p in pts])
    res = np.array([p["residual"] for p in pts])
    c = matplotlib.colors.to_rgba(COLOURS[rule_of(run)])
    segs = [xy[i:i + 2] for i in range(len(xy) - 1)]
    # A segment is as opaque as its checkpoints lie in the plane: faded where
    # the picture under it is not the loss the run had.
    alpha = [max(0.12, 1 - max(res[i], res[i + 1])) for i in range(len(segs))]
    ax.add_collection(LineCollection(segs, colors=[(c[0], c[1], c[2], a) for a in alpha], linewidths=2.2))
    ax.scatter(xy[:, 0], xy[:, 1], s=9, color=[(c[0], c[1], c[2], max(0.12, 1 - r)) for r in res], zorder=3)
    ax.plot([], [], color=c, lw=2.2, label=f"{rule_of(run)} (final loss {pts[-1]['loss']:.3f})")
ax.scatter([pca["runs"][0]["checkpoints"][0]["x"]], [pca["runs"][0]["checkpoints"][0]["y"]], marker="o",
           s=60, facecolor="none", edgecolor="white", zorder=4, label="shared initialisation")
ax.scatter([0], [0], marker="*", s=120, color="white", zorder=4, label="centre: additive's final")
ax.set_xlabel("x: " + pca["axes"][0]["label"])
ax.set_ylabel("y: " + pca["axes"][1]["label"])
ax.set_title("Adam, 784-500-500-10, 2 epochs, seed 1: joint PCA plane\n"
             "segments fade with the checkpoints' off-plane residual", fontsize=10)
ax.legend(loc="upper right", fontsize=8, framealpha=0.8)
ax.set_xlim(pca["range"]["x"])
ax.set_ylim(pca["range"]["y"])

a1 = fig.add_axes([0.66, 0.56, 0.31, 0.34])
a2 = fig.add_axes([0.66, 0.1, 0.31, 0.34])
for run in pca["runs"]:
    pts = run["checkpoints"]
    step = [p["step"] for p in pts]
    col = COLOURS[rule_of(run)]
    a1.plot(step, [p["residual"] for p in pts], color=col, label=rule_of(run))
    a2.semilogy(step, [p["loss"] for p in pts], color=col, label=f"{rule_of(run)}: true L(theta_k)")
    a2.semilogy(step, [p["surface_loss"] for p in pts], color=col, ls="--", lw=1,
                label=f"{rule_of(run)}: surface at (x, y)")
a1.set_ylabel("off-plane residual")
a1.set_ylim(0, 1.02)
a1.set_title("||theta_k - projection|| / ||theta_k - centre||", fontsize=9)
a1.legend(fontsize=7)
a2.set_xlabel("step")
a2.set_ylabel("loss (1000 samples)")
a2.set_title("true loss (solid) vs what the plane shows there (dashed)", fontsize=9)
a2.legend(fontsize=6, ncol=1)
fig.savefig(os.path.join(dst, "landscape_pca.png"), dpi=110)
plt.close(fig)

# --- Each run's own PCA plane: the same runs, the slice that follows each path
fig, axes = plt.subplots(1, 3, figsize=(15, 4.8), constrained_layout=True)
for ax, r in zip(axes, RUNS):
    j = load(f"pca-{r}.json")
    cf = surface(ax, j)
    pts = j["runs"][0]["checkpoints"]
    xy = np.array([[p["x"], p["y"]] for p in pts])
    res = np.array([p["residual"] for p in pts])
    c = matplotlib.colors.to_rgba(COLOURS[r])
    segs = [xy[i:i + 2] for i in range(len(xy) - 1)]
    alpha = [max(0.12, 1 - max(res[i], res[i + 1])) for i in range(len(segs))]
    ax.add_collection(LineCollection(segs, colors=[(c[0], c[1], c[2], a) for a in alpha], linewidths=2.2))
    ax.scatter(xy[:, 0], xy[:, 1], s=14, color=[(c[0], c[1], c[2], max(0.12, 1 - v)) for v in res],
               edgecolors=(1, 1, 1, 0.6), linewidths=0.4, zorder=3)
    ax.plot([0], [0], marker="*", color="white", ms=11)
    ax.set_xlim(j["range"]["x"])
    ax.set_ylim(j["range"]["y"])
    ax.set_xlabel(j["axes"][0]["label"], fontsize=8)
    ax.set_ylabel(j["axes"][1]["label"], fontsize=8)
    med = float(np.median(res))
    ax.set_title(f"{r} alone: residual median {med:.2f}, max {res.max():.2f}", fontsize=9)
    fig.colorbar(cf, ax=ax, fraction=0.04, label="log10 loss")
fig.suptitle("Each run's own PCA plane (centre: its final checkpoint)", fontsize=11)
fig.savefig(os.path.join(dst, "landscape_pca_each.png"), dpi=95)
plt.close(fig)

# --- Random planes around each final solution, one colour scale
rnd = {r: load(f"random-{r}.json") for r in RUNS}
zs = np.concatenate([np.log10(np.array(j["surface"]["loss"])).ravel() for j in rnd.values()])
vmin, vmax = float(zs.min()), float(zs.max())
fig, axes = plt.subplots(1, 3, figsize=(14, 4.6), constrained_layout=True)
for ax, r in zip(axes, RUNS):
    j = rnd[r]
    cf = surface(ax, j, vmin, vmax)
    ax.plot([0], [0], marker="*", color="white", ms=11)
    ax.set_title(f"{r}: centre loss {j['centre']['loss']:.3f}, error {100 * j['centre']['error']:.1f}%\n"
                 f"directions {j['direction_hash']}", fontsize=9)
    ax.set_xlabel("random direction 1 (filter-normalised)")
    ax.set_ylabel("random direction 2")
    ax.set_aspect("equal")
fig.colorbar(cf, ax=axes, label="log10 training loss (1000 samples)", fraction=0.02)
fig.suptitle("Random planes around each final solution (same seed, same scale)", fontsize=11)
fig.savefig(os.path.join(dst, "landscape_random.png"), dpi=100)
plt.close(fig)

# --- Interpolation init -> final
fig, ax = plt.subplots(figsize=(6.5, 4), constrained_layout=True)
for r in RUNS:
    j = load(f"line-{r}.json")
    a = [p["alpha"] for p in j["line"]]
    ax.semilogy(a, [p["loss"] for p in j["line"]], color=COLOURS[r], label=f"{r} (barrier {j['barrier']:.3f})")
ax.axvline(0, color="grey", lw=0.6)
ax.axvline(1, color="grey", lw=0.6)
ax.set_xlabel("alpha: (1 - alpha) theta_init + alpha theta_final")
ax.set_ylabel("training loss (1000 samples)")
ax.set_title("Linear interpolation from the shared initialisation (Goodfellow et al. 2015)", fontsize=9)
ax.legend(fontsize=8)
fig.savefig(os.path.join(dst, "landscape_interpolation.png"), dpi=110)
plt.close(fig)
print("wrote landscape_pca.png, landscape_pca_each.png, landscape_random.png, landscape_interpolation.png to", dst)
