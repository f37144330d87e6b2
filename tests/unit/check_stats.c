/* check_stats.c - the normal quantile, the incomplete beta function,
 * Wilson and Clopper-Pearson intervals (stats.h) against published and
 * closed-form values, and half-up decimal rounding. */
#include "suites.h"

#include "stats.h"

#include <math.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* --- the normal quantile -------------------------------------------------- */

START_TEST(test_normal_quantile_values)
{
    static const struct {
        double p, z;
    } k[] = {
        { 0.975, 1.959963984540054 }, { 0.025, -1.959963984540054 },
        { 0.5, 0 }, { 0.95, 1.6448536269514722 }, { 0.995, 2.5758293035489004 },
        { 0.001, -3.090232306167813 }, { 0.9999, 3.7190164854556804 },
        { 0.8413447460685429, 1.0 }, { 1e-10, -6.361340902404056 },
    };
    for (size_t i = 0; i < NELEM(k); i++)
        ck_assert_msg(fabs(coda_normal_quantile(k[i].p) - k[i].z) <= 1e-9 *
                      (1 + fabs(k[i].z)), "p = %g: %.17g, expected %.17g",
                      k[i].p, coda_normal_quantile(k[i].p), k[i].z);
    ck_assert(isinf(coda_normal_quantile(0)) && coda_normal_quantile(0) < 0);
    ck_assert(isinf(coda_normal_quantile(1)) && coda_normal_quantile(1) > 0);
    ck_assert(coda_normal_quantile(-0.5) < 0 && isinf(coda_normal_quantile(-0.5)));
}
END_TEST

/* Phi(quantile(p)) = p across the range, both tails included. */
START_TEST(test_normal_quantile_round_trip)
{
    for (int i = 1; i < 2000; i++) {
        double p = i / 2000.0;
        double z = coda_normal_quantile(p);
        ck_assert_double_eq_tol(0.5 * erfc(-z / sqrt(2)), p, 1e-14);
    }
    for (int e = 2; e <= 15; e++) {
        double p = pow(10, -e), z = coda_normal_quantile(p);
        ck_assert_msg(fabs(0.5 * erfc(-z / sqrt(2)) - p) <= 1e-12 * p,
                      "p = 1e-%d", e);
        if (e <= 8) /* 1 - p is exact enough to tell */
            ck_assert_double_eq_tol(coda_normal_quantile(1 - p), -z, 1e-6);
    }
}
END_TEST

/* --- the incomplete beta function ----------------------------------------- */

START_TEST(test_beta_inc_closed_forms)
{
    for (int i = 0; i <= 20; i++) {
        double x = i / 20.0;
        /* I_x(1, b) = 1 - (1 - x)^b; I_x(a, 1) = x^a */
        ck_assert_double_eq_tol(coda_beta_inc(1, 7, x), 1 - pow(1 - x, 7), 1e-13);
        ck_assert_double_eq_tol(coda_beta_inc(4, 1, x), pow(x, 4), 1e-13);
        /* I_x(2, 3) = 6x^2 - 8x^3 + 3x^4 */
        ck_assert_double_eq_tol(coda_beta_inc(2, 3, x),
                                6 * x * x - 8 * x * x * x + 3 * pow(x, 4), 1e-13);
        /* symmetry: I_x(a, b) = 1 - I_{1-x}(b, a) */
        ck_assert_double_eq_tol(coda_beta_inc(3.5, 12, x),
                                1 - coda_beta_inc(12, 3.5, 1 - x), 1e-13);
    }
    ck_assert_double_eq_tol(coda_beta_inc(50, 50, 0.5), 0.5, 1e-13);
    ck_assert_double_eq_tol(coda_beta_inc(0.5, 0.5, 0.5), 0.5, 1e-13);
    ck_assert_double_eq(coda_beta_inc(2, 2, 0), 0);
    ck_assert_double_eq(coda_beta_inc(2, 2, 1), 1);
    ck_assert_double_eq(coda_beta_inc(2, 2, -1), 0);
    ck_assert_double_eq(coda_beta_inc(2, 2, 2), 1);
}
END_TEST

