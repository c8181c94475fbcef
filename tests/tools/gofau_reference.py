#!/usr/bin/env python3
"""Independent scalar reference for the GOFAU optimizer tests.

Written from the GOFAU paper's rules (docs/algorithms.md, §1) with plain floats (no Eigen, no shared code), it
prints the expected theta after 1 and 3 steps for every base optimizer x rule
on a fixed gradient sequence. tests/core/optim_test.cpp embeds its output;
re-run it after changing the hyper-parameters below:
    python3 tests/tools/gofau_reference.py
"""
import math

THETA0 = [0.5, -1.2]
GRADS = [[0.3, -0.8], [-0.1, 0.5], [0.7, 0.2]]
LR, LR_IN, LR_OUT, GAMMA = 0.1, 2.0, 0.1, 0.3
MU, ALPHA, B1, B2, EPS = 0.9, 0.99, 0.9, 0.999, 1e-8


def u_sequence(base):
    m, v, us = [0.0, 0.0], [0.0, 0.0], []
    for t, g in enumerate(GRADS, start=1):
        u = [0.0, 0.0]
        for i in range(2):
            if base == "sgd":
                u[i] = g[i]
            elif base == "momentum":
                m[i] = MU * m[i] + g[i]
                u[i] = m[i]
            elif base == "nesterov":
                m[i] = MU * m[i] + g[i]
                u[i] = g[i] + MU * m[i]
            elif base == "adagrad":
                v[i] += g[i] ** 2
                u[i] = g[i] / (math.sqrt(v[i]) + EPS)
            elif base == "rmsprop":
                v[i] = ALPHA * v[i] + (1 - ALPHA) * g[i] ** 2
                u[i] = g[i] / (math.sqrt(v[i]) + EPS)
            elif base == "adam":
                m[i] = B1 * m[i] + (1 - B1) * g[i]
                v[i] = B2 * v[i] + (1 - B2) * g[i] ** 2
                mh = m[i] / (1 - B1 ** t)
                vh = v[i] / (1 - B2 ** t)
                u[i] = mh / (math.sqrt(vh) + EPS)
        us.append(u)
    return us


def xi(rule, theta, u):
    mult = LR_OUT * abs(theta) * math.tanh(LR_IN * u)
    add = LR * u
    if rule == "additive":
        return add
    if rule == "multiplicative":
        return mult
    return GAMMA * mult + (1 - GAMMA) * add


def run(base, rule, steps):
    theta = list(THETA0)
    for u in u_sequence(base)[:steps]:
        theta = [theta[i] - xi(rule, theta[i], u[i]) for i in range(2)]
    return theta


for base in ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]:
    for rule in ["additive", "multiplicative", "hybrid"]:
        one, three = run(base, rule, 1), run(base, rule, 3)
        print('    {"%s", "%s", {%.17g, %.17g}, {%.17g, %.17g}},'
              % (base, rule, one[0], one[1], three[0], three[1]))
