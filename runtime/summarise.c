/* summarise.c - count, sum, mean, median, min, max, sd, n_distinct by
 * group. */
#include "summarise.h"

#include "alloc.h"
#include "group.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const fn_names[] = { "count", "sum", "mean", "median",
                                        "min", "max", "sd", "n_distinct" };

int coda_sumfn_parse(const char *name, coda_sumfn *fn)
{
    for (int i = 0; i < 8; i++)
        if (strcmp(name, fn_names[i]) == 0) {
            *fn = (coda_sumfn)i;
            return 1;
        }
    return 0;
}

/* The rows of each group, contiguous: group g's rows are
 * rows[start[g] .. start[g+1]). */
typedef struct layout {
    size_t ng;
    size_t *start, *rows, *order;  /* order: group ids sorted by key */
    coda_groups g;
} layout;

typedef struct keyctx {
    const coda_table *t;
    const size_t *keys;
    size_t nk;
    const size_t *first;
} keyctx;

static int group_cmp(const void *x, const void *y, void *ctx)
{
    const keyctx *k = ctx;
    size_t a = k->first[*(const size_t *)x], b = k->first[*(const size_t *)y];
    for (size_t j = 0; j < k->nk; j++) {
        int c = coda_value_cmp(&k->t->cols[k->keys[j]], a, b);
        if (c)
            return c;
    }
    return 0;
}

/* The rows of each group, contiguous (for median and n_distinct only). */
static coda_status layout_rows(const coda_table *t, size_t nk, layout *l)
{
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

static coda_status make_layout(const coda_table *t, const size_t *keys,
                               size_t nk, layout *l)
{
    memset(l, 0, sizeof *l);
    coda_status st = nk ? coda_group_rows(t, keys, nk, &l->g) : CODA_OK;
    if (st != CODA_OK)
        return st;
    l->ng = nk == 0 ? 1 : l->g.ngroups;
    l->order = coda_malloc((l->ng + 1) * sizeof *l->order);
    if (!l->order)
        return CODA_ENOMEM;
    for (size_t g = 0; g < l->ng; g++)
        l->order[g] = g;
    keyctx k = { t, keys, nk, l->g.first };
    if (nk)
        qsort_r(l->order, l->ng, sizeof *l->order, group_cmp, &k);
    return CODA_OK;
}

static void free_layout(layout *l)
{
    coda_free(l->start);
    coda_free(l->rows);
    coda_free(l->order);
    coda_groups_free(&l->g);
}

static int numeric(const coda_column *c)
{
    return c->type == CODA_INTEGER || c->type == CODA_NUMBER;
}

static double num(const coda_column *c, size_t r)
{
    return c->type == CODA_INTEGER ? (double)c->v.i[r] : c->v.d[r];
}

static coda_type result_type(const coda_sumspec *s, const coda_column *c)
{
    switch (s->fn) {
    case CODA_SUM_COUNT: case CODA_SUM_N_DISTINCT: return CODA_INTEGER;
    case CODA_SUM_SUM: return c->type == CODA_INTEGER ? CODA_INTEGER : CODA_NUMBER;
    case CODA_SUM_MIN: case CODA_SUM_MAX: return c->type;
    default: return CODA_NUMBER;
    }
}

static int dbl_cmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static int row_cmp(const void *x, const void *y, void *ctx)
{
    return coda_value_cmp(ctx, *(const size_t *)x, *(const size_t *)y);
}

/* Median of the present values of rows[0..n), in scratch; NAN if none. */
static double median(const coda_column *c, const size_t *rows, size_t n,
                     double *scratch)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!coda_is_missing(c, rows[i]))
            scratch[k++] = num(c, rows[i]);
    if (k == 0)
        return NAN;
    qsort(scratch, k, sizeof *scratch, dbl_cmp);
    return k % 2 ? scratch[k / 2] : (scratch[k / 2 - 1] + scratch[k / 2]) / 2;
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

/* Running summary of one group: count, exact integer sum, float sum,
 * Welford's mean and M2, and the row of the least or greatest value. */
typedef struct acc {
    int64_t cnt, isum;
    double sum, mean, m2;
    long best;
    int overflow;       /* isum passed the range of int64_t */
} acc;

static uint32_t group_of(const layout *l, size_t nk, size_t r)
{
    return nk ? l->g.gid[r] : 0;
}

/* Counts and sums (and nothing more, so the loop stays tight). */
static void stream_sum(const coda_table *t, const coda_column *c,
                       const layout *l, size_t nk, acc *a)
{
    const uint8_t *miss = c ? c->missing : NULL;
    for (size_t r = 0; r < t->nrow; r++) {
        if (miss && miss[r])
            continue;
        acc *x = &a[group_of(l, nk, r)];
        x->cnt++;
        if (!c)
            continue;
        if (c->type == CODA_INTEGER) {
            int64_t v = c->v.i[r];
            if ((v > 0 && x->isum > INT64_MAX - v) ||
                (v < 0 && x->isum < INT64_MIN - v))
                x->overflow = 1;
            else
                x->isum += v;
            x->sum += (double)v;
        } else {
            x->sum += c->v.d[r];
        }
    }
}

