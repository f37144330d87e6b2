/* fmt_int.h - what the readers of analysts' files share (internal): columns
 * gathered cell by cell, each cell a number, a text, a truth value or
 * missing, turned into a Dataset column of the type its cells fit. */
#ifndef CODA_FMT_INT_H
#define CODA_FMT_INT_H

#include "base_pool.h"
#include "base_strbuf.h"
#include "table.h"

enum { FMT_MISSING, FMT_NUM, FMT_STR, FMT_BOOL };

/* The most cells (rows times columns) a reader gathers: a compressed file
 * can claim far more than its size. */
#define FMT_MAX_CELLS ((size_t)1 << 28)

typedef struct fmt_col {
    char *name;
    int is_string;          /* the file declares the column text */
    size_t n, cap;          /* cells 0 .. n-1 (missing past n) */
    unsigned char *kind;
    double *d;              /* FMT_NUM, FMT_BOOL (0 or 1) */
    const char **s;         /* FMT_STR: in the builder's pool */
    uint32_t *len;
    coda_colmeta *meta;     /* NULL, or the column's labels */
} fmt_col;

typedef struct fmt_cols {
    fmt_col *c;
    size_t n, cap;
    coda_pool *pool;
    size_t nrow;            /* the largest row set, plus one */
} fmt_cols;

/* An empty builder.  CODA_ENOMEM. */
CODA_INTERNAL coda_status fmt_cols_init(fmt_cols *b);
CODA_INTERNAL void fmt_cols_free(fmt_cols *b);

/* Add a column called name (a copy); its index in *i.  CODA_ENOMEM. */
CODA_INTERNAL coda_status fmt_cols_add(fmt_cols *b, const char *name,
                                       size_t *i);

/* Set cell r of column i to a number, a text s[0..len) (copied) or a
 * truth value.  CODA_ENOMEM, CODA_ELIMIT (past 2^32 - 2 rows). */
CODA_INTERNAL coda_status fmt_cols_num(fmt_cols *b, size_t i, size_t r,
                                       double d);
CODA_INTERNAL coda_status fmt_cols_str(fmt_cols *b, size_t i, size_t r,
                                       const char *s, size_t len);
CODA_INTERNAL coda_status fmt_cols_bool(fmt_cols *b, size_t i, size_t r,
                                        int v);

/* The Dataset of b's columns, b->nrow rows: a column of numbers only is
 * integer when every one is whole (and within 2^53), number otherwise; of
 * truth values only boolean; any text makes it a string column (numbers
 * written as the shortest text that reads back the same); a column with
 * no value at all is a string column (numeric when the file said so).
 * Names must be unique (the caller checks).  Columns keep their meta.
 * CODA_ENOMEM. */
CODA_INTERNAL coda_status fmt_cols_table(fmt_cols *b, coda_table **out);

/* CODA_EIO naming path unless it is a regular file (a reader would wait
 * on a FIFO and read a device for ever); notes it as read (inputs.h).
 * CODA_ENOMEM. */
CODA_INTERNAL coda_status fmt_input_file(const char *path, coda_error *err);

/* Row r of multi column col, its labels joined with ";", in b (emptied
 * first; NUL-terminated); NULL when out of memory. */
CODA_INTERNAL const char *fmt_multi_text(const coda_column *col, size_t r,
                                         coda_strbuf *b);

/* The shortest "%.*g" text of d that reads back as d, into buf (32 bytes);
 * its length. */
CODA_INTERNAL size_t fmt_num_text(double d, char *buf);

#endif
