/* csv_io.h - loading RFC 4180 CSV into a Dataset, and writing one back.
 *
 * Loading reads the input in blocks through coda's own scanner, which hands
 * on fields as libcsv would (input libcsv reads leniently, such as text
 * after a closing quote, is parsed by libcsv itself); a file of several
 * megabytes is split at record boundaries (a quote-aware split, verified
 * against the parser's own state) and its parts are parsed in parallel, one
 * a thread, giving the same table as a sequential parse.
 *
 * Ownership: on success *out is a new table the caller frees with
 * coda_table_free; on failure *out is untouched, nothing is leaked, and err
 * names the file, the physical line (newlines inside quoted fields count)
 * and what was wrong. */
#ifndef CODA_CSV_H
#define CODA_CSV_H

#include "base_error.h"
#include "table.h"

#include <stddef.h>
#include <stdio.h>

/* Fields read as missing in one column only (besides the global na). */
typedef struct coda_csv_na {
    const char *col;
    const char *const *vals;
    size_t n;
} coda_csv_na;

typedef struct coda_csv_opts {
    int infer;                  /* 1: infer integer/number/boolean/string;
                                   0: every column a string, exact text */
    unsigned char delim;        /* field separator, ',' */
    const char *const *na;      /* further fields read as missing (exact match) */
    size_t nna;
    const coda_csv_na *col_na;  /* per-column missing values */
    size_t ncol_na;
    char decimal;               /* decimal mark of numbers: '.' (0) or ',' */
    char thousands;             /* digit group mark ('.', ',', ' ', '\'') or
                                   0: "1.234.567,5" with '.' and ',' */
    const char *const *type_cols;   /* per-column type overrides ... */
    const coda_type *types;         /* ... types[i] for type_cols[i] */
    size_t ntypes;
    const char *const *multi_cols;  /* multi-select columns ... */
    const char *const *multi_seps;  /* ... split on multi_seps[i] (non-empty) */
    size_t nmulti;
    int threads;                /* parsing threads; 0 = one per core */
    size_t block;               /* bytes handed to the parser at once; 0 = 1 MiB */
    size_t min_chunk;           /* smallest part worth a thread; 0 = 4 MiB */
    const char *line_col;       /* non-NULL: add a last integer column of
                                   this name (one the header lacks; "" never
                                   clashes), each record's first physical
                                   line in the file */
} coda_csv_opts;

/* Defaults: infer = 1, delim = ',', everything else 0/NULL.  With a
 * decimal mark or a thousands mark, a number is what reads as one with
 * those marks (digit groups of three after a thousands mark; a '.' that is
 * neither mark is text); the marks must differ from each other and from
 * delim. */
CODA_API
void coda_csv_opts_init(coda_csv_opts *o);

/* Load the CSV file at path (a regular file, a pipe or a device).  opts may
 * be NULL for the defaults.  Empty unquoted fields are missing; a quoted
 * empty field is the empty string in a string column and missing elsewhere.
 * A quoted value of an inferred column is text, not a number or boolean,
 * unless the file quotes every non-empty field (header included) and some
 * without need (a quote-all export): then quotes say nothing.
 * A UTF-8 byte-order mark is skipped; blank lines are skipped, except in a
 * one-column input, where a blank line is a record with a missing value.
 * Errors: CODA_EIO (cannot open/read), CODA_EPARSE (unterminated quote, wrong
 * field count, empty or duplicate header name, empty file), CODA_EUTF8,
 * CODA_ETYPE (a value that does not fit an overridden type), CODA_EARG (an
 * option names no column, naming the closest; marks that clash),
 * CODA_ENOMEM, CODA_ELIMIT. */
CODA_API
coda_status coda_csv_load(const char *path, const coda_csv_opts *opts,
                          coda_table **out, coda_error *err);

/* The same for len bytes in memory; name is used in error messages. */
CODA_API
coda_status coda_csv_load_mem(const char *data, size_t len, const char *name,
                              const coda_csv_opts *opts, coda_table **out,
                              coda_error *err);

/* Write t as RFC 4180 CSV (CRLF-free: LF line ends, header first) to path,
 * through a temporary file in the same folder renamed over path at the end,
 * so path is never left half-written.  Strings are quoted when they contain
 * the separator, a quote, CR or LF, leading/trailing spaces, or are empty
 * (so "" stays distinct from missing, which is written as nothing), or
 * would read back as an integer, number or boolean (007, true: quoted, the
 * loader keeps them text); nothing else is quoted.  Multi values are
 * joined with sep (NULL: ";").  Numbers are written with the shortest
 * representation that reads back to the same double.
 * Errors: CODA_EARG (what would not read back as written: sep empty or
 * holding a line end or quote; a multi label holding sep, empty, with a
 * space or tab at either end; a set whose labels joined with sep would
 * split elsewhere; a NaN or infinity; text or a name that is
 * not UTF-8; an empty or repeated column name), CODA_EIO (naming path),
 * CODA_ENOMEM. */
CODA_API
coda_status coda_csv_write(const coda_table *t, const char *path,
                           const char *sep, coda_error *err);

/* The same to fp, which stays open: the header line first when header
 * (a table written in parts: the first part's), then the rows.  After an
 * error, abort the file (what was written of the part is not whole). */
CODA_INTERNAL
coda_status coda_csv_write_fp(const coda_table *t, FILE *fp, const char *sep,
                              int header, coda_error *err);

#endif
