/* summarise_rows.c - the summaries of a group's values taken together:
 * weighted medians, quantiles and interquartile ranges, and the number
 * of distinct values (the unweighted quantiles are summarise_select.c's). */
#include "base_alloc.h"
#include "stats.h"
#include "summarise_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

coda_status sum_layout_rows(const coda_table *t, size_t nk, layout *l)
{
    if (l->rows)
        return CODA_OK;
    l->start = coda_calloc(l->ng + 1, sizeof *l->start);
    l->rows = coda_malloc((t->nrow + 1) * sizeof *l->rows);
    if (!l->start || !l->rows)
        return CODA_ENOMEM;
    for (size_t r = 0; r < t->nrow; r++)
        l->start[(nk ? l->g.gid[r] : 0) + 1]++;
    for (size_t g = 0; g < l->ng; g++)
        l->start[g + 1] += l->start[g];
    size_t *fill = coda_malloc((l->ng + 1) * sizeof *fill);
    if (!fill)
        return CODA_ENOMEM;
    memcpy(fill, l->start, l->ng * sizeof *fill);
    for (size_t r = 0; r < t->nrow; r++)
        l->rows[fill[nk ? l->g.gid[r] : 0]++] = r;
    coda_free(fill);
    return CODA_OK;
}

static int row_cmp(const void *x, const void *y, void *ctx)
{
    return coda_value_cmp(ctx, *(const size_t *)x, *(const size_t *)y);
}

/* Distinct present values of rows[0..n) (sorted in place). */
static int64_t n_distinct(coda_column *c, size_t *rows, size_t n)
{
    qsort_r(rows, n, sizeof *rows, row_cmp, c);
    int64_t d = 0;
    for (size_t i = 0; i < n; i++)
        if (!coda_is_missing(c, rows[i]) &&
            (i == 0 || coda_value_cmp(c, rows[i - 1], rows[i]) != 0))
            d++;
    return d;
}

static double weighted(const coda_sumspec *s, const coda_column *c,
                       const double *w, const size_t *rows, size_t n,
                       coda_wpair *scratch)
{
    size_t k = 0;
    double p[2], q[2];
    for (size_t i = 0; i < n; i++)
        if (!coda_is_missing(c, rows[i]))
            scratch[k++] = (coda_wpair){ sum_num(c, rows[i]), w[rows[i]] };
    size_t np = sum_probs(s, p);
    for (size_t i = 0; i < np; i++)
        q[i] = coda_wquantile(scratch, k, p[i]);
    return sum_from_quantiles(q, np);
}

coda_status sum_rows_spec(const coda_table *t, const coda_sumspec *s,
                          const double *w, layout *l, size_t nk,
                          coda_table *o, size_t oc)
{
    coda_status st = CODA_OK;
    if (!w && s->fn != CODA_SUM_N_DISTINCT)
        return sum_select_spec(t, s, l, nk, o, oc);
    coda_wpair *scratch = coda_malloc((t->nrow + 1) * sizeof *scratch);
    if (!scratch || sum_layout_rows(t, nk, l) != CODA_OK) {
        coda_free(scratch);
        return CODA_ENOMEM;
    }
    coda_column *c = &t->cols[s->col];
    for (size_t r = 0; r < l->ng && st == CODA_OK; r++) {
        size_t g = l->order[r], *rows = l->rows + l->start[g];
        size_t n = l->start[g + 1] - l->start[g];
        if (s->fn == CODA_SUM_N_DISTINCT)
            o->cols[oc].v.i[r] = n_distinct(c, rows, n);
        else
            st = sum_put_num(o, oc, r, weighted(s, c, w, rows, n, scratch));
    }
    coda_free(scratch);
    return st;
}
