/* agg_test.c - tests of significance on a Dataset: chi-square and Fisher
 * on a crosstab's counts, t tests of a numeric column, and the column
 * proportion z-tests of banner tables with their letters. */
#include "agg.h"

#include "agg_keys.h"
#include "base_alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The counts of a by b as an na x nb matrix (from coda_crosstab, every
 * pair of observed values, a then b); *xt keeps the crosstab. */
static coda_status count_matrix(const coda_table *t, size_t a, size_t b,
                                const char *verb, coda_table **xt,
                                double **obs, size_t *na, size_t *nb,
                                coda_error *err)
{
    if (t->cols[a].type == CODA_MULTI || t->cols[b].type == CODA_MULTI)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "%s: a multi "
                              "column counts a row more than once; test "
                              "one label at a time", verb);
    coda_xtab_opts o;
    coda_xtab_opts_init(&o);
    o.ci = CODA_CI_NONE;
    coda_status st = coda_crosstab(t, a, b, &o, xt, err);
    if (st != CODA_OK)
        return st;
    size_t n = (*xt)->nrow, k = 0;
    while (k < n && coda_value_cmp(&(*xt)->cols[0], 0, k) == 0)
        k++;
    *nb = k, *na = k ? n / k : 0;
    *obs = coda_malloc((n + 1) * sizeof **obs);
    if (!*obs)
        return coda_error_nomem(err);
    for (size_t i = 0; i < n; i++)
        (*obs)[i] = (double)(*xt)->cols[2].v.i[i];
    return CODA_OK;
}

static coda_status too_small(const char *verb, size_t na, size_t nb,
                             coda_error *err)
{
    return coda_error_set(err, CODA_EARG, NULL, 0, 0, "%s: the table is %zu "
                          "x %zu; a test needs two values on each side",
                          verb, na, nb);
}

static const char *const test_names[] = { "statistic", "df", "p", "n" };

/* A one-row Dataset statistic, df, p, n, method. */
static coda_status test_row(coda_test r, double n, const char *method,
                            coda_table **out)
{
    double v[] = { r.statistic, r.df, r.p, n };
    return coda_test_table(test_names, v, 4, method, out);
}

static const char *const cell_names[] = { "row", "col", "observed",
                                          "expected", "residual", "stdres" };

/* The cells of a chi-square: row, col, observed, expected, Pearson's
 * residual (O - E) / sqrt(E) and the standardised residual. */
static coda_status chisq_cells(const coda_table *xt, const double *obs,
                               const double *e, const double *sr,
                               coda_table **out)
{
    size_t n = xt->nrow, *rows = coda_malloc((n + 1) * sizeof *rows);
    coda_table *o = NULL;
    coda_status st = rows ? coda_table_create(n, 6, &o) : CODA_ENOMEM;
    for (size_t i = 0; i < n && rows; i++)
        rows[i] = i;
    for (size_t c = 0; c < 2 && st == CODA_OK; c++)
        st = coda_table_gather_column(o, c, cell_names[c], xt, c, rows, n);
    coda_type types[] = { CODA_NUMBER, CODA_NUMBER, CODA_NUMBER, CODA_NUMBER };
    for (size_t c = 2; c < 6 && st == CODA_OK; c++)
        st = coda_table_init_column(o, c, cell_names[c], types[c - 2]);
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        double v[] = { obs[i], e[i], (obs[i] - e[i]) / sqrt(e[i]), sr[i] };
        for (size_t c = 0; c < 4; c++)
            o->cols[2 + c].v.d[i] = v[c];
    }
    coda_free(rows);
    if (st != CODA_OK) {
        coda_table_free(o);
        return st;
    }
    *out = o;
    return CODA_OK;
}

coda_status coda_chisq(const coda_table *t, size_t a, size_t b, int correct,
                       coda_table **test, coda_table **cells, coda_error *err)
{
    coda_table *xt = NULL;
    double *obs = NULL, *work = NULL;
    size_t na = 0, nb = 0;
    coda_status st = count_matrix(t, a, b, "chisq", &xt, &obs, &na, &nb, err);
    if (st == CODA_OK && (na < 2 || nb < 2))
        st = too_small("chisq", na, nb, err);
    if (st == CODA_OK && !(work = coda_malloc((2 * na * nb + na + nb + 1) *
                                              sizeof *work)))
        st = coda_error_nomem(err);
    if (st == CODA_OK) {
        double *e = work, *sr = work + na * nb, n = 0;
        coda_test r = coda_chisq_test(obs, na, nb, correct,
                                      work + 2 * na * nb, e, sr);
        for (size_t i = 0; i < na * nb; i++)
            n += obs[i];
        const char *m = correct && na == 2 && nb == 2
                      ? "Pearson's chi-squared test with Yates' continuity "
                        "correction" : "Pearson's chi-squared test";
        st = test_row(r, n, m, test);
        if (st == CODA_OK && (st = chisq_cells(xt, obs, e, sr, cells)))
            coda_table_free(*test);
        if (st != CODA_OK)
            coda_error_nomem(err);
    }
    coda_free(work);
    coda_free(obs);
    coda_table_free(xt);
    return st;
}

coda_status coda_fisher(const coda_table *t, size_t a, size_t b,
                        coda_table **out, coda_error *err)
{
    coda_table *xt = NULL;
    double *o = NULL;
    size_t na = 0, nb = 0;
    coda_status st = count_matrix(t, a, b, "fisher", &xt, &o, &na, &nb, err);
    if (st == CODA_OK && (na != 2 || nb != 2))
        st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "fisher: the table "
                            "is %zu x %zu; Fisher's exact test here is of a "
                            "2 x 2 table", na, nb);
    if (st == CODA_OK) {
        coda_test r = { NAN, NAN, NAN,
                        coda_fisher_2x2(o[0], o[1], o[2], o[3]) };
        r.statistic = o[0] * o[3] / (o[1] * o[2]);
        st = test_row(r, o[0] + o[1] + o[2] + o[3],
                      "Fisher's exact test (statistic: the sample odds "
                      "ratio)", out);
        if (st != CODA_OK)
            coda_error_nomem(err);
    }
    coda_free(o);
    coda_table_free(xt);
    return st;
}
