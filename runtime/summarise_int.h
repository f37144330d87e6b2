/* summarise_int.h - what the summarise files share (summarise.c,
 * summarise_rows.c, the partials'): the rows of each group, the writing of
 * a number, the checks of the specs (internal). */
#ifndef CODA_SUMMARISE_INT_H
#define CODA_SUMMARISE_INT_H

#include "base_par.h"
#include "group.h"
#include "summarise.h"

#include <math.h>

/* The rows of each group, contiguous: group g's rows are
 * rows[start[g] .. start[g+1]) (filled on first need by
 * summarise_rows.c); order holds the group ids sorted by key.  vcount,
 * when not NULL, holds the counts of column vcol's present values in
 * each group and each of vparts stretches of rows (sum_select_stretches'),
 * stretch p being rows [nrow p / vparts, nrow (p + 1) / vparts): group
 * g's in stretch p at vcount[p * ng + g] (summarise_stretch.c leaves them
 * for a median of a column it has counted, so that summarise_select.c
 * need not count). */
typedef struct layout {
    size_t ng;
    size_t *start, *rows, *order;
    coda_groups g;
    size_t *vcount, vparts;
    long vcol;
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

/* Two numbers as coda_value_cmp orders them: NaN after every number. */
static inline int sum_dbl_cmp(double x, double y)
{
    if (isnan(x) || isnan(y))
        return isnan(x) - isnan(y);
    return (x > y) - (x < y);
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

/* The probabilities a summary takes: p, or 0.25 and 0.75 for iqr, or
 * 0.5; their count. */
static inline size_t sum_probs(const coda_sumspec *s, double *p)
{
    if (s->fn == CODA_SUM_IQR) {
        p[0] = 0.25, p[1] = 0.75;
        return 2;
    }
    p[0] = s->fn == CODA_SUM_QUANTILE ? s->p : 0.5;
    return 1;
}

/* The summary of the values from their quantiles at p[0..np). */
static inline double sum_from_quantiles(const double *q, size_t np)
{
    return np == 2 ? q[1] - q[0] : q[0];
}

/* Column oc of o: the summary s (sum_needs_rows) of every group in key
 * order, weighted by w when w is not NULL.  CODA_ENOMEM. */
CODA_INTERNAL
coda_status sum_rows_spec(const coda_table *t, const coda_sumspec *s,
                          const double *w, layout *l, size_t nk,
                          coda_table *o, size_t oc);

/* Fill l->start and l->rows (once).  CODA_ENOMEM. */
CODA_INTERNAL
coda_status sum_layout_rows(const coda_table *t, size_t nk, layout *l);

/* The stretches of rows that summarise_select.c cuts nrow rows of ng
 * groups into (a thread each, while there are no more groups than rows
 * in one). */
CODA_INTERNAL
size_t sum_select_stretches(size_t nrow, size_t ng);

/* Column oc of o: the unweighted median, quantile or iqr s of every
 * group in key order, by selection on threads (summarise_select.c).
 * CODA_ENOMEM. */
CODA_INTERNAL
coda_status sum_select_spec(const coda_table *t, const coda_sumspec *s,
                            const layout *l, size_t nk, coda_table *o,
                            size_t oc);

enum { SUM_MAX_THREADS = 8 };

/* The threads for a summary over nrow rows (base_par's count:
 * CODA_THREADS, else one a core, one for small tables). */
static inline size_t sum_threads(size_t nrow)
{
    size_t n = coda_par_threads(nrow);
    return n > SUM_MAX_THREADS ? SUM_MAX_THREADS : n;
}

/* fn(ctx, part) for every part of 0..nparts, on up to nthreads threads
 * (the caller's one of them), in no order. */
CODA_INTERNAL
void sum_par(size_t nparts, size_t nthreads,
             void (*fn)(void *ctx, size_t part), void *ctx);

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

/* 1 when summary s (of column c, NULL for a count of rows, weights w)
 * is a count, sum or mean that summarise_ordered.c makes: the groups'
 * rows come group by group (l->g.order). */
CODA_INTERNAL
int sum_ordered_fits(const coda_sumspec *s, const coda_column *c,
                     const double *w, const layout *l, size_t nk);

/* The specs s[k] with mine[k] set (sum_ordered_fits) into columns oc + k
 * of o, every group's in key order, on threads.  CODA_ELIMIT when an
 * integer sum overflowed (*failed: the first such spec), CODA_ENOMEM. */
CODA_INTERNAL
coda_status sum_ordered_specs(const coda_table *t, const coda_sumspec *s,
                              size_t ns, const uint8_t *mine,
                              const layout *l, coda_table *o, size_t oc,
                              size_t *failed);

/* 1 when summary s (of column c, NULL for a count of rows, weights w)
 * is a count, sum, mean, least or greatest value, standard deviation or
 * variance by key over nrow rows that summarise_stretch.c makes (a large
 * table); sum_stretch_count gives the stretches of rows that nmine of
 * them over ng groups are cut into: 16 when 16 stretches' cells take no
 * more than 2 bytes a row (or 8 MB), else 2 while two stretches' take no
 * more than 8 times that, else 1 (the summaries side by side) while one
 * stretch's does, else 0 (not made there). */
CODA_INTERNAL
int sum_stretch_fits(const coda_sumspec *s, const coda_column *c,
                     const double *w, const layout *l, size_t nk,
                     size_t nrow);
CODA_INTERNAL
size_t sum_stretch_count(size_t nmine, size_t ng, size_t nrow);

/* The specs s[k] with mine[k] set (sum_stretch_fits) into columns oc + k
 * of o, every group's in key order, by stretches of rows on threads;
 * the counts of a column's values it has made are left in l (vcount)
 * when one of s is a median, quantile or iqr of that column.
 * CODA_ELIMIT when an integer sum is out of range (*failed: the spec),
 * CODA_ENOMEM. */
CODA_INTERNAL
coda_status sum_stretch_specs(const coda_table *t, const coda_sumspec *s,
                              size_t ns, const uint8_t *mine, layout *l,
                              coda_table *o, size_t oc, size_t *failed);

/* The end of a summarise: on success *out = o; else o freed and err set
 * (an ELIMIT's message is already there). */
static inline coda_status sum_hand_over(coda_status st, coda_table *o,
                                        coda_table **out, coda_error *err)
{
    if (st == CODA_OK) {
        *out = o;
        return st;
    }
    coda_table_free(o);
    return st == CODA_ELIMIT ? st : coda_error_set(err, st, NULL, 0, 0,
                                                   "summarise: %s",
                                                   coda_strerror(st));
}

#endif
