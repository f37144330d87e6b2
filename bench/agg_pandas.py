# agg_pandas.py - pandas side of the aggregation benchmark: load once, time each op in-process.
# Run as: /usr/bin/python3 bench/agg_pandas.py FILE [OP ...]. AGG_RUNS (default 5) timed runs
# after 1 warm-up, best printed as "op=NAME seconds=S result=CHECKSUM". Load time on stderr.
# The op code is the fastest idiomatic form measured (see bench/README.md, "Aggregation"):
# str.split + explode + value_counts (get_dummies was ~3x slower on this file).
import os
import sys

import pandas as pd

from timing import clock, run_ops

path = sys.argv[1]
want = set(sys.argv[2:])
runs = int(os.environ.get("AGG_RUNS", "5"))

t0 = clock()
df = pd.read_csv(path)
print(f"agg: tool=pandas version={pd.__version__} load_s={clock() - t0:.3f} rows={len(df)}", file=sys.stderr)


def multi_freq():
    return df["areas"].str.split(";").explode().value_counts()


def state_x_multi():
    return df[["state"]].assign(lab=df["areas"].str.split(";")).explode("lab").value_counts()


def mean_by_group():
    return df.groupby("state")["income"].mean()


def median_by_group():
    return df.groupby("state")["income"].median()


def mean_by_two_keys():
    return df.groupby(["state", "consent"])["income"].mean()


def filter_group_mean():
    return df[df["age"] >= 40].groupby("state")["income"].mean()


def check_freq(r):
    return f"total:{int(r.sum())},rescue:{int(r.get('rescue', 0))},cells:{int((r > 0).sum())}"


def check_cross(r):
    return (f"total:{int(r.sum())},Assam/rescue:{int(r.get(('Assam', 'rescue'), 0))},"
            f"cells:{int((r > 0).sum())}")


def check_mean(r):
    r = r.dropna().sort_index()
    return f"groups:{len(r)},sum_means:{sum(r.tolist()):.6f}"


def check_means(r):
    """groups, the sum of the answers and the sum of rank * answer, the groups in key order
    (groupby sorts them: strings bytewise, False before True), left to right"""
    s = w = 0.0
    for i, m in enumerate(r.sort_index().tolist(), 1):
        s += m
        w += i * m
    return f"groups:{len(r)},sum:{s:.17g},ranked:{w:.17g}"


ops = [("multi_freq", multi_freq, check_freq),
       ("state_x_multi", state_x_multi, check_cross),
       ("mean_by_group", mean_by_group, check_mean),
       ("median_by_group", median_by_group, check_means),
       ("mean_by_two_keys", mean_by_two_keys, check_means),
       ("filter_group_mean", filter_group_mean, check_means)]
run_ops(ops, runs, want)
