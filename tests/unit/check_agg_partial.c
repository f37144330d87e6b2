/* check_agg_partial.c - partial results (agg_partial.h) in C: the data of
 * check_agg split into two parts by rows, each part's partial merged,
 * against the verb over all rows; and every step of making, merging and
 * finishing them run out of memory at each allocation in turn. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "agg_partial.h"
#include "summarise.h"

/* st, n, x, b, m as in check_agg.c (m's vocabulary x, y, z, w). */
static const xtab x_data = { 8, {
    { "st", CODA_STRING, { "B", "A", "B", NULL, "C", "B", "A", "A" } },
    { "n", CODA_INTEGER, { "3", "1", "3", "2", NULL, "1", "3", "10" } },
    { "x", CODA_NUMBER, { "2.5", "-1", "2.5", NULL, "0.5", NULL, "2.5", "-1" } },
    { "b", CODA_BOOLEAN, { "true", "false", NULL, "true", "true", "false",
                           NULL, "true" } },
    { "m", CODA_MULTI, { "x|y", "", NULL, "y", "z|x", "y", NULL, "x" } },
    { "w", CODA_NUMBER, { "0.5", "1.5", "2", "1", "0.25", "3", "1", "2" } } } };

static coda_table *data, *part[2];

static void setup(void)
{
    static const size_t rows[2][4] = { { 0, 2, 4, 6 }, { 1, 3, 5, 7 } };
    data = tb_new(x_data.nrow, 6);
    for (size_t c = 0; c < 6; c++) {
        tb_col(data, c, x_data.c[c].name, x_data.c[c].type);
        if (c == 4)
            tb_labels(data, c, "x|y|z|w");
        for (size_t r = 0; r < x_data.nrow; r++)
            tb_cell(data, c, r, x_data.c[c].v[r]);
    }
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(coda_table_take(data, rows[i], 4, &part[i]), CODA_OK);
}

static void teardown(void)
{
    test_teardown();
    coda_table_free(data);
    coda_table_free(part[0]);
    coda_table_free(part[1]);
}

/* A run: verb 0 frequency of a, 1 crosstab of a by b, 2 summaries by a;
 * weighted by column 5 or not. */
typedef struct prun {
    int verb, weighted;
    size_t a, b;
} prun;

static const coda_sumspec specs[] = {
    { "n", CODA_SUM_COUNT, -1, 0, 0, -1 },
    { "s", CODA_SUM_SUM, 2, 0, 0, -1 },
    { "m", CODA_SUM_MEAN, 1, 0, 0, -1 },
    { "lo", CODA_SUM_MIN, 2, 0, 0, -1 },
};

/* The options of run k. */
static void opts(const prun *k, coda_freq_opts *fo, coda_xtab_opts *xo)
{
    coda_freq_opts_init(fo);
    coda_xtab_opts_init(xo);
    fo->weight = xo->weight = k->weighted ? 5 : -1;
}

static coda_status make(const prun *k, const coda_table *t, coda_partial **p,
                        coda_error *err)
{
    coda_freq_opts fo;
    coda_xtab_opts xo;
    opts(k, &fo, &xo);
    if (k->verb == 0)
        return coda_frequency_partial(t, k->a, &fo, p, err);
    if (k->verb == 1)
        return coda_crosstab_partial(t, k->a, k->b, &xo, p, err);
    return coda_summarise_partial(t, &k->a, 1, specs, 4, k->weighted ? 5 : -1,
                                  p, err);
}

static coda_status finish(const prun *k, const coda_partial *p,
                          coda_table **out, coda_error *err)
{
    coda_freq_opts fo;
    coda_xtab_opts xo;
    opts(k, &fo, &xo);
    const char *w = k->weighted ? "w" : NULL;
    if (k->verb == 0)
        return coda_frequency_from_partial(p, &fo, w, out, err);
    if (k->verb == 1)
        return coda_crosstab_from_partial(p, &xo, w, out, err);
    return coda_summarise_from_partial(p, data, specs, 4, k->weighted, out,
                                       err);
}

static coda_status whole(const prun *k, coda_table **out, coda_error *err)
{
    coda_freq_opts fo;
    coda_xtab_opts xo;
    opts(k, &fo, &xo);
    if (k->verb == 0)
        return coda_frequency(data, k->a, &fo, out, err);
    if (k->verb == 1)
        return coda_crosstab(data, k->a, k->b, &xo, out, err);
    return coda_summarise_weighted(data, &k->a, 1, specs, 4,
                                   k->weighted ? 5 : -1, out, err);
}

/* Both parts' partials merged and finished into *out. */
static coda_status split_merge(const prun *k, coda_table **out,
                               coda_error *err)
{
    coda_partial *p[2] = { NULL, NULL }, *m = NULL;
    coda_status st = make(k, part[0], &p[0], err);
    if (st == CODA_OK)
        st = make(k, part[1], &p[1], err);
    if (st == CODA_OK)
        st = coda_partial_merge(p, 2, &m, err);
    if (st == CODA_OK)
        st = finish(k, m, out, err);
    coda_partial_free(p[0]);
    coda_partial_free(p[1]);
    coda_partial_free(m);
    return st;
}

static const prun runs[] = {
    { 0, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 4, 0 }, { 0, 1, 1, 0 },
    { 1, 0, 0, 4 }, { 1, 1, 4, 3 }, { 1, 0, 2, 0 },
    { 2, 0, 0, 0 }, { 2, 1, 3, 0 },
};

/* The weights are quarters: every sum is exact, so the merge is the whole
 * table cell for cell. */
START_TEST(test_split_equals_whole)
{
    coda_table *got = NULL, *want = NULL;
    ck_assert_int_eq(whole(&runs[_i], &want, NULL), CODA_OK);
    keep_table(want);
    ck_assert_int_eq(split_merge(&runs[_i], &got, NULL), CODA_OK);
    keep_table(got);
    ck_assert_tables_eq(got, want);
}
END_TEST

typedef struct oom_ctx {
    const prun *k;
    const coda_table *want;
    int differ;
} oom_ctx;

static coda_status oom_run(void *ctx, coda_error *err)
{
    oom_ctx *c = ctx;
    coda_table *out = NULL;
    coda_status st = split_merge(c->k, &out, err);
    if (st == CODA_OK) {
        char why[600];
        c->differ |= tab_diff(out, c->want, why, sizeof why);
        coda_table_free(out);
    }
    return st;
}

START_TEST(test_out_of_memory)
{
    coda_table *want = NULL;
    ck_assert_int_eq(whole(&runs[_i], &want, NULL), CODA_OK);
    keep_table(want);
    for (int persistent = 0; persistent < 2; persistent++) {
        oom_ctx c = { &runs[_i], want, 0 };
        ck_assert_int_gt(oom_loop(oom_run, &c, persistent), 1);
        ck_assert_msg(!c.differ, "a run that succeeded gave another table");
    }
}
END_TEST

Suite *agg_partial_suite(void)
{
    Suite *s = suite_create("agg_partial");
    TCase *tc = tcase_create("agg_partial");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_split_equals_whole, 0,
                        (int)(sizeof runs / sizeof runs[0]));
    tcase_add_loop_test(tc, test_out_of_memory, 0,
                        (int)(sizeof runs / sizeof runs[0]));
    suite_add_tcase(s, tc);
    return s;
}