/* Welford's running mean and M2, for the standard deviation. */
static void stream_sd(const coda_table *t, const coda_column *c,
                      const layout *l, size_t nk, acc *a)
{
    for (size_t r = 0; r < t->nrow; r++) {
        if (coda_is_missing(c, r))
            continue;
        acc *x = &a[group_of(l, nk, r)];
        double v = num(c, r), d = v - x->mean;
        x->cnt++;
        x->mean += d / (double)x->cnt;
        x->m2 += d * (v - x->mean);
    }
}

static void stream_extreme(const coda_table *t, const coda_column *c, int sign,
                           const layout *l, size_t nk, acc *a)
{
    for (size_t r = 0; r < t->nrow; r++) {
        if (coda_is_missing(c, r))
            continue;
        acc *x = &a[group_of(l, nk, r)];
        if (x->best < 0 || sign * coda_value_cmp(c, r, (size_t)x->best) > 0)
            x->best = (long)r;
    }
}

/* One pass over the rows for a count, sum, mean, sd, min or max. */
static void stream(const coda_table *t, const coda_sumspec *s, const layout *l,
                   size_t nk, acc *a)
{
    const coda_column *c = s->col >= 0 ? &t->cols[s->col] : NULL;
    if (s->fn == CODA_SUM_SD)
        stream_sd(t, c, l, nk, a);
    else if (s->fn == CODA_SUM_MIN || s->fn == CODA_SUM_MAX)
        stream_extreme(t, c, s->fn == CODA_SUM_MAX ? 1 : -1, l, nk, a);
    else
        stream_sum(t, c, l, nk, a);
}

static coda_status put_num(coda_table *o, size_t c, size_t r, double v)
{
    if (isnan(v))
        return coda_table_set_missing(o, c, r);
    o->cols[c].v.d[r] = v;
    return CODA_OK;
}

static coda_status put_extreme(const coda_column *c, long row, coda_table *o,
                               size_t oc, size_t r)
{
    coda_column *out = &o->cols[oc];
    if (row < 0)
        return coda_table_set_missing(o, oc, r);
    switch (c->type) {
    case CODA_INTEGER: out->v.i[r] = c->v.i[row]; break;
    case CODA_NUMBER: out->v.d[r] = c->v.d[row]; break;
    case CODA_BOOLEAN: out->v.b[r] = c->v.b[row]; break;
    case CODA_STRING:
        return coda_table_set_string(o, oc, r, c->v.s.p[row], c->v.s.len[row]);
    default: break;
    }
    return CODA_OK;
}

static coda_status put_acc(const coda_table *t, const coda_sumspec *s,
                           const acc *x, coda_table *o, size_t oc, size_t r)
{
    const coda_column *c = s->col >= 0 ? &t->cols[s->col] : NULL;
    switch (s->fn) {
    case CODA_SUM_COUNT: o->cols[oc].v.i[r] = x->cnt; return CODA_OK;
    case CODA_SUM_MIN: case CODA_SUM_MAX: return put_extreme(c, x->best, o, oc, r);
    case CODA_SUM_SUM:
        if (c->type == CODA_INTEGER && x->overflow)
            return CODA_ELIMIT;
        if (c->type == CODA_INTEGER)
            o->cols[oc].v.i[r] = x->isum;
        else
            o->cols[oc].v.d[r] = x->sum;
        return CODA_OK;
    case CODA_SUM_MEAN:
        return put_num(o, oc, r, x->cnt ? x->sum / (double)x->cnt : NAN);
    default:
        return put_num(o, oc, r, x->cnt > 1 ? sqrt(x->m2 / (double)(x->cnt - 1))
                                            : NAN);
    }
}

static int needs_rows(coda_sumfn fn)
{
    return fn == CODA_SUM_MEDIAN || fn == CODA_SUM_N_DISTINCT;
}

