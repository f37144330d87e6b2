/* summarise.c - count, sum, mean, min, max, sd, var and weighted counts
 * by group, in one pass over the rows each; the summaries that need a
 * group's values together are in summarise_rows.c. */
#include "summarise.h"

#include "base_alloc.h"
#include "stats.h"
#include "summarise_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const fn_names[] = { "count", "sum", "mean", "median",
                                        "min", "max", "sd", "n_distinct",
                                        "var", "quantile", "iqr", "wcount",
                                        "cor", "r2" };

int coda_sumfn_parse(const char *name, coda_sumfn *fn)
{
    for (int i = 0; i < (int)(sizeof fn_names / sizeof *fn_names); i++)
        if (strcmp(name, fn_names[i]) == 0) {
            *fn = (coda_sumfn)i;
            return 1;
        }
    return 0;
}

static coda_status make_layout(const coda_table *t, const size_t *keys,
                               size_t nk, layout *l)
{
    memset(l, 0, sizeof *l);
    coda_status st = nk ? coda_group_rows_sorted(t, keys, nk, &l->g) : CODA_OK;
    if (st != CODA_OK)
        return st;
    l->ng = nk == 0 ? 1 : l->g.ngroups;
    l->order = coda_malloc((l->ng + 1) * sizeof *l->order);
    if (!l->order)
        return CODA_ENOMEM;
    for (size_t g = 0; g < l->ng; g++) /* the groups come in key order */
        l->order[g] = g;
    return CODA_OK;
}

static void free_layout(layout *l)
{
    coda_free(l->vcount);
    coda_free(l->start);
    coda_free(l->rows);
    coda_free(l->order);
    coda_groups_free(&l->g);
}

static int numeric(const coda_column *c)
{
    return c->type == CODA_INTEGER || c->type == CODA_NUMBER;
}

coda_type sum_result_type(const coda_sumspec *s, const coda_column *c,
                          int weighted)
{
    switch (s->fn) {
    case CODA_SUM_COUNT: case CODA_SUM_N_DISTINCT: return CODA_INTEGER;
    case CODA_SUM_SUM:
        return c->type == CODA_INTEGER && !weighted ? CODA_INTEGER
                                                    : CODA_NUMBER;
    case CODA_SUM_MIN: case CODA_SUM_MAX: return c->type;
    default: return CODA_NUMBER;
    }
}

/* Running summary of one group for one spec: the count and the weight
 * sum, and what the spec's kind needs (a union, so that an array of one
 * per group stays small when the groups are many): the exact integer sum
 * and float sum; or the count of positive weights, Welford's mean and M2
 * (West's, weighted) and, for a correlation, the second column's mean and
 * M2 and the co-moment; or the row of the least or greatest value. */
typedef struct acc {
    int64_t cnt;
    double wsum;
    union {
        struct {
            int64_t isum;
            double sum;
            int overflow;   /* isum passed the range of int64_t */
        };
        struct {
            int64_t npos;
            double mean, m2, mean2, m22, co;
        };
        struct {
            long best;
            double bestv;   /* a number column's value at best */
            int64_t besti;  /* an integer column's */
        };
    };
} acc;

static uint32_t group_of(const layout *l, size_t nk, size_t r)
{
    return nk ? l->g.gid[r] : 0;
}

/* Weighted counts and sums. */
static void stream_wsum(const coda_table *t, const coda_column *c,
                        const double *w, const layout *l, size_t nk, acc *a)
{
    for (size_t r = 0; r < t->nrow; r++) {
        if (c && coda_is_missing(c, r))
            continue;
        acc *x = &a[group_of(l, nk, r)];
        x->cnt++;
        x->wsum += w[r];
        if (c)
            x->sum += w[r] * sum_num(c, r);
    }
}

/* The keyed loops fetch the accumulator of the row this many rows on
 * early: with many groups the accumulators are out of the cache, and a
 * row's group is known from gid long before its turn. */
enum { KEYED_AHEAD = 16 };

/* stream_sum of a numeric column by key: no checks of the column's type
 * or of the keys a row, which cost as much as the sums.  Called with isint
 * a constant, so that each type gets a loop of its own.  An integer
 * column keeps the exact sum too (an overflow marked, the sum then
 * unused). */
