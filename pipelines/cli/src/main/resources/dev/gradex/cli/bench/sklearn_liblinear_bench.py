"""Times scikit-learn's liblinear (the research code's solver) on GradEx subset problems.

Written by `gradex bench estimate`; not meant to be run by hand. Input directory:
  meta.json   {"d": d, "C": C, "tol": tol, "problems": [{"n": n_S, "x": "X_0.f32", "y": "y_0.i32"}]}
  X_i.f32     n_S x d float32 row-major: the rows of D_S, sign-flipped for their reference label
  y_i.i32     n_S int32 labels in {0, 1}
Prints one JSON object: {"subsets", "seconds", "subsets_per_second", "ms_per_subset", "sklearn"}.
Only the fits are timed; loading the files is not.
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
    d = meta["d"]
    problems = []
    for p in meta["problems"]:
        X = np.fromfile(f"{directory}/{p['x']}", dtype="<f4").reshape(p["n"], d)
        problems.append((X.astype(np.float64), np.fromfile(f"{directory}/{p['y']}", dtype="<i4")))
    subsets = problems
    start = time.perf_counter()
    for X, y in problems:
        clf = LogisticRegression(solver="liblinear", C=meta["C"], tol=meta["tol"])
        clf.fit(X, y)
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
