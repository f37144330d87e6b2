# code_stringi.R - R stringi (ICU regex) side of the coding benchmark.
# Run as: Rscript bench/code_stringi.R CORPUS_DIR CODEBOOK
# Loads every .txt file of CORPUS_DIR (sorted) and reads the codebook (one row per code;
# case-insensitive unless its flags hold "c"), then times the coding: per code, one vectorised
# stri_count_regex over all documents (ICU compiles the pattern inside the call, so there is no
# separate compile step). Single-threaded. CODE_RUNS (default 1) timed runs, best kept; wall
# clock from proc.time(). stdout: "doc<TAB>code<TAB>count" for every non-zero count; stderr:
# one "code: tool=stringi ..." line.
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(stringi))
runs <- as.integer(Sys.getenv("CODE_RUNS", "1"))
clock <- function() proc.time()[["elapsed"]]

t0 <- clock()
files <- sort(list.files(args[1], pattern = "\\.txt$", full.names = TRUE), method = "radix")
text <- vapply(files, function(f) readChar(f, file.size(f), useBytes = TRUE), "", USE.NAMES = FALSE)
text <- stri_enc_toutf8(text, is_unknown_8bit = FALSE)
doc <- sub("\\.txt$", "", basename(files))
load_s <- clock() - t0

cb <- read.csv(args[2], colClasses = "character", encoding = "UTF-8")
ci <- !grepl("c", cb$flags, fixed = TRUE)

best <- Inf
for (r in seq_len(runs)) {
    s <- clock()
    counts <- vapply(seq_len(nrow(cb)), function(j)
        stri_count_regex(text, cb$pattern[j], case_insensitive = ci[j]), integer(length(text)))
    best <- min(best, clock() - s)
}

nz <- which(counts > 0, arr.ind = TRUE)
nz <- nz[order(nz[, 1], nz[, 2]), , drop = FALSE]
cat(sprintf("%s\t%s\t%d\n", doc[nz[, 1]], cb$code[nz[, 2]], counts[nz]), sep = "")
message(sprintf("code: tool=stringi version=%s icu=%s load_s=%.3f compile_s=0 code_s=%.3f segments=%.0f",
                format(packageVersion("stringi")), suppressWarnings(stri_info())$ICU.version, load_s, best, sum(counts)))