/* --- intervals ------------------------------------------------------------- */

static void ci(coda_ci m, double level, long x, long n, double *lo, double *hi)
{
    coda_proportion_ci(m, level, x, n, lo, hi);
}

/* Wilson 95%: 3/59 is [1.74, 13.92], 13/59 is [13.35, 34.13]. */
START_TEST(test_wilson_published)
{
    double lo, hi;
    char a[48], b[48];
    ci(CODA_CI_WILSON, 0.95, 3, 59, &lo, &hi);
    ck_assert_str_eq(coda_format_half_up(lo, 2, a), "1.74");
    ck_assert_str_eq(coda_format_half_up(hi, 2, b), "13.92");
    ci(CODA_CI_WILSON, 0.95, 13, 59, &lo, &hi);
    ck_assert_str_eq(coda_format_half_up(lo, 2, a), "13.35");
    ck_assert_str_eq(coda_format_half_up(hi, 2, b), "34.13");
    ci(CODA_CI_WILSON, 0.95, 4, 5, &lo, &hi);
    ck_assert_double_eq_tol(lo, 37.5535, 1e-4);
    ck_assert_double_eq_tol(hi, 96.3776, 1e-4);
}
END_TEST

/* Wilson's formula written out, for many x and n and three levels. */
START_TEST(test_wilson_formula)
{
    static const struct {
        double level, z;
    } lv[] = { { 0.95, 1.959963984540054 }, { 0.9, 1.6448536269514722 },
               { 0.99, 2.5758293035489004 } };
    for (size_t l = 0; l < NELEM(lv); l++)
        for (long n = 1; n <= 60; n += 7)
            for (long x = 0; x <= n; x++) {
                double p = (double)x / n, z = lv[l].z, den = 1 + z * z / n;
                double c = (p + z * z / (2.0 * n)) / den;
                double h = z * sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / den;
                double lo, hi;
                ci(CODA_CI_WILSON, lv[l].level, x, n, &lo, &hi);
                ck_assert_double_eq_tol(lo, x == 0 ? 0 : 100 * (c - h), 1e-9);
                ck_assert_double_eq_tol(hi, x == n ? 100 : 100 * (c + h), 1e-9);
            }
}
END_TEST

/* The bound at 0 successes is exactly 0, at n exactly 100. */
START_TEST(test_exact_ends)
{
    const coda_ci m[] = { CODA_CI_WILSON, CODA_CI_CLOPPER_PEARSON };
    for (size_t i = 0; i < NELEM(m); i++)
        for (long n = 1; n <= 200; n += 13) {
            double lo, hi;
            ci(m[i], 0.95, 0, n, &lo, &hi);
            ck_assert_double_eq(lo, 0);
            ck_assert(hi > 0 && hi < 100);
            ci(m[i], 0.95, n, n, &lo, &hi);
            ck_assert_double_eq(hi, 100);
            ck_assert(lo > 0 && lo < 100);
        }
}
END_TEST

/* Clopper-Pearson at 0/n: upper = 1 - (alpha/2)^(1/n); at n/n: lower =
 * (alpha/2)^(1/n).  0/10: 30.85%. */
START_TEST(test_clopper_pearson_ends)
{
    double lo, hi;
    ci(CODA_CI_CLOPPER_PEARSON, 0.95, 0, 10, &lo, &hi);
    ck_assert_double_eq_tol(hi, 100 * (1 - pow(0.025, 0.1)), 1e-9);
    char buf[48];
    ck_assert_str_eq(coda_format_half_up(hi, 2, buf), "30.85");
    for (long n = 1; n <= 100; n += 9) {
        ci(CODA_CI_CLOPPER_PEARSON, 0.9, 0, n, &lo, &hi);
        ck_assert_double_eq_tol(hi, 100 * (1 - pow(0.05, 1.0 / n)), 1e-9);
        ci(CODA_CI_CLOPPER_PEARSON, 0.9, n, n, &lo, &hi);
        ck_assert_double_eq_tol(lo, 100 * pow(0.05, 1.0 / n), 1e-9);
    }
}
END_TEST

