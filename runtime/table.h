/* table.h - the Dataset: a columnar table of typed columns with a missing mask.
 *
 * Ownership: a coda_table owns its column arrays and names; its strings live
 * in pools it holds references to, and a multi column's labels in a
 * vocabulary it holds a reference to.  coda_table_free releases everything.
 * Derived tables (take, select) share pools and vocabularies, never arrays;
 * a table made by coda_table_share borrows its base's arrays and holds a
 * reference to the base, which is freed when the last holder frees it.
 * Functions returning coda_status leave *out untouched on failure and free
 * whatever they built. */
#ifndef CODA_TABLE_H
#define CODA_TABLE_H

#include "base_error.h"
#include "table_labels.h"
#include "base_pool.h"
#include "table_meta.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef enum {
    CODA_INTEGER,
    CODA_NUMBER,
    CODA_STRING,
    CODA_BOOLEAN,
    CODA_MULTI
} coda_type;

typedef struct coda_column {
    char *name;
    coda_type type;
    int borrowed;               /* arrays belong to the table's base */
    uint8_t *missing;           /* NULL when nothing is missing; else 1 byte a row */
    union {
        int64_t *i;             /* CODA_INTEGER */
        double *d;              /* CODA_NUMBER */
        uint8_t *b;             /* CODA_BOOLEAN: 0 or 1 */
        struct {                /* CODA_STRING: p[r] NUL-terminated, in a pool */
            const char **p;
            uint32_t *len;
        } s;
        struct {                /* CODA_MULTI: row r holds ids[off[r] .. off[r+1]) */
            uint64_t *off;      /* nrow + 1 entries */
            uint32_t *ids;
            coda_labels *labels;
        } m;
    } v;
    struct coda_colmeta *meta;  /* NULL, or labels and levels (table_meta.h),
                                   shared with the columns derived from it */
} coda_column;

typedef struct coda_table {
    size_t nrow, ncol;
    coda_column *cols;
    coda_pool **pools;          /* string storage referenced by string columns */
    size_t npools, poolcap;
    int refs;                   /* holders besides the first (shares) */
    struct coda_table *base;    /* whose arrays borrowed columns point into */
    struct coda_kept *kept;     /* NULL, or what is kept of its columns'
                                   values (table_kept.c) */
} coda_table;

/* "integer", "number", "string", "boolean", "multi". */
CODA_API
const char *coda_type_name(coda_type t);
/* Parse a type name; returns 0 when unknown. */
CODA_API
int coda_type_parse(const char *name, coda_type *t);

/* A table of nrow rows and ncol unnamed columns, each to be set up with
 * coda_table_init_column before use.  CODA_ENOMEM. */
CODA_API
coda_status coda_table_create(size_t nrow, size_t ncol, coda_table **out);

/* Name column c and allocate its arrays for nrow rows, every value zero,
 * empty string or empty set, nothing missing.  CODA_ENOMEM. */
CODA_API
coda_status coda_table_init_column(coda_table *t, size_t c, const char *name,
                                   coda_type type);

/* Drop a reference to t (NULL allowed): the last one frees it. */
CODA_API
void coda_table_free(coda_table *t);

/* A new table with t's columns borrowed, not copied (t gains a reference
 * until *out is freed): adding or replacing a column of *out leaves t as
 * it is, and a set_* call on a borrowed column copies it first.  Only
 * those functions may write into *out's columns.  CODA_ENOMEM. */
CODA_API
coda_status coda_table_share(coda_table *t, coda_table **out);

/* The index of the column called name, or -1. */
CODA_API
long coda_table_find(const coda_table *t, const char *name);

/* The name of t's column closest to name (a few edits apart, letters'
 * case aside), for a "did you mean"; NULL when none is close. */
const char *coda_table_nearest(const coda_table *t, const char *name);

static inline int coda_is_missing(const coda_column *col, size_t r)
{
    return col->missing && col->missing[r];
}

/* Strings (or labels) compared bytewise, a prefix first: -1, 0 or 1. */
static inline int coda_bytes_cmp(const char *a, size_t la, const char *b,
                                 size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);
    return c ? (c < 0 ? -1 : 1) : (la > lb) - (la < lb);
}

/* Add a column called name of type to t (zero values, nothing missing),
 * or replace the column of that name; its index in *c.  CODA_ENOMEM. */
CODA_API
coda_status coda_table_add_column(coda_table *t, const char *name,
                                  coda_type type, size_t *c);

