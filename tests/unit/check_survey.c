/* check_survey.c - designs and their standard errors (survey.h) on a
 * small stratified cluster sample worked by hand: totals and means with
 * and without a finite population correction, each lonely-PSU rule, a
 * domain, and the errors of a bad design. */
#include "harness/keep.h"
#include "harness/aggtest.h"
#include "harness/oom.h"
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
    coda_design_spec s = { 2, 0, 1, fpc ? 4 : -1, lonely, 0, { -1 }, { -1 } };
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
    coda_design_spec s = { 2, 0, 1, -1, CODA_LONELY_FAIL, 0, { -1 }, { -1 } };
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

/* Two stages, one stratum: PSUs A and B of N1 = 4; A's SSUs 1, 2 of
 * N2 = 3 (y 1, 3), B's of N2 = 2 (y 2, 6, a census).  Weights (4/2)(3/2)
 * = 3 in A, (4/2)(2/2) = 2 in B; total 3 * 4 + 2 * 8 = 28.  First stage:
 * PSU totals 12, 16, f = 1/2, scale 1: 8.  Second, times n1/N1 = 1/2:
 * A's SSU totals 3, 9, f = 1/3, scale 2/3: 12; B none.  28 +- sqrt(14). */
static const xtab s_two = { 4, {
    { "p", CODA_STRING, { "A", "A", "B", "B" } },
    { "s", CODA_INTEGER, { "1", "2", "1", "2" } },
    { "y", CODA_NUMBER, { "1", "3", "2", "6" } },
    { "N1", CODA_INTEGER, { "4", "4", "4", "4" } },
    { "N2", CODA_INTEGER, { "3", "3", "2", "2" } },
    { "g", CODA_STRING, { "u", "v", "v", "u" } } } };

static coda_design_spec two_stage(void)
{
    coda_design_spec s = { -1, -1, 0, 3, CODA_LONELY_FAIL, 1, { 1 }, { 4 } };
    return s;
}

START_TEST(test_two_stages)
{
    coda_table *t = keep_table(xtab_build(&s_two));
    coda_design_spec s = two_stage();
    coda_design *d = NULL;
    coda_error err;
    ck_assert_msg(coda_design_create(t, &s, &d, &err) == CODA_OK, "%s",
                  err.msg);
    ck_assert_uint_eq(d->nunit, 4);
    NEAR(d->w[0], 3.0);
    NEAR(d->w[3], 2.0);
    size_t y = 2;
    coda_svy_domain dom = { NULL, NULL, 0 };
    coda_svy_opts o;
    coda_svy_opts_init(&o);
    coda_table *out = NULL;
    ck_assert_int_eq(coda_svy_estimate(d, t, CODA_SVY_TOTAL, &y, NULL, 1,
                                       &dom, &o, &out, &err), CODA_OK);
    keep_table(out);
    NEAR(out->cols[2].v.d[0], 28.0);
    NEAR(out->cols[3].v.d[0], sqrt(14.0));
    coda_design_free(d);
}
END_TEST

/* Every allocation of a multistage design, an estimate and a Wald test
 * failing in turn: CODA_ENOMEM or success, nothing left allocated. */
static coda_status two_stage_run(void *ctx, coda_error *err)
{
    const coda_table *t = ctx;
    coda_design_spec s = two_stage();
    coda_design *d = NULL;
    coda_table *out = NULL;
    size_t y = 2;
    coda_svy_domain dom = { NULL, NULL, 0 };
    coda_svy_opts o;
    coda_svy_opts_init(&o);
    o.deff = 1;
    coda_status st = coda_design_create(t, &s, &d, err);
    if (st == CODA_OK)
        st = coda_svy_estimate(d, t, CODA_SVY_MEAN, &y, NULL, 1, &dom, &o,
                               &out, err);
    coda_table_free(out);
    out = NULL;
    if (st == CODA_OK)
        st = coda_svy_chisq(d, t, 0, 5, &dom, CODA_SVYCHISQ_ADJWALD, &out,
                            err);
    coda_table_free(out);
    coda_design_free(d);
    return st;
}

START_TEST(test_two_stages_out_of_memory)
{
    coda_table *t = keep_table(xtab_build(&s_two));
    for (int persistent = 0; persistent < 2; persistent++)
        ck_assert_int_gt(oom_loop(two_stage_run, t, persistent), 1);
}
END_TEST

START_TEST(test_two_stage_errors)
{
    coda_table *t = keep_table(xtab_build(&s_two));
    coda_design_spec s = two_stage();
    coda_design *d = NULL;
    coda_error err;
    s.later_fpc[0] = -1;
    ck_assert_int_eq(coda_design_create(t, &s, &d, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "design: fpc names 1 column for 2 stages of "
                              "clusters; give one a stage, or none");
    s = two_stage();
    s.later_fpc[0] = 3; /* N1 = 4 for B's 2 SSUs, but A's 2 of 4 too */
    s.later_cluster[0] = 0; /* each PSU its only SSU: lonely, of 4 */
    ck_assert_int_eq(coda_design_create(t, &s, &d, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "design: cluster A (column \"p\") has only one "
                              "cluster of column \"p\" sampled (row 1); "
                              "lonely_psu = \"remove\", \"certainty\", "
                              "\"adjust\" or \"average\" says what it adds "
                              "to a variance");
    s = two_stage();
    s.cluster = -1;
    ck_assert_int_eq(coda_design_create(t, &s, &d, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "design: a later stage of clusters needs the "
                              "first (cluster)");
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
    tcase_add_test(tc, test_two_stages);
    tcase_add_test(tc, test_two_stages_out_of_memory);
    tcase_add_test(tc, test_two_stage_errors);
    suite_add_tcase(s, tc);
    return s;
}
