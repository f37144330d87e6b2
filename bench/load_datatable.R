# load_datatable.R - peer loader: data.table::fread (default threads) on the file argument, prints rows=N.
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(data.table))
message("fread threads=", getDTthreads())  # stderr, for the record
dt <- fread(args[1])
cat(sprintf("rows=%d\n", nrow(dt)))