static inline void sum_keyed(const coda_column *c, size_t nrow,
                             const uint32_t *gid, acc *a, int isint)
{
    const uint8_t *miss = c->missing;
    const int64_t *iv = c->v.i;
    const double *dv = c->v.d;
    for (size_t r = 0; r < nrow; r++) {
        if (r + KEYED_AHEAD < nrow)
            __builtin_prefetch(&a[gid[r + KEYED_AHEAD]], 1);
        if (miss && miss[r])
            continue;
        acc *x = &a[gid[r]];
        x->cnt++;
        if (isint) {
            x->overflow |= __builtin_add_overflow(x->isum, iv[r], &x->isum);
            x->sum += (double)iv[r];
        } else {
            x->sum += dv[r];
        }
    }
}

/* Counts and sums (and nothing more, so the loop stays tight). */
static void stream_sum(const coda_table *t, const coda_column *c,
                       const layout *l, size_t nk, acc *a)
{
    if (nk && c && numeric(c)) {
        if (c->type == CODA_INTEGER)
            sum_keyed(c, t->nrow, l->g.gid, a, 1);
        else
            sum_keyed(c, t->nrow, l->g.gid, a, 0);
        return;
    }
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

/* Row r of numeric column c (isint: c is an integer column). */
static inline double num_at(const coda_column *c, int isint, size_t r)
{
    return isint ? (double)c->v.i[r] : c->v.d[r];
}

/* stream_sd unweighted by key: every weight 1, written out so that each
 * step is the weighted one's to the bit (1 / wsum * d, d (v - mean)),
 * without its checks and calls a row. */
static void sd_keyed(const coda_column *c, size_t nrow, const uint32_t *gid,
                     acc *a)
{
    const uint8_t *miss = c->missing;
    int isint = c->type == CODA_INTEGER;
    for (size_t r = 0; r < nrow; r++) {
        if (miss && miss[r])
            continue;
        acc *x = &a[gid[r]];
        double v = num_at(c, isint, r), d = v - x->mean;
        x->npos++;
        x->wsum += 1;
        x->mean += 1 / x->wsum * d;
        x->m2 += d * (v - x->mean);
    }
}

/* Welford's running mean and M2 for the variance, weighted by West's
 * update (w NULL: every weight 1); weights of 0 leave no trace. */
static void stream_sd(const coda_table *t, const coda_column *c,
                      const double *w, const layout *l, size_t nk, acc *a)
{
    if (!w && nk) {
        sd_keyed(c, t->nrow, l->g.gid, a);
        return;
    }
    for (size_t r = 0; r < t->nrow; r++) {
        double wr = w ? w[r] : 1;
        if (coda_is_missing(c, r) || wr == 0)
            continue;
        acc *x = &a[group_of(l, nk, r)];
        double v = sum_num(c, r), d = v - x->mean;
        x->npos++;
        x->wsum += wr;
        x->mean += wr / x->wsum * d;
        x->m2 += wr * d * (v - x->mean);
    }
}

/* stream_cor unweighted by key, to the bit as sd_keyed. */
static void cor_keyed(const coda_column *c, const coda_column *c2,
                      size_t nrow, const uint32_t *gid, acc *a)
{
    const uint8_t *miss = c->missing, *miss2 = c2->missing;
    int isint = c->type == CODA_INTEGER, isint2 = c2->type == CODA_INTEGER;
    for (size_t r = 0; r < nrow; r++) {
        if ((miss && miss[r]) || (miss2 && miss2[r]))
            continue;
        acc *x = &a[gid[r]];
        double v = num_at(c, isint, r), d = v - x->mean;
        double v2 = num_at(c2, isint2, r), d2 = v2 - x->mean2;
        x->npos++;
        x->wsum += 1;
        double f = 1 / x->wsum;
        x->mean += f * d;
        x->mean2 += f * d2;
        x->m2 += d * (v - x->mean);
        x->m22 += d2 * (v2 - x->mean2);
        x->co += d * (v2 - x->mean2);
    }
}

/* Welford's update of both means, both M2 and the co-moment over the
 * rows where both columns are present (weighted as stream_sd). */
static void stream_cor(const coda_table *t, const coda_column *c,
                       const coda_column *c2, const double *w,
                       const layout *l, size_t nk, acc *a)
{
    if (!w && nk) {
        cor_keyed(c, c2, t->nrow, l->g.gid, a);
        return;
    }
    for (size_t r = 0; r < t->nrow; r++) {
        double wr = w ? w[r] : 1;
        if (coda_is_missing(c, r) || coda_is_missing(c2, r) || wr == 0)
            continue;
        acc *x = &a[group_of(l, nk, r)];
        double v = sum_num(c, r), d = v - x->mean;
        double v2 = sum_num(c2, r), d2 = v2 - x->mean2;
        x->npos++;
        x->wsum += wr;
        x->mean += wr / x->wsum * d;
        x->mean2 += wr / x->wsum * d2;
        x->m2 += wr * d * (v - x->mean);
        x->m22 += wr * d2 * (v2 - x->mean2);
        x->co += wr * d * (v2 - x->mean2);
    }
}


/* Rows a and b of a numeric column by sum_dbl_cmp's order, without
 * coda_value_cmp's call and switch a row. */
static int num_cmp(const coda_column *c, size_t a, size_t b)
{
    if (c->type == CODA_INTEGER)
        return (c->v.i[a] > c->v.i[b]) - (c->v.i[a] < c->v.i[b]);
    return sum_dbl_cmp(c->v.d[a], c->v.d[b]);
}

/* stream_extreme of a numeric column by key, the value at best kept
 * beside it so that no row but the current one is read (isint a constant,
 * as for sum_keyed). */
static inline void extreme_keyed(const coda_column *c, size_t nrow,
                                 const uint32_t *gid, int sign, acc *a,
                                 int isint)
{
    const uint8_t *miss = c->missing;
    const int64_t *iv = c->v.i;
    const double *dv = c->v.d;
    for (size_t r = 0; r < nrow; r++) {
        if (r + KEYED_AHEAD < nrow)
            __builtin_prefetch(&a[gid[r + KEYED_AHEAD]], 1);
        if (miss && miss[r])
            continue;
        acc *x = &a[gid[r]];
        int64_t i = isint ? iv[r] : 0;
        int cmp = isint ? (i > x->besti) - (i < x->besti)
                        : sum_dbl_cmp(dv[r], x->bestv);
        if (x->best < 0 || sign * cmp > 0) {
            x->best = (long)r;
            if (isint)
                x->besti = i;
            else
                x->bestv = dv[r];
        }
    }
}

static void stream_extreme(const coda_table *t, const coda_column *c, int sign,
                           const layout *l, size_t nk, acc *a)
{
    if (nk && numeric(c)) {
        if (c->type == CODA_INTEGER)
            extreme_keyed(c, t->nrow, l->g.gid, sign, a, 1);
        else
            extreme_keyed(c, t->nrow, l->g.gid, sign, a, 0);
        return;
    }
    int num = c->type == CODA_INTEGER || c->type == CODA_NUMBER;
    for (size_t r = 0; r < t->nrow; r++) {
        if (coda_is_missing(c, r))
            continue;
        acc *x = &a[group_of(l, nk, r)];
        size_t b = (size_t)x->best;
        if (x->best < 0 ||
            sign * (num ? num_cmp(c, r, b) : coda_value_cmp(c, r, b)) > 0)
            x->best = (long)r;
    }
}

/* One pass over the rows for a count, sum, mean, sd, var, min, max or
 * wcount. */
static void stream(const coda_table *t, const coda_sumspec *s,
                   const double *w, const layout *l, size_t nk, acc *a)
{
    const coda_column *c = s->col >= 0 ? &t->cols[s->col] : NULL;
    if (s->fn == CODA_SUM_SD || s->fn == CODA_SUM_VAR)
        stream_sd(t, c, w, l, nk, a);
    else if (s->fn == CODA_SUM_COR || s->fn == CODA_SUM_R2)
        stream_cor(t, c, &t->cols[s->col2], w, l, nk, a);
    else if (s->fn == CODA_SUM_MIN || s->fn == CODA_SUM_MAX)
        stream_extreme(t, c, s->fn == CODA_SUM_MAX ? 1 : -1, l, nk, a);
    else if (w && s->fn != CODA_SUM_COUNT)
        stream_wsum(t, c, w, l, nk, a);
    else
        stream_sum(t, c, l, nk, a);
}

/* The variance of a group: n / (n - 1) M2 / sum w over n positive
 * weights (M2 / (n - 1) unweighted). */
static double variance(const acc *x)
{
    if (x->npos < 2 || !(x->wsum > 0))
        return NAN;
    double n = (double)x->npos;
    return n / (n - 1) * x->m2 / x->wsum;
}

/* The correlation of a group: the co-moment over the root of the two
 * M2 (the weights' sums and n / (n - 1) cancel). */
static double correlation(const acc *x)
{
    if (x->npos < 2 || !(x->m2 > 0) || !(x->m22 > 0))
        return NAN;
    return x->co / sqrt(x->m2 * x->m22);
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

static coda_status put_sum(const coda_column *c, const acc *x, int weighted,
                           coda_table *o, size_t oc, size_t r)
{
    if (c->type == CODA_INTEGER && !weighted && x->overflow)
        return CODA_ELIMIT;
    if (c->type == CODA_INTEGER && !weighted)
        o->cols[oc].v.i[r] = x->isum;
    else
        o->cols[oc].v.d[r] = x->sum;
    return CODA_OK;
}

static coda_status put_acc(const coda_table *t, const coda_sumspec *s,
                           const acc *x, int weighted, coda_table *o,
                           size_t oc, size_t r)
{
    const coda_column *c = s->col >= 0 ? &t->cols[s->col] : NULL;
    double den = weighted ? x->wsum : (double)x->cnt;
    switch (s->fn) {
    case CODA_SUM_COUNT: o->cols[oc].v.i[r] = x->cnt; return CODA_OK;
    case CODA_SUM_MIN: case CODA_SUM_MAX: return put_extreme(c, x->best, o, oc, r);
    case CODA_SUM_SUM: return put_sum(c, x, weighted, o, oc, r);
    case CODA_SUM_WCOUNT: return sum_put_num(o, oc, r, x->wsum);
    case CODA_SUM_MEAN:
        return sum_put_num(o, oc, r, den > 0 ? x->sum / den : NAN);
    case CODA_SUM_VAR: return sum_put_num(o, oc, r, variance(x));
    case CODA_SUM_COR: return sum_put_num(o, oc, r, correlation(x));
    case CODA_SUM_R2: {
        double rho = correlation(x);
        return sum_put_num(o, oc, r, rho * rho);
    }
    default: return sum_put_num(o, oc, r, sqrt(variance(x)));
    }
}

/* One spec's work, run on a thread beside the others of its batch: a
 * streaming summary into a (put into o afterwards, on the caller's
 * thread: a string's min or max writes o's shared pool), or a summary of
 * the values together straight into its own column of o. */
typedef struct job {
    const coda_table *t;
    const coda_sumspec *s;
    const double *w;
    layout *l;
    size_t nk, oc;
    coda_table *o;
    acc *a;
    coda_status st;
} job;

static void run_job(void *ctx, size_t i)
{
    job *j = (job *)ctx + i;
    if (sum_needs_rows(j->s->fn))
        j->st = sum_rows_spec(j->t, j->s, j->w, j->l, j->nk, j->o, j->oc);
    else
        stream(j->t, j->s, j->w, j->l, j->nk, j->a);
}

/* A streaming spec's accumulators, before its rows. */
static coda_status job_open(job *j)
{
    if (sum_needs_rows(j->s->fn))
        return CODA_OK;
    j->a = coda_calloc(j->l->ng + 1, sizeof *j->a);
    if (!j->a)
        return CODA_ENOMEM;
    for (size_t g = 0; g < j->l->ng && (j->s->fn == CODA_SUM_MIN ||
                                        j->s->fn == CODA_SUM_MAX); g++)
        j->a[g].best = -1;
    return CODA_OK;
}

/* A streaming spec's summaries into its column, in key order. */
static coda_status job_close(job *j)
{
    coda_status st = j->st;
    for (size_t r = 0; j->a && r < j->l->ng && st == CODA_OK; r++)
        st = put_acc(j->t, j->s, &j->a[j->l->order[r]], j->w != NULL, j->o,
                     j->oc, r);
    coda_free(j->a);
    j->a = NULL;
    return st;
}

/* Specs s[idx[0..n)] into their columns (oc + their index) of o, side
 * by side on threads (a batch at a time, so that no more accumulators
 * than threads are kept); *failed: the spec whose integer sum
 * overflowed.  The rows a summary of values together needs are laid out
 * first, so that its threads only read the layout. */
static coda_status run_batches(const coda_table *t, const coda_sumspec *s,
                               const size_t *idx, size_t n, const double *w,
                               layout *l, size_t nk, coda_table *o, size_t oc,
                               size_t *failed)
{
    size_t nt = sum_threads(t->nrow);
    job jobs[SUM_MAX_THREADS];
    coda_status st = CODA_OK;
    /* side by side only while the accumulators take no more than 16
     * bytes a row, or 64 MB (a million groups' take 64 MB a spec) */
    size_t budget = t->nrow * 16 > (64u << 20) ? t->nrow * 16 : 64u << 20;
    while (nt > 1 && nt * (l->ng + 1) * sizeof(acc) > budget)
        nt--;
    for (size_t i = 0; i < n && st == CODA_OK; i++)
        if (sum_needs_rows(s[idx[i]].fn) &&
            (w || s[idx[i]].fn == CODA_SUM_N_DISTINCT))
            st = sum_layout_rows(t, nk, l);
    for (size_t done = 0; done < n && st == CODA_OK; done += nt) {
        size_t k = n - done < nt ? n - done : nt;
        for (size_t i = 0; i < k; i++)
            jobs[i] = (job){ t, &s[idx[done + i]], w, l, nk,
                             oc + idx[done + i], o, NULL, CODA_OK };
        for (size_t i = 0; i < k && st == CODA_OK; i++)
            st = job_open(&jobs[i]);
        if (st == CODA_OK)
            sum_par(k, nt, run_job, jobs);
        for (size_t i = 0; i < k; i++) {
            coda_status sj = job_close(&jobs[i]);
            if (st == CODA_OK && sj != CODA_OK)
                *failed = idx[done + i], st = sj;
        }
    }
    return st;
}

/* Specs s[0..n) into columns oc.. of o: the counts, sums and means that
 * can be made group by group (summarise_ordered.c) or stretch by stretch
 * (summarise_stretch.c) first, then the rest; *failed as run_batches'. */
static coda_status run_specs(const coda_table *t, const coda_sumspec *s,
                             size_t n, const double *w, layout *l, size_t nk,
                             coda_table *o, size_t oc, size_t *failed)
{
    uint8_t *ord = coda_calloc(n + 1, 1), *str = coda_calloc(n + 1, 1);
    size_t *rest = coda_malloc((n + 1) * sizeof *rest), nrest = 0, nstr = 0;
    coda_status st = ord && str && rest ? CODA_OK : CODA_ENOMEM;
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        const coda_column *c = s[i].col >= 0 ? &t->cols[s[i].col] : NULL;
        ord[i] = (uint8_t)sum_ordered_fits(&s[i], c, w, l, nk);
        str[i] = (uint8_t)(!ord[i] &&
                           sum_stretch_fits(&s[i], c, w, l, nk, t->nrow));
        nstr += str[i];
    }
    if (st == CODA_OK && !sum_stretch_count(nstr, l->ng, t->nrow))
        memset(str, 0, n), nstr = 0;
    for (size_t i = 0; i < n && st == CODA_OK; i++)
        if (!ord[i] && !str[i])
            rest[nrest++] = i;
    if (st == CODA_OK && nrest + nstr < n)
        st = sum_ordered_specs(t, s, n, ord, l, o, oc, failed);
    if (st == CODA_OK && nstr)
        st = sum_stretch_specs(t, s, n, str, l, o, oc, failed);
    if (st == CODA_OK)
        st = run_batches(t, s, rest, nrest, w, l, nk, o, oc, failed);
    coda_free(ord);
    coda_free(str);
    coda_free(rest);
    return st;
}

static int needs_number(coda_sumfn fn)
{
    return fn == CODA_SUM_SUM || fn == CODA_SUM_MEAN || fn == CODA_SUM_MEDIAN ||
           fn == CODA_SUM_SD || fn == CODA_SUM_VAR || fn == CODA_SUM_QUANTILE ||
           fn == CODA_SUM_IQR || fn == CODA_SUM_COR || fn == CODA_SUM_R2;
}

static int two_columns(coda_sumfn fn)
{
    return fn == CODA_SUM_COR || fn == CODA_SUM_R2;
}

/* The options of spec s that do not fit: a quantile's p and type. */
static coda_status check_params(const coda_sumspec *s, int weighted,
                                coda_error *err)
{
    int q = s->fn == CODA_SUM_QUANTILE || s->fn == CODA_SUM_IQR ||
            s->fn == CODA_SUM_MEDIAN;
    if (s->fn == CODA_SUM_QUANTILE && !(s->p >= 0 && s->p <= 1))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise: \"%s\":"
                              " the probability %g is not between 0 and 1",
                              s->name, s->p);
    if (q && (s->type < 0 || s->type > 9))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise: \"%s\":"
                              " quantile type %d is not 1 to 9", s->name,
                              s->type);
    if (q && weighted && s->type != 0)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise: \"%s\":"
                              " a weighted quantile has one rule (R survey's);"
                              " leave out type", s->name);
    if (s->fn == CODA_SUM_WCOUNT && !weighted)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise: \"%s\":"
                              " wcount needs a weight", s->name);
    return CODA_OK;
}