/* The same, but a number, integer or boolean column's values are left
 * unset (no zeroing pass over them): for a caller that writes them all. */
coda_status coda_table_add_values(coda_table *t, const char *name,
                                  coda_type type, size_t *c);

/* Mark row r of column c missing.  CODA_ENOMEM. */
CODA_API
coda_status coda_table_set_missing(coda_table *t, size_t c, size_t r);

/* Copy s[0..len) into the table's own pool as row r of string column c. */
CODA_API
coda_status coda_table_set_string(coda_table *t, size_t c, size_t r,
                                  const char *s, size_t len);

/* Set row r of multi column c to the labels ids[0..k) of its vocabulary.
 * Rows must be set in order 0, 1, 2, ... (the offsets are cumulative). */
CODA_API
coda_status coda_table_set_multi(coda_table *t, size_t c, size_t r,
                                 const uint32_t *ids, size_t k);

/* Add a reference from t to pool p (so t's strings may point into p). */
CODA_API
coda_status coda_table_add_pool(coda_table *t, coda_pool *p);

/* A new table holding rows rows[0..k) of t, in that order (0-based). */
CODA_API
coda_status coda_table_take(const coda_table *t, const size_t *rows, size_t k,
                            coda_table **out);

/* A new table of t's columns cols[0..k) in that order (repeats allowed). */
CODA_API
coda_status coda_table_select(const coda_table *t, const size_t *cols, size_t k,
                              coda_table **out);

/* Fill column c of dst (which has k rows) as a copy of src's column sc at
 * rows[0..k), named name; dst takes references to src's pools and the
 * column's vocabulary.  CODA_ENOMEM. */
CODA_API
coda_status coda_table_gather_column(coda_table *dst, size_t c,
                                     const char *name, const coda_table *src,
                                     size_t sc, const size_t *rows, size_t k);

/* coda_table_gather_column for src's columns scols[0..nc) into dst's
 * columns c .. c + nc - 1, each keeping its name, the columns' rows
 * copied on threads.  On failure the columns not filled are left empty
 * (coda_table_free frees them).  CODA_ENOMEM. */
coda_status coda_table_gather_columns(coda_table *dst, size_t c,
                                      const coda_table *src,
                                      const size_t *scols, size_t nc,
                                      const size_t *rows, size_t k);

/* Column c of dst (which has k rows) made ready to hold src's column sc
 * at k rows given later, piece by piece (coda_table_gather_into): named
 * as sc, its arrays allocated, dst referencing src's pools.  Not for a
 * multi column (CODA_ETYPE).  On failure column c is left empty.
 * CODA_ENOMEM. */
coda_status coda_table_gather_prepare(coda_table *dst, size_t c,
                                      const coda_table *src, size_t sc,
                                      size_t k);

/* Rows rows[0..n) of src's column sc into rows at .. at + n - 1 of dst's
 * column c (made ready by coda_table_gather_prepare).  Threads may fill
 * ranges that do not overlap at the same time. */
void coda_table_gather_into(coda_table *dst, size_t c, const coda_table *src,
                            size_t sc, size_t at, const size_t *rows,
                            size_t n);

/* Kept with a column's values (table_kept.c): what grouping works out
 * from a key column (its ranks), held by the table owning the column's
 * arrays until coda_table_set_* or a replacement writes the column, or
 * that table is freed.  So a column's arrays are written directly only
 * while its table is built, before anything groups by it.  Nothing is
 * kept for a table of fewer than 65,536 rows, a multi column, a string
 * column with levels, or when the environment variable CODA_KEEP_RANKS
 * is 0. */

/* What is kept for column c of t, or NULL. */
const void *coda_table_kept(const coda_table *t, size_t c);

/* Keep data for column c of t: 1 when it is kept (free_fn(data) frees it
 * later), 0 when not (the caller keeps it: nothing is kept for such a
 * column, something already is, or memory ran out). */
int coda_table_keep(const coda_table *t, size_t c, void *data,
                    void (*free_fn)(void *));

/* Free what is kept for t's own column c (a value of it is about to be
 * written, or the column replaced); every column's, with the table. */
void coda_table_forget(coda_table *t, size_t c);
void coda_table_forget_all(coda_table *t);

/* 1 when row r of multi column col holds label id. */
CODA_API
int coda_multi_has(const coda_column *col, size_t r, uint32_t id);

#endif
