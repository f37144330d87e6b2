# groupby_datatable.R - data.table side of the db-benchmark group-by questions: load once, time each.
# Run as: Rscript bench/groupby_datatable.R FILE [QUESTION ...]. GB_RUNS (default 3) timed runs
# after 1 warm-up, best printed as "op=qN seconds=S result=CHECKSUM". Load time on stderr.
# Questions and load as db-benchmark's data.table solution (fread with stringsAsFactors = TRUE),
# on 2 threads. The clock and the timing loop are timing.R's (AGG_CLOCK_SO: agg_clock.c built).
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(data.table))
setDTthreads(2)
runs <- as.integer(Sys.getenv("GB_RUNS", "3"))

script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE)[1]))
source(file.path(script_dir, "timing.R"))

t0 <- clock()
x <- fread(args[1], showProgress = FALSE, stringsAsFactors = TRUE)
message(sprintf("agg: tool=data.table version=%s threads=%d load_s=%.3f rows=%d",
                format(packageVersion("data.table")), getDTthreads(), clock() - t0, nrow(x)))

qs <- list(
    q1 = list(function() x[, .(v1 = sum(v1)), by = id1], "v1"),
    q2 = list(function() x[, .(v1 = sum(v1)), by = .(id1, id2)], "v1"),
    q3 = list(function() x[, .(v1 = sum(v1), v3 = mean(v3)), by = id3], c("v1", "v3")),
    q4 = list(function() x[, lapply(.SD, mean), by = id4, .SDcols = v1:v3], c("v1", "v2", "v3")),
    q5 = list(function() x[, lapply(.SD, sum), by = id6, .SDcols = v1:v3], c("v1", "v2", "v3")),
    q6 = list(function() x[, .(median_v3 = median(v3), sd_v3 = sd(v3)), by = .(id4, id5)],
              c("median_v3", "sd_v3")),
    q7 = list(function() x[, .(range_v1_v2 = max(v1) - min(v2)), by = id3], "range_v1_v2"),
    q8 = list(function() x[order(-v3), .(v3 = head(v3, 2L)), by = id6], "v3"),
    q9 = list(function() x[, .(r2 = cor(v1, v2)^2), by = .(id2, id4)], "r2"),
    q10 = list(function() x[, .(v3 = sum(v3), count = .N), by = id1:id6], c("v3", "count"))
)

# "rows:N,col:sum,...": integer sums exact, number sums as %.17g
chk <- function(r, cols) {
    parts <- sprintf("rows:%d", nrow(r))
    for (c in cols) {
        v <- r[[c]]
        s <- if (is.integer(v)) sprintf("%.0f", sum(as.numeric(v))) else sprintf("%.17g", sum(v))
        parts <- c(parts, paste0(c, ":", s))
    }
    paste(parts, collapse = ",")
}

run_ops(lapply(qs, `[[`, 1), function(name, r) chk(r, qs[[name]][[2]]), runs, args[-1])