/* Column oc of o: the summary s of every group, in key order. */
static coda_status summarise_spec(const coda_table *t, const coda_sumspec *s,
                                  layout *l, size_t nk, coda_table *o,
                                  size_t oc)
{
    coda_status st = CODA_OK;
    if (needs_rows(s->fn)) {
        double *scratch = coda_malloc((t->nrow + 1) * sizeof *scratch);
        if (!scratch || (!l->rows && layout_rows(t, nk, l) != CODA_OK)) {
            coda_free(scratch);
            return CODA_ENOMEM;
        }
        coda_column *c = &t->cols[s->col];
        for (size_t r = 0; r < l->ng && st == CODA_OK; r++) {
            size_t g = l->order[r], *rows = l->rows + l->start[g];
            size_t n = l->start[g + 1] - l->start[g];
            if (s->fn == CODA_SUM_MEDIAN)
                st = put_num(o, oc, r, median(c, rows, n, scratch));
            else
                o->cols[oc].v.i[r] = n_distinct(c, rows, n);
        }
        coda_free(scratch);
        return st;
    }
    acc *a = coda_calloc(l->ng + 1, sizeof *a);
    if (!a)
        return CODA_ENOMEM;
    for (size_t g = 0; g < l->ng; g++)
        a[g].best = -1;
    stream(t, s, l, nk, a);
    for (size_t r = 0; r < l->ng && st == CODA_OK; r++)
        st = put_acc(t, s, &a[l->order[r]], o, oc, r);
    coda_free(a);
    return st;
}

static coda_status check_specs(const coda_table *t, const size_t *keys,
                               size_t nk, const coda_sumspec *s, size_t ns,
                               coda_error *err)
{
    for (size_t i = 0; i < ns; i++) {
        const coda_column *c = s[i].col >= 0 ? &t->cols[s[i].col] : NULL;
        int needs_num = s[i].fn == CODA_SUM_SUM || s[i].fn == CODA_SUM_MEAN ||
                        s[i].fn == CODA_SUM_MEDIAN || s[i].fn == CODA_SUM_SD;
        if (!c && s[i].fn != CODA_SUM_COUNT)
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise: %s "
                                  "of \"%s\" needs a column", fn_names[s[i].fn],
                                  s[i].name);
        if (c && ((needs_num && !numeric(c)) ||
                  ((s[i].fn == CODA_SUM_MIN || s[i].fn == CODA_SUM_MAX) &&
                   c->type == CODA_MULTI)))
            return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "summarise: "
                                  "cannot take the %s of column \"%s\" (%s)",
                                  fn_names[s[i].fn], c->name,
                                  coda_type_name(c->type));
        for (size_t j = 0; j < nk + i; j++) {
            const char *other = j < nk ? t->cols[keys[j]].name
                                       : s[j - nk].name;
            if (strcmp(other, s[i].name) == 0)
                return coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise:"
                                      " duplicate column name \"%s\"",
                                      s[i].name);
        }
    }
    return CODA_OK;
}

static coda_status build(const coda_table *t, const size_t *keys, size_t nk,
                         const coda_sumspec *s, size_t ns, layout *l,
                         coda_table *o, coda_error *err)
{
    coda_status st = CODA_OK;
    size_t k = 0; /* the spec being built */
    size_t *first = coda_malloc((l->ng + 1) * sizeof *first);
    if (!first)
        st = CODA_ENOMEM;
    for (size_t i = 0; i < l->ng && st == CODA_OK && nk; i++)
        first[i] = l->g.first[l->order[i]];
    for (size_t j = 0; j < nk && st == CODA_OK; j++)
        st = coda_table_gather_column(o, j, t->cols[keys[j]].name, t, keys[j],
                                      first, l->ng);
    for (; k < ns && st == CODA_OK; k++) {
        const coda_column *c = s[k].col >= 0 ? &t->cols[s[k].col] : NULL;
        st = coda_table_init_column(o, nk + k, s[k].name, result_type(&s[k], c));
        if (st == CODA_OK)
            st = summarise_spec(t, &s[k], l, nk, o, nk + k);
    }
    coda_free(first);
    if (st == CODA_ELIMIT) /* k - 1: the spec whose integer sum overflowed */
        coda_error_set(err, st, NULL, 0, 0, "summarise: the sum of column "
                       "\"%s\" (\"%s\") does not fit a 64-bit integer",
                       t->cols[s[k - 1].col].name, s[k - 1].name);
    return st;
}

coda_status coda_summarise(const coda_table *t, const size_t *keys, size_t nk,
                           const coda_sumspec *specs, size_t ns,
                           coda_table **out, coda_error *err)
{
    coda_status st = check_specs(t, keys, nk, specs, ns, err);
    if (st != CODA_OK)
        return st;
    layout l;
    coda_table *o = NULL;
    st = make_layout(t, keys, nk, &l);
    if (st == CODA_OK)
        st = coda_table_create(l.ng, nk + ns, &o);
    if (st == CODA_OK)
        st = build(t, keys, nk, specs, ns, &l, o, err);
    free_layout(&l);
    if (st != CODA_OK) {
        coda_table_free(o);
        return st == CODA_ELIMIT ? st : coda_error_set(err, st, NULL, 0, 0,
                                                       "summarise: %s",
                                                       coda_strerror(st));
    }
    *out = o;
    return CODA_OK;
}
