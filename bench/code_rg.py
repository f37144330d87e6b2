"""code_rg.py - ripgrep side of the coding benchmark: one `rg --count-matches` per code.

Run as: /usr/bin/python3 bench/code_rg.py CORPUS_DIR CODEBOOK [-P]
For each code of the codebook (one row per code; -i unless its flags hold "c", then -s) runs
  rg --no-config --no-ignore --count-matches -i|-s [-P] -e PATTERN -- CORPUS_DIR
over the corpus files (rg's default threads, one per core; its default Rust regex engine, or
PCRE2 with -P, reported as ripgrep-P) and times the calls
with a monotonic clock; their output is parsed after the clock stops. ripgrep reads the
files itself (from the page cache once warm), so its time includes reading and 40 process
starts; there is no separate load or compile step. CODE_RUNS (default 1) timed runs, best
kept. stdout: "doc<TAB>code<TAB>count" for every non-zero count; stderr: one
"code: tool=ripgrep ..." line.
"""
import csv
import os
import subprocess
import sys
import time

corpus_dir, book, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
runs = int(os.environ.get("CODE_RUNS", "1"))
with open(book, encoding="utf-8", newline="") as f:
    codes = [(r["code"], r["pattern"], "-s" if "c" in (r.get("flags") or "") else "-i")
             for r in csv.DictReader(f)]

best, outs = float("inf"), None
for _ in range(runs):
    res = []
    s = time.perf_counter()
    for code, pattern, case in codes:
        p = subprocess.run(["rg", "--no-config", "--no-ignore", "--count-matches", case,
                            *extra, "-e", pattern, "--", corpus_dir], capture_output=True, check=False)
        if p.returncode > 1:  # 1 is "no match"
            sys.exit(f"rg failed on {code}: {p.stderr.decode()}")
        res.append(p.stdout)
    e = time.perf_counter() - s
    if e < best:
        best, outs = e, res

counts, total = {}, 0
for (code, _, _), stdout in zip(codes, outs):
    for line in stdout.decode().splitlines():  # PATH:COUNT
        path, n = line.rsplit(":", 1)
        counts[(os.path.basename(path)[:-4], code)] = int(n)
        total += int(n)
for (doc, code), n in sorted(counts.items()):
    sys.stdout.write(f"{doc}\t{code}\t{n}\n")
ver = subprocess.run(["rg", "--version"], capture_output=True, text=True, check=True)
tool = "ripgrep-P" if "-P" in extra else "ripgrep"
print(f"code: tool={tool} version={ver.stdout.split()[1]} load_s=n/a compile_s=n/a "
      f"code_s={best:.3f} segments={total}", file=sys.stderr)
