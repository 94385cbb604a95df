"""Peer of record for GradEx's reference-compatible mode: scikit-learn's liblinear.

Reads a problem written by the Java parity test and prints the fitted coefficients as JSON.
Input directory:
  X.f32      n x d float32, little-endian, row-major (features, sign already flipped for label 0)
  y.i32      n int32 labels in {0, 1}
  meta.json  {"n": n, "d": d, "C": C, "tol": tol}
Output (stdout): {"coef": [...], "intercept": b, "n_iter": k}
"""
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression


def main(directory: str) -> None:
    with open(f"{directory}/meta.json", encoding="utf-8") as f:
        meta = json.load(f)
    n, d = meta["n"], meta["d"]
    X = np.fromfile(f"{directory}/X.f32", dtype="<f4").reshape(n, d).astype(np.float64)
    y = np.fromfile(f"{directory}/y.i32", dtype="<i4")
    clf = LogisticRegression(
        solver="liblinear",
        C=meta["C"],
        fit_intercept=True,
        intercept_scaling=1.0,
        tol=meta.get("tol", 1e-4),
        max_iter=meta.get("max_iter", 1000),
    )
    clf.fit(X, y)
    json.dump(
        {
            "coef": clf.coef_[0].tolist(),
            "intercept": float(clf.intercept_[0]),
            "n_iter": int(np.max(clf.n_iter_)),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main(sys.argv[1])
