#!/usr/bin/env bash
# run.sh - the Slurm recipe of docs/scale.md on a real single-node Slurm
# cluster (make test-slurm): munged, slurmctld and slurmd started here on
# loopback with their state in a temporary folder, a job array of 8 shards
# of `coda code --shard $SLURM_ARRAY_TASK_ID/8 --partial`, a merge job
# submitted with --dependency=afterok, and the merged files compared with
# one single-process run byte for byte.  Runs as root (slurmd starts the
# jobs) on Debian 12 with slurmctld, slurmd, slurm-client and munge
# installed (make slurm-deps).  The daemons' logs are printed on failure;
# they are stopped on exit, so the script can run again at once.
#
#   bash tests/slurm/run.sh
#
# Exits 0 when the merged result is the single run's, 1 otherwise.
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CODA=$ROOT/coda
CB=$ROOT/tests/fixtures/coding/codebook.csv
PORT=${CODA_SLURM_PORT:-16817}      # slurmctld; slurmd takes the next one
WAIT=${CODA_SLURM_WAIT:-300}        # seconds before the jobs count as hung
D=$(mktemp -d "${TMPDIR:-/tmp}/coda-slurm.XXXXXX") || exit 1
chmod 700 "$D"
PIDS=()

fail() {
    echo "FAIL test-slurm: $*"
    local log
    for log in "$D"/*.log "$D"/*.out "$D"/work/out/*.log; do
        [ -f "$log" ] && { echo "--- $log"; tail -n 40 "$log"; }
    done
    exit 1
}

stop() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
    rm -rf "$D"
}
trap stop EXIT

[ "$(id -u)" = 0 ] || { echo "test-slurm runs as root (slurmd starts the jobs)"; exit 1; }
for c in munged mungekey slurmctld slurmd sbatch scontrol; do
    command -v "$c" >/dev/null || fail "$c is not installed (make slurm-deps)"
done

# --- munge: its own key and socket ------------------------------------------
mkdir -p "$D/state" "$D/spool" "$D/work/out"
mungekey --create --keyfile="$D/munge.key" || fail "mungekey"
munged -F --force --socket="$D/munge.socket" --key-file="$D/munge.key" \
    --pid-file="$D/munged.pid" --log-file="$D/munged.log" \
    --seed-file="$D/munge.seed" >"$D/munged.out" 2>&1 &
PIDS+=($!)

# --- slurm.conf for this host: its real CPUs and memory (slurmd -C) --------
HOST=$(hostname -s)
NODE=$(slurmd -C | head -n 1 | sed -e "s/^NodeName=[^ ]*/NodeName=$HOST/")
cat >"$D/slurm.conf" <<CONF
ClusterName=codatest
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
AuthType=auth/munge
AuthInfo=socket=$D/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MinJobAge=600
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
$NODE NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=coda Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$D/slurm.conf

for _ in $(seq 50); do [ -S "$D/munge.socket" ] && break; sleep 0.1; done
[ -S "$D/munge.socket" ] || fail "munged did not start"
slurmctld -D -i >"$D/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -N "$HOST" >"$D/slurmd.out" 2>&1 &
PIDS+=($!)

# the node up and idle (a hang guard, not a timing assertion)
up=""
for _ in $(seq "$WAIT"); do
    if sinfo -h -o '%t' 2>/dev/null | grep -qx 'idle'; then up=1; break; fi
    sleep 1
done
[ -n "$up" ] || fail "the node did not come up: $(sinfo 2>&1)"

# --- the recipe of docs/scale.md ---------------------------------------------
# shellcheck source=tests/e2e/shard_corpus.sh
. "$ROOT/tests/e2e/shard_corpus.sh"
cd "$D/work" || fail "no work folder"
make_corpus corpus 40
export PATH=$ROOT:$PATH CB
JOB=$(sbatch --parsable --array=0-7 --output=out/code-%a.log \
      --wrap 'coda code --codebook $CB --ids path \
              --shard $SLURM_ARRAY_TASK_ID/8 \
              --out out/seg-$SLURM_ARRAY_TASK_ID.csv \
              --partial out/part-$SLURM_ARRAY_TASK_ID.json corpus/site1 corpus/site2') ||
    fail "sbatch of the array"
MERGE=$(sbatch --parsable --dependency=afterok:"$JOB" --output=out/merge.log \
        --wrap 'coda merge out/merged out/part-*.json') || fail "sbatch of the merge"

state=""
for _ in $(seq "$WAIT"); do
    state=$(scontrol show job "$MERGE" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
    case $state in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) break ;; esac
    sleep 1
done
[ "$state" = COMPLETED ] || fail "the merge job is ${state:-gone}: $(scontrol show job "$JOB" 2>&1 | grep -E 'JobId|JobState|Reason')"

# --- against one single-process run ------------------------------------------
"$CODA" code --codebook "$CB" --ids path --out all.csv --partial all.json \
    corpus/site1 corpus/site2 2>/dev/null || fail "the single run"
"$CODA" merge one all.json || fail "the single run's merge"
for f in frequencies.csv matrix.csv cooccurrence.csv summary.csv; do
    cmp "one/$f" "out/merged/$f" || fail "$f differs from the single run's"
done
[ "$(for f in out/seg-*.csv; do tail -n +2 "$f"; done | LC_ALL=C sort)" = \
  "$(tail -n +2 all.csv | LC_ALL=C sort)" ] || fail "the shards' segments differ from the single run's"
[ "$(wc -l <out/merged/shards.csv)" -eq 9 ] || fail "shards.csv does not list 8 shards"
echo "PASS test-slurm: 8 array tasks and the afterok merge job give the single run's files ($(tail -n +2 all.csv | wc -l) segments)"
