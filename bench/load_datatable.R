# load_datatable.R - peer loader: data.table::fread (all cores) on the file argument, prints rows=N.
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(data.table))
message("fread threads=", getDTthreads())  # stderr, for the record
setDTthreads(0)  # every core, as coda and DuckDB use
dt <- fread(args[1])
cat(sprintf("rows=%d\n", nrow(dt)))
