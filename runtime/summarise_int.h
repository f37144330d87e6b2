/* summarise_int.h - what summarise.c shares with summarise_rows.c: the
 * rows of each group and the writing of a number (internal). */
#ifndef CODA_SUMMARISE_INT_H
#define CODA_SUMMARISE_INT_H

#include "group.h"
#include "summarise.h"

#include <math.h>

/* The rows of each group, contiguous: group g's rows are
 * rows[start[g] .. start[g+1]) (filled on first need by
 * summarise_rows.c); order holds the group ids sorted by key. */
typedef struct layout {
    size_t ng;
    size_t *start, *rows, *order;
    coda_groups g;
} layout;

/* Row r of number column c of o: v, or missing when v is NaN. */
static inline coda_status sum_put_num(coda_table *o, size_t c, size_t r,
                                      double v)
{
    if (isnan(v))
        return coda_table_set_missing(o, c, r);
    o->cols[c].v.d[r] = v;
    return CODA_OK;
}

/* The value of row r of a numeric column. */
static inline double sum_num(const coda_column *c, size_t r)
{
    return c->type == CODA_INTEGER ? (double)c->v.i[r] : c->v.d[r];
}

/* 1 for the summaries of a group's values taken together: median,
 * quantile, iqr, n_distinct. */
static inline int sum_needs_rows(coda_sumfn fn)
{
    return fn == CODA_SUM_MEDIAN || fn == CODA_SUM_N_DISTINCT ||
           fn == CODA_SUM_QUANTILE || fn == CODA_SUM_IQR;
}

/* Column oc of o: the summary s (sum_needs_rows) of every group in key
 * order, weighted by w when w is not NULL.  CODA_ENOMEM. */
CODA_INTERNAL
coda_status sum_rows_spec(const coda_table *t, const coda_sumspec *s,
                          const double *w, layout *l, size_t nk,
                          coda_table *o, size_t oc);

/* The type of summary s's column (of column c, NULL for a plain count). */
CODA_INTERNAL
coda_type sum_result_type(const coda_sumspec *s, const coda_column *c,
                          int weighted);

/* The checks of coda_summarise_weighted's specs against t (columns,
 * types, parameters, duplicate names); err says what is wrong. */
CODA_INTERNAL
coda_status sum_check_specs(const coda_table *t, const size_t *keys,
                            size_t nk, const coda_sumspec *s, size_t ns,
                            int weighted, coda_error *err);

#endif
