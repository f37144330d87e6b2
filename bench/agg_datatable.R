# agg_datatable.R - data.table side of the aggregation benchmark: load once, time each op in-process.
# Run as: Rscript bench/agg_datatable.R FILE [OP ...]. AGG_RUNS (default 5) timed runs after 1
# warm-up, best printed as "op=NAME seconds=S result=CHECKSUM". Load time on stderr.
# AGG_DT_THREADS sets data.table's threads (default 0, every core; run_ops.sh sets 2).
# The clock and the timing loop are timing.R's (AGG_CLOCK_SO: agg_clock.c built).
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(data.table))
setDTthreads(as.integer(Sys.getenv("AGG_DT_THREADS", "0")))  # 0: every core
runs <- as.integer(Sys.getenv("AGG_RUNS", "5"))

script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE)[1]))
source(file.path(script_dir, "timing.R"))

t0 <- clock()
dt <- fread(args[1])
message(sprintf("agg: tool=data.table version=%s threads=%d load_s=%.3f rows=%d",
                format(packageVersion("data.table")), getDTthreads(), clock() - t0, nrow(dt)))

# strsplit on the column vector, then one grouped count: faster here than building the
# label column inside dt[, .(lab = unlist(strsplit(areas, ...)))] (see bench/README.md)
ops <- list(
    multi_freq = function()
        data.table(lab = unlist(strsplit(dt$areas, ";", fixed = TRUE)))[, .N, by = lab],
    state_x_multi = function() {
        s <- strsplit(dt$areas, ";", fixed = TRUE)
        data.table(state = rep(dt$state, lengths(s)), lab = unlist(s))[, .N, by = .(state, lab)]
    },
    mean_by_group = function() dt[, .(m = mean(income, na.rm = TRUE)), by = state],
    median_by_group = function() dt[, .(m = median(income, na.rm = TRUE)), by = state],
    mean_by_two_keys = function() dt[, .(m = mean(income, na.rm = TRUE)), by = .(state, consent)],
    filter_group_mean = function() dt[age >= 40, .(m = mean(income, na.rm = TRUE)), by = state]
)
# groups, the sum of m and the sum of rank * m with the groups in key order (data.table's
# order: strings bytewise, FALSE before TRUE), left to right like the other tools
means_sum <- function(r, keys) {
    r <- setorderv(copy(r), keys)
    s <- 0
    w <- 0
    for (i in seq_len(nrow(r))) {
        s <- s + r$m[i]
        w <- w + i * r$m[i]
    }
    sprintf("groups:%d,sum:%.17g,ranked:%.17g", nrow(r), s, w)
}
checks <- list(
    multi_freq = function(r) sprintf("total:%.0f,rescue:%d,cells:%d", sum(as.numeric(r$N)),
                                     sum(r[lab == "rescue", N]), sum(r$N > 0)),
    state_x_multi = function(r) sprintf("total:%.0f,Assam/rescue:%d,cells:%d", sum(as.numeric(r$N)),
                                        sum(r[state == "Assam" & lab == "rescue", N]), sum(r$N > 0)),
    mean_by_group = function(r) {
        r <- r[!is.na(state) & !is.na(m)][order(state)]
        s <- 0
        for (x in r$m) s <- s + x  # left to right, like the other tools
        sprintf("groups:%d,sum_means:%.6f", nrow(r), s)
    },
    median_by_group = function(r) means_sum(r, "state"),
    mean_by_two_keys = function(r) means_sum(r, c("state", "consent")),
    filter_group_mean = function(r) means_sum(r, "state")
)

run_ops(ops, function(name, r) checks[[name]](r), runs, args[-1])
