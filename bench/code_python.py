"""code_python.py - Python `re` side of the coding benchmark.

Run as: /usr/bin/python3 bench/code_python.py CORPUS_DIR CODEBOOK
Loads every .txt file of CORPUS_DIR (sorted) and compiles the codebook (one row per code;
case-insensitive unless its flags hold "c"), then times the coding: for each document and
code, len(rx.findall(text)) over the whole document. Single-threaded. CODE_RUNS (default 1)
timed runs, best kept. stdout: "doc<TAB>code<TAB>count" for every non-zero count; stderr: one
"code: tool=python ..." line.
"""
import csv
import os
import re
import sys
import time

corpus_dir, book = sys.argv[1], sys.argv[2]
runs = int(os.environ.get("CODE_RUNS", "1"))

t0 = time.perf_counter()
names = sorted(f for f in os.listdir(corpus_dir) if f.endswith(".txt"))
docs = []
for name in names:
    with open(os.path.join(corpus_dir, name), encoding="utf-8") as f:
        docs.append((name[:-4], f.read()))
load_s = time.perf_counter() - t0

t0 = time.perf_counter()
with open(book, encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
codes = [(r["code"], re.compile(r["pattern"], 0 if "c" in (r.get("flags") or "") else re.I))
         for r in rows]
compile_s = time.perf_counter() - t0

best = float("inf")
for _ in range(runs):
    s = time.perf_counter()
    counts = [[len(rx.findall(text)) for _, rx in codes] for _, text in docs]
    best = min(best, time.perf_counter() - s)

out = sys.stdout
for (doc, _), row in zip(docs, counts):
    for (code, _), n in zip(codes, row):
        if n:
            out.write(f"{doc}\t{code}\t{n}\n")
print(f"code: tool=python version={sys.version.split()[0]} load_s={load_s:.3f} "
      f"compile_s={compile_s:.3f} code_s={best:.3f} segments={sum(map(sum, counts))}",
      file=sys.stderr)
