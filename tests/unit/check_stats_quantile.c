/* check_stats_quantile.c - sample quantiles of R's nine types against
 * R 4.2's quantile() on one vector, the weighted quantile against values
 * worked by hand, and the checking of weight columns. */
#include "harness/keep.h"
#include "harness/aggtest.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "stats.h"

#include <math.h>

/* x <- c(16, 2, 11, 4, 7, 9, 1, 20), sorted; quantile(x, P, type = t)
 * printed by R with %.17g. */
static const double xs[] = { 1, 2, 4, 7, 9, 11, 16, 20 };
static const double P[] = { 0, 0.1, 0.25, 0.3, 0.5, 0.75, 0.9, 1 };
static const double R_q[9][8] = {
    { 1, 1, 2, 4, 7, 11, 20, 20 },
    { 1, 1, 3, 4, 8, 13.5, 20, 20 },
    { 1, 1, 2, 2, 7, 11, 16, 20 },
    { 1, 1, 2, 2.7999999999999998, 7, 11, 16.800000000000001, 20 },
    { 1, 1.3, 3, 3.7999999999999998, 8, 13.5, 18.800000000000001, 20 },
    { 1, 1, 2.5, 3.3999999999999995, 8, 14.75, 20, 20 },
    { 1, 1.7000000000000002, 3.5, 4.3000000000000007, 8, 12.25,
      17.199999999999999, 20 },
    { 1, 1.1666666666666665, 2.833333333333333, 3.6666666666666661,
      7.9999999999999982, 13.916666666666661, 19.333333333333329, 20 },
    { 1, 1.2000000000000002, 2.875, 3.7000000000000002, 8, 13.8125,
      19.199999999999999, 20 },
};

START_TEST(test_quantile_types)
{
    int type = _i + 1;
    for (size_t j = 0; j < NELEM(P); j++) {
        double q = coda_quantile_sorted(xs, NELEM(xs), P[j], type);
        ck_assert_msg(fabs(q - R_q[_i][j]) <= 1e-12 * fabs(R_q[_i][j]),
                      "type %d p %g: %.17g, R %.17g", type, P[j], q,
                      R_q[_i][j]);
    }
}
END_TEST

START_TEST(test_quantile_edges)
{
    const double one[] = { 5 };
    ck_assert(isnan(coda_quantile_sorted(xs, 0, 0.5, 7)));
    ck_assert(isnan(coda_quantile_sorted(xs, 8, 1.5, 7)));
    ck_assert(isnan(coda_quantile_sorted(xs, 8, 0.5, 10)));
    for (int t = 1; t <= 9; t++)
        ck_assert(coda_quantile_sorted(one, 1, 0.3, t) == 5);
}
END_TEST

/* Values 1, 3, 6, 10 with weights 2, 0, 1, 1 (total 4): the weighted
 * distribution function is 0.5 at 1, 0.75 at 6, 1 at 10; 3 has no
 * weight. */
START_TEST(test_weighted_quantile)
{
    static const double p[] = { 0, 0.25, 0.5, 0.51, 0.75, 0.9, 1 };
    static const double want[] = { 1, 1, 1, 6, 6, 10, 10 };
    for (size_t i = 0; i < NELEM(p); i++) {
        coda_wpair v[] = { { 10, 1 }, { 3, 0 }, { 1, 2 }, { 6, 1 } };
        ck_assert_double_eq(coda_wquantile(v, 4, p[i]), want[i]);
    }
    /* ten weights of 0.1 (inexact in binary): at p = 0.3 the share of the
     * third value is p, a tie, and the third value is the quantile */
    coda_wpair t[10];
    for (int i = 0; i < 10; i++)
        t[i] = (coda_wpair){ 10 - i, 0.1 };
    ck_assert_double_eq(coda_wquantile(t, 10, 0.3), 3);
    ck_assert_double_eq(coda_wquantile(t, 10, 0.7), 7);
    coda_wpair z[] = { { 1, 0 }, { 2, 0 } };
    ck_assert(isnan(coda_wquantile(z, 2, 0.5)));
}
END_TEST

static const xtab w_data = { 5, {
    { "ok", CODA_NUMBER, { "1", "0", "2.5", "1", "1" } },
    { "miss", CODA_INTEGER, { "1", "2", NULL, "1", "1" } },
    { "neg", CODA_NUMBER, { "1", "1", "1", "-0.5", "1" } },
    { "inf", CODA_NUMBER, { "1", "inf", "1", "1", "1" } },
    { "s", CODA_STRING, { "a", "b", "c", "d", "e" } } } };

START_TEST(test_weights_checked)
{
    coda_table *t = keep_table(xtab_build(&w_data));
    coda_error err;
    double *w = NULL;
    ck_assert_int_eq(coda_weights_get(t, 0, "v", &w, &err), CODA_OK);
    ck_assert(w[1] == 0 && w[2] == 2.5);
    coda_free(w);
    ck_assert_int_eq(coda_weights_get(t, 1, "v", &w, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "v: weight column \"miss\" is missing at row 3 "
                              "(every row needs a weight)");
    ck_assert_int_eq(coda_weights_get(t, 2, "v", &w, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "v: weight column \"neg\" has a negative "
                              "weight -0.5 at row 4");
    ck_assert_int_eq(coda_weights_get(t, 3, "v", &w, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "v: weight column \"inf\" has an infinite "
                              "weight inf at row 2");
    ck_assert_int_eq(coda_weights_get(t, 4, "v", &w, &err), CODA_ETYPE);
    ck_assert_str_eq(err.msg, "v: weight column \"s\" is string, not a "
                              "number");
}
END_TEST

Suite *stats_quantile_suite(void)
{
    Suite *s = suite_create("stats_quantile");
    TCase *tc = tcase_create("stats_quantile");
    tcase_add_checked_fixture(tc, NULL, test_teardown);
    tcase_add_loop_test(tc, test_quantile_types, 0, 9);
    tcase_add_test(tc, test_quantile_edges);
    tcase_add_test(tc, test_weighted_quantile);
    tcase_add_test(tc, test_weights_checked);
    suite_add_tcase(s, tc);
    return s;
}
