"""Times scikit-learn's liblinear (the research code's solver) on GradEx subset problems.

Written by `gradex bench estimate`; not meant to be run by hand. Input directory:
  X.f32       N x d float32 row-major: every training row, sign-flipped for its reference label
  y.i32       N int32 labels in {0, 1}
  subsets.txt one line per subset: the row indices of D_S, space separated
  meta.json   {"n": N, "d": d, "C": C, "tol": tol}
Prints one JSON object: {"subsets", "seconds", "subsets_per_second", "ms_per_subset", "sklearn"}.
Only the per-subset work is timed (row gather + fit), as in the research code's loop.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression


def main(directory: str) -> None:
    with open(f"{directory}/meta.json", encoding="utf-8") as f:
        meta = json.load(f)
    n, d = meta["n"], meta["d"]
    X = np.fromfile(f"{directory}/X.f32", dtype="<f4").reshape(n, d).astype(np.float64)
    y = np.fromfile(f"{directory}/y.i32", dtype="<i4")
    with open(f"{directory}/subsets.txt", encoding="utf-8") as f:
        subsets = [np.array(line.split(), dtype=np.int64) for line in f if line.strip()]
    start = time.perf_counter()
    for rows in subsets:
        clf = LogisticRegression(solver="liblinear", C=meta["C"], tol=meta["tol"])
        clf.fit(X[rows], y[rows])
    seconds = time.perf_counter() - start
    json.dump(
        {
            "subsets": len(subsets),
            "seconds": seconds,
            "subsets_per_second": len(subsets) / seconds,
            "ms_per_subset": 1000.0 * seconds / len(subsets),
            "sklearn": sklearn.__version__,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main(sys.argv[1])
