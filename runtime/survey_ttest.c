/* survey_ttest.c - design-based t tests, as R survey's svyttest: the mean
 * of a column against mu, or the difference of its means in two groups
 * (the second's less the first's, groups in value order), with the
 * design's standard error and its degrees of freedom less one. */
#include "survey_int.h"

#include "base_alloc.h"
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static double num(const coda_column *c, size_t r)
{
    return c->type == CODA_INTEGER ? (double)c->v.i[r] : c->v.d[r];
}

/* The sums of y in each group (level of by, or one group). */
static void sums(svy_cells *c, const coda_design *d, const coda_table *t,
                 const coda_svy_domain *dom, size_t y, const svy_levels *l,
                 long by)
{
    size_t cols[] = { y, (size_t)by };
    for (size_t r = 0; r < t->nrow; r++) {
        if (!svy_usable(t, dom, cols, by >= 0 ? 2 : 1, r))
            continue;
        const uint32_t *ids = NULL;
        uint32_t tmp;
        size_t g = 0;
        if (by >= 0 && keyset_row(&l->k, r, &ids, &tmp))
            g = l->pos[*ids];
        svy_add_den(c, g, d->unit[r], d->w[r], 1);
        svy_add_den(c, c->nd - 1, d->unit[r], d->w[r], 1);
        svy_add_num(c, g, d->unit[r], d->w[r], num(&t->cols[y], r), 1);
    }
}

/* The linearised values of group g's mean by PSU into tg. */
static double group_mean(const svy_cells *c, size_t g, double *tg)
{
    double m = c->Y[g] / c->X[g];
    for (size_t p = 0; p < c->np; p++)
        tg[p] = (c->num[g * c->np + p] - m * c->den[g * c->np + p]) / c->X[g];
    return m;
}

static const char *const names[] = { "statistic", "df", "p", "estimate",
                                     "se", "ci_low", "ci_high", "n" };

static coda_status result(double est, double mu, double se, double df,
                          double n, double level, const char *method,
                          coda_table **out)
{
    double t = (est - mu) / se, q = coda_qt(1 - (1 - level) / 2, df);
    double v[] = { t, df, 2 * coda_pt_upper(fabs(t), df), est, se,
                   est - q * se, est + q * se, n };
    return coda_test_table(names, v, 8, method, out);
}

/* The test from the sums: one group against mu, or two. */
static coda_status test(const svy_cells *c, const coda_design *d,
                        const coda_table *t, const svy_levels *l, long by,
                        double mu, double level, coda_table **out)
{
    double *s = svy_scratch(c, d), *t2 = coda_malloc((c->np + 1) * sizeof *t2);
    coda_status st = s && t2 ? CODA_OK : CODA_ENOMEM;
    char m[256], x[64], z[64];
    if (st == CODA_OK) {
        double est = group_mean(c, 0, s);
        if (by >= 0) {
            est = group_mean(c, 1, t2) - est;
            mu = 0;
            for (size_t p = 0; p < c->np; p++)
                s[p] = t2[p] - s[p];
            snprintf(m, sizeof m, "Design-based t test (mean of %s less mean"
                     " of %s)", coda_value_text(&t->cols[by],
                     l->k.g.first[l->ids[1]], x, sizeof x),
                     coda_value_text(&t->cols[by], l->k.g.first[l->ids[0]],
                                     z, sizeof z));
        } else {
            snprintf(m, sizeof m, "Design-based one-sample t test (mean "
                     "against %g)", mu);
        }
        double se = sqrt(svy_variance(d, s, s + c->np));
        double df = svy_degf(c, c->nd - 1, d, s + c->np) - 1;
        double n = (double)c->n[0] + (by >= 0 ? (double)c->n[1] : 0);
        st = result(est, mu, se, df, n, level, m, out);
    }
    coda_free(s);
    coda_free(t2);
    return st;
}

coda_status coda_svy_ttest(const coda_design *d, const coda_table *t,
                           size_t y, long by, double mu, double level,
                           const coda_svy_domain *dom, coda_table **out,
                           coda_error *err)
{
    const coda_column *cy = &t->cols[y];
    if (cy->type != CODA_INTEGER && cy->type != CODA_NUMBER)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "ttest: column "
                              "\"%s\" is %s, not a number", cy->name,
                              coda_type_name(cy->type));
    svy_levels l = { 0 };
    svy_cells c = { 0 };
    size_t cols[] = { y, (size_t)by };
    coda_status st = by >= 0 ? svy_levels_make(t, (size_t)by, dom, cols, 2, &l)
                             : CODA_OK;
    if (st != CODA_OK)
        st = coda_error_nomem(err);
    else if (by >= 0 && l.n != 2)
        st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "ttest: column \"%s\" "
                            "has %zu values where \"%s\" is present; a "
                            "two-sample test needs two", t->cols[by].name,
                            l.n, cy->name);
    if (st == CODA_OK)
        st = svy_cells_init(&c, by >= 0 ? 2 : 1, (by >= 0 ? 2 : 1) + 1, d, err);
    if (st == CODA_OK) {
        sums(&c, d, t, dom, y, &l, by);
        st = test(&c, d, t, &l, by, mu, level, out);
        if (st != CODA_OK)
            coda_error_nomem(err);
    }
    svy_cells_free(&c);
    if (by >= 0)
        svy_levels_free(&l);
    return st;
}
