/* agg_ztest.c - column proportion z-tests of a banner table: within each
 * row of a crosstab, every pair of columns' percentages compared by a
 * two-proportion z-test (pooled), and each cell given the letters of the
 * columns it is significantly above, as SPSS Custom Tables prints them. */
#include "agg.h"

#include "agg_keys.h"
#include "base_alloc.h"

#include <math.h>
#include <string.h>

/* The letter of column j: A..Z, then AA, AB, ... */
void agg_letter(size_t j, char *buf)
{
    char tmp[16];
    size_t n = 0;
    do {
        tmp[n++] = (char)('A' + j % 26);
        j = j / 26;
    } while (j-- > 0 && n < sizeof tmp - 1);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

/* The p-value of the difference of x1/n1 and x2/n2, or NaN when the
 * pooled proportion is 0 or 1 (no test). */
static double z_p(double x1, double n1, double x2, double n2)
{
    double p = (x1 + x2) / (n1 + n2);
    if (!(p > 0 && p < 1))
        return NAN;
    double z = (x1 / n1 - x2 / n2) / sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
    return 2 * coda_pnorm_upper(fabs(z));
}

/* The letters of the cells among x[0..nb) of n[0..nb) that cell j is
 * significantly above, in buf of size bytes. */
void agg_letters_above(const int64_t *x, const int64_t *n, size_t nb,
                       size_t j, const coda_ztest_opts *zo, char *buf,
                       size_t size)
{
    double pairs = (double)nb * (double)(nb - 1) / 2;
    char l[16];
    buf[0] = '\0';
    for (size_t k = 0; k < nb; k++) {
        if (k == j || !n[j] || !n[k] ||
            (double)x[j] * (double)n[k] <= (double)x[k] * (double)n[j])
            continue;
        double p = z_p((double)x[j], (double)n[j], (double)x[k],
                       (double)n[k]) * (zo->bonferroni ? pairs : 1);
        agg_letter(k, l);
        if (p < 1 - zo->level && strlen(buf) + strlen(l) < size)
            strcat(buf, l);
    }
}

/* The letters of row i's cells: those of the columns each is above. */
static coda_status row_letters(coda_table *o, const coda_table *xt, size_t i,
                               size_t nb, const coda_ztest_opts *zo)
{
    const int64_t *x = xt->cols[2].v.i + i * nb, *n = xt->cols[5].v.i + i * nb;
    coda_status st = CODA_OK;
    for (size_t j = 0; j < nb && st == CODA_OK; j++) {
        char buf[512];
        agg_letters_above(x, n, nb, j, zo, buf, sizeof buf);
        st = coda_table_set_string(o, 6, i * nb + j, buf, strlen(buf));
    }
    return st;
}

static const char *const names[] = { "row", "col", "letter", "count",
                                     "col_base", "col_pct", "above" };

static coda_status build(const coda_table *xt, size_t na, size_t nb,
                         const coda_ztest_opts *zo, coda_table *o)
{
    size_t n = xt->nrow, src[] = { 0, 1, 0, 2, 5, 6 };
    size_t *rows = coda_malloc((n + 1) * sizeof *rows);
    coda_status st = rows ? CODA_OK : CODA_ENOMEM;
    for (size_t i = 0; i < n && rows; i++)
        rows[i] = i;
    for (size_t c = 0; c < 6 && st == CODA_OK; c++)
        st = c == 2 ? coda_table_init_column(o, 2, names[2], CODA_STRING)
                    : coda_table_gather_column(o, c, names[c], xt, src[c],
                                               rows, n);
    for (size_t r = 0; r < n && st == CODA_OK; r++) {
        char l[16];
        agg_letter(r % nb, l);
        st = coda_table_set_string(o, 2, r, l, strlen(l));
    }
    if (st == CODA_OK)
        st = coda_table_init_column(o, 6, names[6], CODA_STRING);
    for (size_t i = 0; i < na && st == CODA_OK; i++)
        st = row_letters(o, xt, i, nb, zo);
    coda_free(rows);
    return st;
}

void coda_ztest_opts_init(coda_ztest_opts *o)
{
    o->level = 0.95;
    o->bonferroni = 0;
}

coda_status coda_ztest_columns(const coda_table *t, size_t a, size_t b,
                               const coda_ztest_opts *zo, coda_table **out,
                               coda_error *err)
{
    if (t->cols[b].type == CODA_MULTI)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "ztest_columns: "
                              "the columns (\"%s\") cannot be multi: a row "
                              "would be in two of them", t->cols[b].name);
    coda_xtab_opts xo;
    coda_xtab_opts_init(&xo);
    xo.ci = CODA_CI_NONE;
    coda_table *xt = NULL, *o = NULL;
    coda_status st = coda_crosstab(t, a, b, &xo, &xt, err);
    if (st != CODA_OK)
        return st;
    size_t n = xt->nrow, nb = 0;
    while (nb < n && coda_value_cmp(&xt->cols[0], 0, nb) == 0)
        nb++;
    st = coda_table_create(n, 7, &o);
    if (st == CODA_OK)
        st = build(xt, nb ? n / nb : 0, nb, zo, o);
    coda_table_free(xt);
    if (st != CODA_OK) {
        coda_table_free(o);
        return coda_error_nomem(err);
    }
    *out = o;
    return CODA_OK;
}