/* The bounds are the beta quantiles: I_lo(x, n-x+1) = alpha/2 and
 * I_hi(x+1, n-x) = 1 - alpha/2; the interval is symmetric in x <-> n-x and
 * contains Wilson's at the ends. */
START_TEST(test_clopper_pearson_inside)
{
    for (long n = 2; n <= 80; n += 11)
        for (long x = 1; x < n; x++) {
            double lo, hi, lo2, hi2;
            ci(CODA_CI_CLOPPER_PEARSON, 0.95, x, n, &lo, &hi);
            ck_assert_double_eq_tol(coda_beta_inc((double)x, (double)(n - x + 1),
                                                  lo / 100), 0.025, 1e-9);
            ck_assert_double_eq_tol(coda_beta_inc((double)(x + 1), (double)(n - x),
                                                  hi / 100), 0.975, 1e-9);
            ci(CODA_CI_CLOPPER_PEARSON, 0.95, n - x, n, &lo2, &hi2);
            ck_assert_double_eq_tol(lo, 100 - hi2, 1e-7);
            ck_assert_double_eq_tol(hi, 100 - lo2, 1e-7);
            ck_assert(lo < 100.0 * x / n && 100.0 * x / n < hi);
        }
    /* a published value: 3/59 exact 95% is [1.06, 14.15] */
    double lo, hi;
    char a[48], b[48];
    ci(CODA_CI_CLOPPER_PEARSON, 0.95, 3, 59, &lo, &hi);
    ck_assert_str_eq(coda_format_half_up(lo, 2, a), "1.06");
    ck_assert_str_eq(coda_format_half_up(hi, 2, b), "14.15");
}
END_TEST

/* n = 0, x outside 0..n, a level outside (0, 1) or no method: NaN. */
START_TEST(test_ci_undefined)
{
    static const struct {
        coda_ci m;
        double level;
        long x, n;
    } k[] = {
        { CODA_CI_WILSON, 0.95, 0, 0 }, { CODA_CI_CLOPPER_PEARSON, 0.95, 0, 0 },
        { CODA_CI_WILSON, 0.95, 5, 4 }, { CODA_CI_WILSON, 0.95, -1, 4 },
        { CODA_CI_CLOPPER_PEARSON, 0.95, 5, 4 }, { CODA_CI_WILSON, 0.95, 1, -3 },
        { CODA_CI_WILSON, 1.0, 1, 4 }, { CODA_CI_WILSON, 0.0, 1, 4 },
        { CODA_CI_WILSON, 1.5, 1, 4 }, { CODA_CI_CLOPPER_PEARSON, -0.2, 1, 4 },
        { CODA_CI_WILSON, NAN, 1, 4 }, { CODA_CI_NONE, 0.95, 1, 4 },
    };
    for (size_t i = 0; i < NELEM(k); i++) {
        double lo = 1, hi = 1;
        ci(k[i].m, k[i].level, k[i].x, k[i].n, &lo, &hi);
        ck_assert_msg(isnan(lo) && isnan(hi), "case %zu: [%g, %g]", i, lo, hi);
    }
}
END_TEST

START_TEST(test_ci_parse)
{
    coda_ci m = (coda_ci)9;
    ck_assert_int_eq(coda_ci_parse("wilson", &m), 1);
    ck_assert_int_eq(m, CODA_CI_WILSON);
    ck_assert_int_eq(coda_ci_parse("clopper-pearson", &m), 1);
    ck_assert_int_eq(m, CODA_CI_CLOPPER_PEARSON);
    ck_assert_int_eq(coda_ci_parse("none", &m), 1);
    ck_assert_int_eq(m, CODA_CI_NONE);
    ck_assert_int_eq(coda_ci_parse("Wilson", &m), 0);
    ck_assert_int_eq(coda_ci_parse("exact", &m), 0);
    ck_assert_int_eq(coda_ci_parse("", &m), 0);
    ck_assert_int_eq(m, CODA_CI_NONE);
}
END_TEST

/* --- half-up rounding ------------------------------------------------------ */

