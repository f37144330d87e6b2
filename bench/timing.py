# timing.py - what the Python benchmark scripts share (agg_pandas.py, groupby_pandas.py):
# timing each op in-process.
import gc
import time

clock = time.perf_counter  # monotonic


def run_ops(ops, runs, want):
    """For each (name, run, check) of ops named in want (all when empty): 1 warm-up run,
    then the best of runs, printed as "op=NAME seconds=S result=CHECK", CHECK = check(r)."""
    for name, run, check in ops:
        if want and name not in want:
            continue
        best, r = float("inf"), None
        for i in range(runs + 1):  # run 0 is the warm-up
            r = None
            gc.collect()
            s = clock()
            r = run()
            e = clock() - s
            if i > 0:
                best = min(best, e)
        print(f"op={name} seconds={best:.6f} result={check(r)}", flush=True)
