# groupby_pandas.py - pandas side of the db-benchmark group-by questions: load once, time each.
# Run as: /usr/bin/python3 bench/groupby_pandas.py FILE [QUESTION ...]. GB_RUNS (default 3) timed
# runs after 1 warm-up, best printed as "op=qN seconds=S result=CHECKSUM". Load time on stderr.
# Questions and load as db-benchmark's pandas solution (id1-id3 as categories).
import os
import sys

import pandas as pd

from timing import clock, run_ops

path = sys.argv[1]
want = set(sys.argv[2:])
runs = int(os.environ.get("GB_RUNS", "3"))

t0 = clock()
x = pd.read_csv(path, dtype={"id1": "category", "id2": "category", "id3": "category"})
print(f"agg: tool=pandas version={pd.__version__} load_s={clock() - t0:.3f} rows={len(x)}",
      file=sys.stderr)
G = dict(as_index=False, sort=False, observed=True, dropna=False)


def q7():
    r = x.groupby("id3", **G).agg({"v1": "max", "v2": "min"})
    return r.assign(range_v1_v2=r["v1"] - r["v2"])[["id3", "range_v1_v2"]]


def q9():
    r = x[["id2", "id4", "v1", "v2"]].groupby(["id2", "id4"], observed=True, sort=False).apply(
        lambda d: pd.Series({"r2": d.corr()["v1"]["v2"] ** 2}))
    return r.reset_index()


def q6():
    r = x.groupby(["id4", "id5"], **G).agg({"v3": ["median", "std"]})
    r.columns = ["id4", "id5", "median_v3", "sd_v3"]
    return r


qs = [
    ("q1", lambda: x.groupby("id1", **G).agg({"v1": "sum"}), ["v1"]),
    ("q2", lambda: x.groupby(["id1", "id2"], **G).agg({"v1": "sum"}), ["v1"]),
    ("q3", lambda: x.groupby("id3", **G).agg({"v1": "sum", "v3": "mean"}), ["v1", "v3"]),
    ("q4", lambda: x.groupby("id4", **G).agg({"v1": "mean", "v2": "mean", "v3": "mean"}),
     ["v1", "v2", "v3"]),
    ("q5", lambda: x.groupby("id6", **G).agg({"v1": "sum", "v2": "sum", "v3": "sum"}),
     ["v1", "v2", "v3"]),
    ("q6", q6, ["median_v3", "sd_v3"]),
    ("q7", q7, ["range_v1_v2"]),
    ("q8", lambda: x[["id6", "v3"]].sort_values("v3", ascending=False).groupby("id6", **G).head(2),
     ["v3"]),
    ("q9", q9, ["r2"]),
    ("q10", lambda: x.groupby(["id1", "id2", "id3", "id4", "id5", "id6"], **G)
     .agg({"v3": "sum", "v1": "size"}).rename(columns={"v1": "count"}), ["v3", "count"]),
]


def chk(r, cols):
    parts = [f"rows:{len(r)}"]
    for c in cols:
        v = r[c]
        if v.dtype.kind in "iu":
            parts.append(f"{c}:{int(v.sum())}")
        else:
            parts.append(f"{c}:{float(v.sum()):.17g}")
    return ",".join(parts)


run_ops([(name, run, lambda r, cols=cols: chk(r, cols)) for name, run, cols in qs], runs, want)
