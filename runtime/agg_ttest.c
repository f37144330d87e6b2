/* agg_ttest.c - Student's t tests of a numeric column: one sample against
 * mu, or two groups of another column (Welch's or pooled), as R's
 * t.test. */
#include "agg.h"

#include "agg_keys.h"
#include "base_alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static double num(const coda_column *c, size_t r)
{
    return c->type == CODA_INTEGER ? (double)c->v.i[r] : c->v.d[r];
}

/* Welford's mean and variance of y over the rows of group g (gid NULL:
 * every row), y and by present. */
static coda_tsum summary(const coda_table *t, const coda_column *y,
                         const coda_column *by, const uint32_t *gid,
                         uint32_t g)
{
    double n = 0, mean = 0, m2 = 0;
    for (size_t r = 0; r < t->nrow; r++) {
        if (coda_is_missing(y, r) || (gid && (gid[r] != g ||
                                              coda_is_missing(by, r))))
            continue;
        double v = num(y, r), d = v - mean;
        n++;
        mean += d / n;
        m2 += d * (v - mean);
    }
    coda_tsum s = { n, mean, n > 1 ? m2 / (n - 1) : NAN };
    return s;
}

static const char *const names[] = { "statistic", "df", "p", "estimate",
                                     "se", "ci_low", "ci_high", "n" };

static coda_status result(coda_test r, const double *v, const char *method,
                          coda_table **out)
{
    double all[] = { r.statistic, r.df, r.p, v[0], v[1], v[2], v[3], v[4] };
    return coda_test_table(names, all, 8, method, out);
}

/* The two groups of by with a present y, in value order; an error unless
 * there are exactly two. */
static coda_status two_groups(const coda_table *t, size_t y, size_t by,
                              coda_groups *g, size_t *ids, coda_error *err)
{
    coda_status st = coda_group_rows(t, &by, 1, g);
    if (st != CODA_OK)
        return coda_error_nomem(err);
    size_t n = 0;
    uint8_t *seen = coda_calloc(g->ngroups + 1, 1);
    if (!seen)
        return coda_error_nomem(err);
    for (size_t r = 0; r < t->nrow; r++) {
        uint32_t id = g->gid[r];
        if (coda_is_missing(&t->cols[y], r) ||
            coda_is_missing(&t->cols[by], r) || seen[id])
            continue;
        seen[id] = 1;
        if (n < 2)
            ids[n] = id;
        n++;
    }
    coda_free(seen);
    if (n != 2)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "ttest: column "
                              "\"%s\" has %zu values where \"%s\" is "
                              "present; a two-sample test needs two",
                              t->cols[by].name, n, t->cols[y].name);
    coda_group_sort(t, &by, 1, g, ids, 2);
    return CODA_OK;
}

static coda_status two_sample(const coda_table *t, const coda_ttest_opts *o,
                              coda_table **out, coda_error *err)
{
    coda_groups g;
    size_t ids[2];
    coda_status st = two_groups(t, o->y, (size_t)o->by, &g, ids, err);
    if (st == CODA_OK) {
        const coda_column *y = &t->cols[o->y], *by = &t->cols[o->by];
        coda_tsum a = summary(t, y, by, g.gid, (uint32_t)ids[0]);
        coda_tsum b = summary(t, y, by, g.gid, (uint32_t)ids[1]);
        double v[5], ci[2];
        coda_test r = coda_ttest2(&a, &b, o->pooled, o->level, &v[1], ci);
        char m[256], x[64], z[64];
        snprintf(m, sizeof m, "%s two-sample t test (mean of %s less mean "
                 "of %s)", o->pooled ? "Pooled-variance" : "Welch's",
                 coda_value_text(by, g.first[ids[0]], x, sizeof x),
                 coda_value_text(by, g.first[ids[1]], z, sizeof z));
        v[0] = a.mean - b.mean, v[2] = ci[0], v[3] = ci[1], v[4] = a.n + b.n;
        if ((st = result(r, v, m, out)) != CODA_OK)
            coda_error_nomem(err);
    }
    coda_groups_free(&g);
    return st;
}

void coda_ttest_opts_init(coda_ttest_opts *o)
{
    memset(o, 0, sizeof *o);
    o->by = -1;
    o->level = 0.95;
}

coda_status coda_ttest(const coda_table *t, const coda_ttest_opts *o,
                       coda_table **out, coda_error *err)
{
    const coda_column *y = &t->cols[o->y];
    if (y->type != CODA_INTEGER && y->type != CODA_NUMBER)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "ttest: column "
                              "\"%s\" is %s, not a number", y->name,
                              coda_type_name(y->type));
    if (o->by >= 0)
        return two_sample(t, o, out, err);
    coda_tsum a = summary(t, y, NULL, NULL, 0);
    if (a.n < 2)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "ttest: column "
                              "\"%s\" has %g values; a t test needs two",
                              y->name, a.n);
    double v[5], ci[2];
    coda_test r = coda_ttest1(&a, o->mu, o->level, &v[1], ci);
    v[0] = a.mean, v[2] = ci[0], v[3] = ci[1], v[4] = a.n;
    char m[128];
    snprintf(m, sizeof m, "One-sample t test (mean against %g)", o->mu);
    coda_status st = result(r, v, m, out);
    return st == CODA_OK ? st : coda_error_nomem(err);
}
