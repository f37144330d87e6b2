/* check_survey.c - designs and their standard errors (survey.h) on a
 * small stratified cluster sample worked by hand: totals and means with
 * and without a finite population correction, each lonely-PSU rule, a
 * domain, and the errors of a bad design. */
#include "harness/keep.h"
#include "harness/aggtest.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "survey.h"

#include <math.h>

/* Stratum A: PSU 1 (y 1 and 3, weight 1), PSU 2 (y 5, weight 2);
 * stratum B: PSU 3 (y 2), PSU 4 (y 4); stratum C: PSU 5 (y 6), alone.
 * N is each stratum's population of PSUs. */
static const xtab s_data = { 6, {
    { "h", CODA_STRING, { "A", "A", "A", "B", "B", "C" } },
    { "psu", CODA_INTEGER, { "1", "1", "2", "3", "4", "5" } },
    { "w", CODA_NUMBER, { "1", "1", "2", "1", "1", "1" } },
    { "y", CODA_NUMBER, { "1", "3", "5", "2", "4", "6" } },
    { "N", CODA_INTEGER, { "4", "4", "4", "10", "10", "2" } } } };

static coda_design *design(coda_table *t, int fpc, coda_lonely lonely)
{
    coda_design_spec s = { 2, 0, 1, fpc ? 4 : -1, lonely };
    coda_design *d = NULL;
    coda_error err;
    ck_assert_msg(coda_design_create(t, &s, &d, &err) == CODA_OK, "%s",
                  err.msg);
    return d;
}

/* The estimate and se of stat of y over the rows in[] (NULL: all). */
static void estimate(const coda_design *d, const coda_table *t,
                     coda_svy_stat stat, const uint8_t *in, double *est,
                     double *se)
{
    size_t y = 3;
    coda_svy_domain dom = { in, NULL, 0 };
    coda_svy_opts o;
    coda_svy_opts_init(&o);
    coda_table *out = NULL;
    coda_error err;
    ck_assert_msg(coda_svy_estimate(d, t, stat, &y, NULL, 1, &dom, &o, &out,
                                    &err) == CODA_OK, "%s", err.msg);
    keep_table(out);
    *est = out->cols[2].v.d[0];
    *se = out->cols[3].v.d[0];
}

#define NEAR(a, b) ck_assert_msg(fabs((a) - (b)) <= 1e-12 * fabs(b), \
                                 "%.17g, want %.17g", (a), (b))

/* Strata A and B only (rows 0-4): PSU totals A 4, 10 and B 2, 4; the
 * total's variance is 2 * 18 + 2 * 2 = 40; the mean 20/6 has linearised
 * PSU totals -4/9, 5/9 and -2/9, 1/9: variance 2 * 1/2 + 2 * 1/18. */
START_TEST(test_total_and_mean)
{
    coda_table *t = keep_table(xtab_build(&s_data));
    coda_design *d = design(t, 0, CODA_LONELY_REMOVE);
    uint8_t ab[] = { 1, 1, 1, 1, 1, 0 };
    double est, se;
    estimate(d, t, CODA_SVY_TOTAL, ab, &est, &se);
    NEAR(est, 20.0);
    NEAR(se, sqrt(40.0));
    estimate(d, t, CODA_SVY_MEAN, ab, &est, &se);
    NEAR(est, 10.0 / 3);
    NEAR(se, sqrt(10.0) / 3);
    coda_design_free(d);
}
END_TEST

/* With N: A keeps (4 - 2)/4 of its variance, B (10 - 2)/10, C none. */
START_TEST(test_fpc)
{
    coda_table *t = keep_table(xtab_build(&s_data));
    coda_design *d = design(t, 1, CODA_LONELY_ADJUST);
    uint8_t ab[] = { 1, 1, 1, 1, 1, 0 };
    double est, se;
    estimate(d, t, CODA_SVY_TOTAL, ab, &est, &se);
    NEAR(se, sqrt(36 * 0.5 + 4 * 0.8));
    coda_design_free(d);
}
END_TEST

/* Stratum C's single PSU (total 6): nothing, 6^2, or the average of A and
 * B's 36 and 4 over the three strata. */
START_TEST(test_lonely)
{
    static const coda_lonely rule[] = { CODA_LONELY_REMOVE,
                                        CODA_LONELY_CERTAINTY,
                                        CODA_LONELY_ADJUST,
                                        CODA_LONELY_AVERAGE };
    static const double var[] = { 40, 40, 76, 60 };
    coda_table *t = keep_table(xtab_build(&s_data));
    coda_design *d = design(t, 0, rule[_i]);
    double est, se;
    estimate(d, t, CODA_SVY_TOTAL, NULL, &est, &se);
    NEAR(est, 26.0);
    NEAR(se, sqrt(var[_i]));
    coda_design_free(d);
}
END_TEST

START_TEST(test_errors)
{
    coda_table *t = keep_table(xtab_build(&s_data));
    coda_design_spec s = { 2, 0, 1, -1, CODA_LONELY_FAIL };
    coda_design *d = NULL;
    coda_error err;
    ck_assert_int_eq(coda_design_create(t, &s, &d, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "design: stratum C (column \"h\") has only one "
                              "PSU (row 6); lonely_psu = \"remove\", "
                              "\"certainty\", \"adjust\" or \"average\" says "
                              "what it adds to a variance");
    s.lonely = CODA_LONELY_REMOVE;
    s.fpc = 2; /* w: 1 and 2 in stratum A */
    ck_assert_int_eq(coda_design_create(t, &s, &d, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "design: fpc column \"w\" varies within a "
                              "stratum (2 at row 3, 1 before)");
    s.fpc = 1; /* psu: 1 and 2 in the one stratum */
    s.strata = -1;
    ck_assert_int_eq(coda_design_create(t, &s, &d, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "design: fpc column \"psu\" varies within a "
                              "stratum (2 at row 3, 1 before)");
    s.fpc = -1;
    s.weights = 0;
    ck_assert_int_eq(coda_design_create(t, &s, &d, &err), CODA_ETYPE);
    ck_assert_str_eq(err.msg, "design: weight column \"h\" is string, not a "
                              "number");
}
END_TEST

Suite *survey_suite(void)
{
    Suite *s = suite_create("survey");
    TCase *tc = tcase_create("survey");
    tcase_add_checked_fixture(tc, NULL, test_teardown);
    tcase_add_test(tc, test_total_and_mean);
    tcase_add_test(tc, test_fpc);
    tcase_add_loop_test(tc, test_lonely, 0, 4);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);
    return s;
}
