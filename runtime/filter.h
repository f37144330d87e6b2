/* filter.h - choosing the rows of a Dataset by comparing one column with
 * values, in C.
 *
 * Missing values match no comparison (as in SQL): use CODA_OP_MISSING or
 * CODA_OP_PRESENT to select them.  Strings compare bytewise. */
#ifndef CODA_FILTER_H
#define CODA_FILTER_H

#include "base_api.h"

#include "table.h"

typedef enum {
    CODA_OP_EQ, CODA_OP_NE, CODA_OP_LT, CODA_OP_LE, CODA_OP_GT, CODA_OP_GE,
    CODA_OP_IN,       /* equal to any of the values; for multi: holds any */
    CODA_OP_HAS,      /* multi column holds the label (all of them, if several) */
    CODA_OP_MISSING,  /* the value is missing (no values) */
    CODA_OP_PRESENT   /* the value is not missing (no values) */
} coda_op;

/* A value to compare with; type is CODA_INTEGER, CODA_NUMBER, CODA_STRING
 * or CODA_BOOLEAN. */
typedef struct coda_value {
    coda_type type;
    int64_t i;
    double d;
    int b;
    const char *s;
    size_t len;
} coda_value;

/* 1 when row r of col (not multi) is not missing and equals v (numbers
 * compare numerically across integer and number). */
CODA_API
int coda_value_equals(const coda_column *col, size_t r, const coda_value *v);

/* Parse "==", "~=" (or "!="), "<", "<=", ">", ">=", "in", "has", "missing",
 * "present"; returns 0 when unknown. */
CODA_API
int coda_op_parse(const char *name, coda_op *op);

/* The 0-based indices of the rows of t whose column col satisfies op with
 * vals[0..nvals), in order, in a new array *rows (caller frees with
 * coda_free) of *nrows entries.  CODA_ETYPE when the values cannot be
 * compared with the column (message says which), CODA_EARG for a wrong
 * number of values, CODA_ENOMEM. */
CODA_API
coda_status coda_filter_rows(const coda_table *t, size_t col, coda_op op,
                             const coda_value *vals, size_t nvals,
                             size_t **rows, size_t *nrows, coda_error *err);

/* One condition: column col satisfies op with vals[0..nvals) (the caller
 * owns vals and what they point to). */
typedef struct coda_cond {
    size_t col;
    coda_op op;
    const coda_value *vals;
    size_t nvals;
} coda_cond;

/* Set logic over conditions: a row is chosen when it satisfies every
 * condition of all, at least one of any (only when any_given; an empty
 * any then chooses nothing) and none of none. */
typedef struct coda_where {
    const coda_cond *all;
    size_t nall;
    const coda_cond *any;
    size_t nany;
    const coda_cond *none;
    size_t nnone;
    int any_given;
} coda_where;

/* CODA_OK when c can be tested on t; otherwise the error coda_filter_rows
 * would give (CODA_ETYPE, CODA_EARG). */
coda_status coda_cond_check(const coda_table *t, const coda_cond *c,
                            coda_error *err);

/* The 0-based indices of the rows of t that w chooses, in order, in a new
 * array *rows (caller frees with coda_free) of *nrows entries.  Errors as
 * coda_filter_rows, for the first condition (all, any, none in turn) that
 * cannot be tested; CODA_ENOMEM. */
coda_status coda_filter_where(const coda_table *t, const coda_where *w,
                              size_t **rows, size_t *nrows, coda_error *err);

#endif
