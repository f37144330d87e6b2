#!/usr/bin/env bash
# deps.sh - install the peers used by run_load.sh, run_agg.sh and run_code.sh (benchmarking only,
# never tests).
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages: pandas for /usr/bin/python3, data.table for Rscript, GNU time; for the coding
# benchmark ripgrep and stringi for Rscript.
pkgs=()
/usr/bin/python3 -c 'import pandas' 2>/dev/null || pkgs+=(python3-pandas)
Rscript -e 'library(data.table)' >/dev/null 2>&1 || pkgs+=(r-cran-data.table)
[ -x /usr/bin/time ] || pkgs+=(time)
command -v rg >/dev/null || pkgs+=(ripgrep)
Rscript -e 'library(stringi)' >/dev/null 2>&1 || pkgs+=(r-cran-stringi)
if [ "${#pkgs[@]}" -gt 0 ]; then
    cmd="apt-get install -y ${pkgs[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "deps.sh: not root; run as root: $cmd" >&2
        exit 1
    fi
    # a fresh machine has no package lists yet
    if ! apt-cache show "${pkgs[0]}" >/dev/null 2>&1; then apt-get update -q; fi
    DEBIAN_FRONTEND=noninteractive $cmd
fi

# DuckDB for node, kept under bench/node/ (git-ignored).
if [ ! -d node/node_modules/@duckdb/node-api ]; then
    npm install --prefix node --no-audit --no-fund @duckdb/node-api
fi
echo "deps.sh: peers ready"
