# timing.R - what the R benchmark scripts share (source()d by agg_datatable.R and
# groupby_datatable.R): a monotonic clock and the timing of each op in-process.
# AGG_CLOCK_SO names a shared object built from agg_clock.c; without it the timing falls back
# to proc.time()'s elapsed (wall clock), with a note on stderr.
so <- Sys.getenv("AGG_CLOCK_SO")
if (nzchar(so) && file.exists(so)) {
    dyn.load(so)
    clock <- function() .C("agg_clock_mono", t = double(1))$t
} else {
    message("timing.R: no AGG_CLOCK_SO, timing with proc.time() (wall clock)")
    clock <- function() proc.time()[["elapsed"]]
}

# For each op (a named list of functions) named in want (all when empty): 1 warm-up run,
# then the best of runs, printed as "op=NAME seconds=S result=CHECK", CHECK = check(name, r).
run_ops <- function(ops, check, runs, want) {
    for (name in names(ops)) {
        if (length(want) && !(name %in% want)) next
        best <- Inf
        for (i in 0:runs) {  # run 0 is the warm-up
            r <- NULL
            invisible(gc(FALSE))
            s <- clock()
            r <- ops[[name]]()
            e <- clock() - s
            if (i > 0) best <- min(best, e)
        }
        cat(sprintf("op=%s seconds=%.6f result=%s\n", name, best, check(name, r)))
    }
}