static coda_status check_spec(const coda_table *t, const coda_sumspec *s,
                              int weighted, coda_error *err)
{
    const coda_column *c = s->col >= 0 ? &t->cols[s->col] : NULL;
    const coda_column *c2 = two_columns(s->fn) && s->col2 >= 0
                                ? &t->cols[s->col2] : NULL;
    if (!c && s->fn != CODA_SUM_COUNT && s->fn != CODA_SUM_WCOUNT)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise: %s "
                              "of \"%s\" needs a column", fn_names[s->fn],
                              s->name);
    if (two_columns(s->fn) && !c2)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "summarise: %s "
                              "of \"%s\" needs two columns", fn_names[s->fn],
                              s->name);
    if (c2 && !numeric(c2)) /* the type check below names it */
        c = c2;
    if (c && ((needs_number(s->fn) && !numeric(c)) ||
              ((s->fn == CODA_SUM_MIN || s->fn == CODA_SUM_MAX) &&
               c->type == CODA_MULTI)))
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "summarise: "
                              "cannot take the %s of column \"%s\" (%s)",
                              fn_names[s->fn], c->name,
                              coda_type_name(c->type));
    return check_params(s, weighted, err);
}

coda_status sum_check_specs(const coda_table *t, const size_t *keys,
                            size_t nk, const coda_sumspec *s, size_t ns,
                            int weighted, coda_error *err)
{
    for (size_t i = 0; i < ns; i++) {
        coda_status st = check_spec(t, &s[i], weighted, err);
        if (st != CODA_OK)
            return st;
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
                         const coda_sumspec *s, size_t ns, const double *w,
                         layout *l, coda_table *o, coda_error *err)
{
    coda_status st = CODA_OK;
    size_t k = 0; /* the spec that failed */
    if (nk) /* the groups are numbered in key order (l->order) */
        st = coda_group_key_columns(&l->g, t, keys, nk, o, 0);
    for (size_t i = 0; i < ns && st == CODA_OK; i++) {
        const coda_column *c = s[i].col >= 0 ? &t->cols[s[i].col] : NULL;
        st = coda_table_init_column(o, nk + i, s[i].name,
                                    sum_result_type(&s[i], c, w != NULL));
    }
    if (st == CODA_OK)
        st = run_specs(t, s, ns, w, l, nk, o, nk, &k);
    if (st == CODA_ELIMIT) /* the spec whose integer sum overflowed */
        coda_error_set(err, st, NULL, 0, 0, "summarise: the sum of column "
                       "\"%s\" (\"%s\") does not fit a 64-bit integer",
                       t->cols[s[k].col].name, s[k].name);
    return st;
}

static coda_status run(const coda_table *t, const size_t *keys, size_t nk,
                       const coda_sumspec *specs, size_t ns, const double *w,
                       coda_table **out, coda_error *err)
{
    layout l;
    coda_table *o = NULL;
    coda_status st = make_layout(t, keys, nk, &l);
    if (st == CODA_OK)
        st = coda_table_create(l.ng, nk + ns, &o);
    if (st == CODA_OK)
        st = build(t, keys, nk, specs, ns, w, &l, o, err);
    free_layout(&l);
    return sum_hand_over(st, o, out, err);
}

coda_status coda_summarise(const coda_table *t, const size_t *keys, size_t nk,
                           const coda_sumspec *specs, size_t ns,
                           coda_table **out, coda_error *err)
{
    return coda_summarise_weighted(t, keys, nk, specs, ns, -1, out, err);
}

coda_status coda_summarise_weighted(const coda_table *t, const size_t *keys,
                                    size_t nk, const coda_sumspec *specs,
                                    size_t ns, long weight, coda_table **out,
                                    coda_error *err)
{
    coda_status st = sum_check_specs(t, keys, nk, specs, ns, weight >= 0,
                                     err);
    double *w = NULL;
    if (st == CODA_OK && weight >= 0) {
        st = coda_weights_get(t, (size_t)weight, "summarise", &w, err);
    }
    if (st == CODA_OK)
        st = run(t, keys, nk, specs, ns, w, out, err);
    coda_free(w);
    return st;
}
