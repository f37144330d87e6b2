/* shape.h - reshaping Datasets: sort, rename, join, unnest, nest, pivot. */
#ifndef CODA_SHAPE_H
#define CODA_SHAPE_H

#include "base_api.h"

#include "filter.h"
#include "table.h"

typedef struct coda_sortkey {
    size_t col;
    int desc;          /* 1: descending */
} coda_sortkey;

/* Rows of t ordered by keys[0..nk) (stable; missing values last in either
 * direction).  CODA_ENOMEM. */
CODA_API
coda_status coda_sort(const coda_table *t, const coda_sortkey *keys, size_t nk,
                      coda_table **out, coda_error *err);

/* A copy of t with column c called name.  CODA_EARG if another column has
 * that name. */
CODA_API
coda_status coda_rename(const coda_table *t, size_t c, const char *name,
                        coda_table **out, coda_error *err);

typedef enum { CODA_JOIN_INNER, CODA_JOIN_LEFT } coda_join_how;

typedef enum {
    CODA_JOIN_MANY_TO_MANY,  /* no check */
    CODA_JOIN_ONE_TO_ONE,    /* keys unique on both sides */
    CODA_JOIN_MANY_TO_ONE,   /* keys unique on the right */
    CODA_JOIN_ONE_TO_MANY    /* keys unique on the left */
} coda_join_check;

/* Rows of a joined with the rows of b whose key columns bk[0..nk) equal
 * a's ak[0..nk): a's columns then b's other columns (a name a already has
 * gets suffix appended).  Inner: only matched rows; left: every row of a,
 * b's columns missing where nothing matched.  Rows follow a's order, then
 * b's.  Missing keys match nothing.  CODA_EARG when a check fails (names the
 * key value and how often it occurs) or key types differ; CODA_ENOMEM. */
CODA_API
coda_status coda_join(const coda_table *a, const coda_table *b,
                      const size_t *ak, const size_t *bk, size_t nk,
                      coda_join_how how, coda_join_check check,
                      const char *suffix, coda_table **out, coda_error *err);

/* One row per label of multi column c (a string column in the result);
 * rows with no label are dropped, or kept once with the value missing
 * when keep_empty.  CODA_ETYPE if c is not multi. */
CODA_API
coda_status coda_unnest(const coda_table *t, size_t c, int keep_empty,
                        coda_table **out, coda_error *err);

/* The inverse: rows equal in every column but string column c become one
 * row whose c is the multi set of their values (in order of appearance;
 * missing values left out).  CODA_ETYPE if c is not a string column. */
CODA_API
coda_status coda_nest(const coda_table *t, size_t c, coda_table **out,
                      coda_error *err);

typedef struct coda_pivot_wider_opts {
    size_t names_from;          /* the column whose values name the columns */
    const size_t *values_from;  /* the columns whose values fill them */
    size_t nvalues;
    const size_t *id_cols;      /* the columns that identify a row; NULL:
                                   every other column */
    size_t nid;
    const coda_value *fill;     /* for a name an id has no row of; NULL:
                                   missing */
    const char *names_sep;      /* "value_col" SEP "name" when nvalues > 1 */
} coda_pivot_wider_opts;

/* tidyr's pivot_wider: one row per distinct combination of the id
 * columns (in order of first appearance), then one column per values
 * column and distinct value of names_from (in order of first appearance;
 * a missing name is "NA"), named by the value (by value column, names_sep
 * and value when there are several values columns).  A cell with no row
 * is fill (or missing); a row whose value is missing stays missing.
 * CODA_EARG when two rows have the same ids and name (naming both rows),
 * or a new column's name is taken; CODA_ETYPE for a multi names or values
 * column, or a fill of another type; CODA_ELIMIT past 50 million cells
 * (ids times names); CODA_ENOMEM. */
coda_status coda_pivot_wider(const coda_table *t,
                             const coda_pivot_wider_opts *o, coda_table **out,
                             coda_error *err);

typedef struct coda_pivot_longer_opts {
    const size_t *cols;         /* the columns that become rows */
    size_t ncols;
    const char *names_to;       /* the new column of their names */
    const char *values_to;      /* the new column of their values */
    int drop_na;                /* leave out the rows of missing values */
} coda_pivot_longer_opts;

/* tidyr's pivot_longer: each row becomes one row per column of cols, in
 * their order: the other columns as they were, names_to the column's name
 * (a string), values_to its value.  The columns must hold one type
 * (integers and numbers make numbers).  CODA_ETYPE for mixed or multi
 * columns, CODA_EARG for no columns or a new name that a kept column has,
 * CODA_ENOMEM. */
coda_status coda_pivot_longer(const coda_table *t,
                              const coda_pivot_longer_opts *o,
                              coda_table **out, coda_error *err);

#endif