static const struct {
    double v;
    int digits;
    const char *s;
} rounds[] = {
    { 12.5, 0, "13" }, { 2.675, 2, "2.68" }, { 0.125, 2, "0.13" },
    { -0.5, 0, "-1" }, { 99.995, 2, "100.00" }, { 1.005, 2, "1.01" },
    { 0.5, 0, "1" }, { 1.5, 0, "2" }, { 2.5, 0, "3" }, { 0.45, 1, "0.5" },
    { 1.45, 1, "1.5" }, { 2.345, 2, "2.35" }, { -12.345, 2, "-12.35" },
    { -2.5, 0, "-3" }, { 9.995, 2, "10.00" }, { 999.5, 0, "1000" },
    { 0.05, 1, "0.1" }, { 0.049, 1, "0.0" }, { 0.95, 0, "1" }, { 0.4, 0, "0" },
    { 0, 0, "0" }, { 0, 2, "0.00" }, { -0.0, 1, "0.0" }, { -0.04, 1, "0.0" },
    { -0.4, 0, "0" }, { -0.05, 1, "-0.1" }, { 7, 0, "7" }, { 7, 3, "7.000" },
    { 33.333333333, 1, "33.3" }, { 66.666666667, 0, "67" },
    { 42.857142857142854, 1, "42.9" }, { 14.285714285714286, 0, "14" },
    { 1e-7, 3, "0.000" }, { 5e-7, 6, "0.000001" }, { 4.9e-7, 6, "0.000000" },
    { 123456789.125, 2, "123456789.13" }, { 1e20, 0, "100000000000000000000" },
    { 0.30000000000000004, 17, "0.30000000000000004" },
    { 0.1, 20, "0.10000000000000000000" }, { 0.1, 25, "0.10000000000000000000" },
    { 0.6, -1, "1" }, { 1e21, 0, "1e+21" }, { -1e-30, 2, "0.00" },
    { 1234.5678, 3, "1234.568" }, { 0.0005, 3, "0.001" }, { 0.00049, 3, "0.000" },
};

START_TEST(test_format_half_up)
{
    char buf[48];
    memset(buf, 'x', sizeof buf);
    const char *got = coda_format_half_up(rounds[_i].v, rounds[_i].digits, buf);
    ck_assert_ptr_eq(got, buf);
    ck_assert_msg(strcmp(buf, rounds[_i].s) == 0, "%.17g to %d places: \"%s\", "
                  "expected \"%s\"", rounds[_i].v, rounds[_i].digits, buf,
                  rounds[_i].s);
}
END_TEST

START_TEST(test_format_non_finite_and_long)
{
    char buf[48];
    ck_assert_str_eq(coda_format_half_up(NAN, 2, buf), "NA");
    ck_assert_str_eq(coda_format_half_up(INFINITY, 2, buf), "Inf");
    ck_assert_str_eq(coda_format_half_up(-INFINITY, 0, buf), "-Inf");
    /* the longest output still fits the documented 48 bytes */
    const char *s = coda_format_half_up(-9.999999999999999e20, 20, buf);
    ck_assert_uint_le(strlen(s), 47);
    ck_assert_str_eq(s, "-999999999999999900000.00000000000000000000");
}
END_TEST

Suite *stats_suite(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("stats");
    tcase_add_test(tc, test_normal_quantile_values);
    tcase_add_test(tc, test_normal_quantile_round_trip);
    tcase_add_test(tc, test_beta_inc_closed_forms);
    tcase_add_test(tc, test_wilson_published);
    tcase_add_test(tc, test_wilson_formula);
    tcase_add_test(tc, test_exact_ends);
    tcase_add_test(tc, test_clopper_pearson_ends);
    tcase_add_test(tc, test_clopper_pearson_inside);
    tcase_add_test(tc, test_ci_undefined);
    tcase_add_test(tc, test_ci_parse);
    tcase_add_loop_test(tc, test_format_half_up, 0, NELEM(rounds));
    tcase_add_test(tc, test_format_non_finite_and_long);
    suite_add_tcase(s, tc);
    return s;
}
