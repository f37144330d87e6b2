# stats_survey.R - the survey-statistics benchmark, R survey's side:
# Rscript bench/stats_survey.R FILE.  Loads FILE once (data.table's
# fread), then times svydesign, svymean and svyby (1 warm-up, best of
# STATS_RUNS_R, default 3) and prints "op=NAME seconds=S result=...".
suppressMessages({ library(survey); library(data.table) })
file <- commandArgs(trailingOnly = TRUE)[1]
runs <- as.integer(Sys.getenv("STATS_RUNS_R", "3"))
df <- as.data.frame(fread(file))
clock <- function() as.numeric(proc.time()[["elapsed"]])
time <- function(name, fn) {
  fn()
  best <- Inf
  for (i in seq_len(runs)) {
    t0 <- clock(); res <- fn(); best <- min(best, clock() - t0)
  }
  cat(sprintf("op=%s seconds=%.4f result=%s\n", name, best, res))
}
mk <- function() svydesign(ids = ~psu, strata = ~stratum, weights = ~w,
                           nest = TRUE, data = df)
d <- mk()
time("design", function() { mk(); "2000 PSUs" })
time("svymean", function() {
  m <- svymean(~y, d)
  sprintf("%.10g/%.10g", coef(m), SE(m))
})
time("svyby", function() {
  m <- svyby(~y, ~g, d, svymean)
  sprintf("%.10g/%.10g", coef(m)[1], SE(m)[1])
})
