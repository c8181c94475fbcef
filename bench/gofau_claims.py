#!/usr/bin/env python3
"""The GOFAU claims table of docs/results.md from a sweep's summary.csv.

Reads the summary of bench/sweeps/gofau_mnist.json (bench/gofau_sweep.sh) and
prints Markdown: for each optimizer and rule (the hybrid rule with and without
the gamma schedule apart), the step size with the lowest mean final test error
over the seeds, its final and first-epoch test errors (mean +- sample std, n),
and Welch's t-test of each rule against the additive rule at their best step
sizes. Standard library only.

    bench/gofau_claims.py docs/mnist/gofau-sweep/summary.csv
"""
import csv
import math
import statistics
import sys
from collections import OrderedDict

TUNED = ("lr", "lr_in", "lr_out", "gamma")


def betacf(a, b, x):
    """Continued fraction of the incomplete beta function (Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


def betai(a, b, x):
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbeta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(lbeta + a * math.log(x) + b * math.log(1.0 - x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * betacf(a, b, x) / a
    return 1.0 - front * betacf(b, a, 1.0 - x) / b


def welch(x, y):
    """Welch's t and its two-sided p-value."""
    nx, ny = len(x), len(y)
    vx, vy = statistics.variance(x) / nx, statistics.variance(y) / ny
    if vx + vy == 0:
        return float("inf"), 0.0
    t = (statistics.mean(x) - statistics.mean(y)) / math.sqrt(vx + vy)
    df = (vx + vy) ** 2 / (vx * vx / (nx - 1) + vy * vy / (ny - 1))
    p = betai(df / 2.0, 0.5, df / (df + t * t))
    return t, p


def cell(values):
    if not values:
        return "–"
    if len(values) == 1:
        return "%.2f" % values[0]
    return "%.2f ± %.2f" % (statistics.mean(values), statistics.stdev(values))


def main(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    # Groups over seeds within blocks (optimizer, rule, schedule).
    blocks = OrderedDict()
    for r in rows:
        schedule = r.get("gamma_patience", "")
        rule = r["rule"] + (" + schedule (patience %s)" % schedule if schedule not in ("", "off") else "")
        block = blocks.setdefault((r["optimizer"], rule), OrderedDict())
        step = ", ".join("%s=%s" % (k, r[k]) for k in TUNED if r.get(k, ""))
        block.setdefault(step, []).append(r)
    best = OrderedDict()
    print("| optimizer | rule | grid points | best step sizes | final test error % | "
          "epoch-1 test error % | best epoch-1 over the grid | diverged runs |")
    print("|---|---|---|---|---|---|---|---|")
    for (opt, rule), groups in blocks.items():
        def finals(g):
            return [float(r["final_test_error_pct"]) for r in g if r["status"] == "finished"]

        def firsts(g):
            return [float(r["first_epoch_test_error_pct"]) for r in g if r["status"] == "finished"]

        ok = {s: g for s, g in groups.items() if finals(g) and len(finals(g)) == len(g)}
        step = min(ok, key=lambda s: statistics.mean(finals(ok[s])))
        first_step = min(ok, key=lambda s: statistics.mean(firsts(ok[s])))
        diverged = sum(r["status"] == "diverged" for g in groups.values() for r in g)
        best[(opt, rule)] = (finals(ok[step]), firsts(ok[step]))
        print("| %s | %s | %d | %s | %s (n=%d) | %s | %s (%s) | %d |" % (
            opt, rule, len(groups), step, cell(finals(ok[step])), len(finals(ok[step])),
            cell(firsts(ok[step])), cell(firsts(ok[first_step])), first_step, diverged))
    print()
    print("Welch's t-test against the additive rule of the same optimizer, each at its best "
          "step sizes (t < 0: lower error than additive):")
    print()
    print("| optimizer | rule | final: difference, t, p | epoch 1: difference, t, p |")
    print("|---|---|---|---|")
    for (opt, rule), (fin, first) in best.items():
        if rule == "additive" or (opt, "additive") not in best:
            continue
        afin, afirst = best[(opt, "additive")]
        t1, p1 = welch(fin, afin)
        t2, p2 = welch(first, afirst)
        print("| %s | %s | %+.2f, t=%.2f, p=%.3f | %+.2f, t=%.2f, p=%.3f |" % (
            opt, rule, statistics.mean(fin) - statistics.mean(afin), t1, p1,
            statistics.mean(first) - statistics.mean(afirst), t2, p2))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/mnist/gofau-sweep/summary.csv")
