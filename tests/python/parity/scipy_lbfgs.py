"""Peer of record for GradEx's faithful mode: scipy.optimize L-BFGS on the same objective.

    F(w) = (1/N) sum_i s_i log(1 + exp(-(b_i + x_i . w))) + (lambda / 2) ||w||^2

with s_i = 1, or token counts normalised to mean 1. Input directory:
  X.f32      n x d float32 row-major;  b.f32  n float32 offsets;  meta.json {"n","d","lambda"}
  s.f32      optional n float32 token counts (normalised here to mean 1)
Output (stdout): {"w": [...], "fun": F(w*), "grad_norm": ||grad F(w*)||, "nit": k}
"""
import json
import os
import sys

import numpy as np
from scipy.optimize import minimize


def main(directory: str) -> None:
    with open(f"{directory}/meta.json", encoding="utf-8") as f:
        meta = json.load(f)
    n, d, lam = meta["n"], meta["d"], meta["lambda"]
    X = np.fromfile(f"{directory}/X.f32", dtype="<f4").reshape(n, d).astype(np.float64)
    b = np.fromfile(f"{directory}/b.f32", dtype="<f4").astype(np.float64)
    s = np.ones(n)
    if os.path.exists(f"{directory}/s.f32"):
        s = np.fromfile(f"{directory}/s.f32", dtype="<f4").astype(np.float64)
        s = s / s.mean()

    def objective(w):
        m = b + X @ w
        loss = np.sum(s * np.logaddexp(0.0, -m)) / n + 0.5 * lam * w @ w
        r = -s * np.exp(-np.logaddexp(0.0, m))  # -s * sigmoid(-m)
        grad = X.T @ r / n + lam * w
        return loss, grad

    res = minimize(
        objective,
        np.zeros(d),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 20000, "gtol": 1e-12, "ftol": 1e-15, "maxcor": 20},
    )
    _, g = objective(res.x)
    json.dump(
        {"w": res.x.tolist(), "fun": float(res.fun), "grad_norm": float(np.linalg.norm(g)),
         "nit": int(res.nit)},
        sys.stdout,
    )


if __name__ == "__main__":
    main(sys.argv[1])
