/* check_summarise_top.c - correlations by group (cor, r2, weighted) and
 * each group's rows with the largest or smallest values (slice_max,
 * slice_min), on small tables whose answers are worked out by hand. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "harness/aggtest.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "summarise.h"

#include <math.h>
#include <string.h>

/* Group a: x 1..5, y 2 4 5 4 5 (mean 3 and 4; Sxy 6, Sxx 10, Syy 6: r =
 * 6 / sqrt(60), r^2 = 0.6), and a row without y and one without x that
 * are left out.  b: x 1 2 3, y 3 2 1 (r = -1).  c: y constant (no r).
 * d: one pair (no r).  w weights a and b by 1 and d by 0. */
static const xtab cor_data = { 13, {
    { "g", CODA_STRING, { "a", "a", "a", "a", "a", "a", "a", "b", "b", "b",
                          "c", "c", "d" } },
    { "x", CODA_NUMBER, { "1", "2", "3", "4", "5", "6", NULL, "1", "2", "3",
                          "1", "2", "7" } },
    { "y", CODA_INTEGER, { "2", "4", "5", "4", "5", NULL, "100", "3", "2",
                           "1", "5", "5", "1" } },
    { "w", CODA_NUMBER, { "2", "2", "2", "2", "2", "2", "2", "1", "1", "1",
                          "1", "1", "0" } },
    { "s", CODA_STRING, { "p", "q", "r", "s", "t", "u", "v", "w", "x", "y",
                          "z", "z", "z" } } } };

static coda_table *run_cor(const coda_table *t, coda_sumfn fn, long weight)
{
    size_t key = agg_col(t, "g");
    coda_sumspec s = { "r", fn, (long)agg_col(t, "x"), 0, 0,
                       (long)agg_col(t, "y") };
    coda_table *out = NULL;
    coda_error err;
    coda_status st = coda_summarise_weighted(t, &key, 1, &s, 1, weight, &out,
                                             &err);
    ck_assert_msg(st == CODA_OK, "summarise: %s", err.msg);
    return keep_table(out);
}

START_TEST(test_cor_and_r2)
{
    coda_table *t = keep_table(xtab_build(&cor_data));
    coda_table *cor = run_cor(t, CODA_SUM_COR, -1);
    coda_table *r2 = run_cor(t, CODA_SUM_R2, -1);
    ck_assert_uint_eq(cor->nrow, 4);
    ck_assert_int_eq(cor->cols[1].type, CODA_NUMBER);
    ck_assert_double_eq_tol(cor->cols[1].v.d[0], 6 / sqrt(60), 1e-15);
    ck_assert_double_eq_tol(r2->cols[1].v.d[0], 0.6, 1e-15);
    ck_assert_double_eq_tol(cor->cols[1].v.d[1], -1, 1e-15);
    ck_assert_double_eq_tol(r2->cols[1].v.d[1], 1, 1e-15);
    for (size_t r = 2; r < 4; r++) {
        ck_assert(coda_is_missing(&cor->cols[1], r));
        ck_assert(coda_is_missing(&r2->cols[1], r));
    }
}
END_TEST

/* A weight of 2 on every row of a leaves r as it is; a weight of 2 on one
 * row counts it twice: x 1 2 3 3, y 1 3 2 2 (Sxy 1, Sxx 2.75, Syy 2: r =
 * 1 / sqrt(5.5)). */
START_TEST(test_weighted_cor)
{
    coda_table *t = keep_table(xtab_build(&cor_data));
    coda_table *cor = run_cor(t, CODA_SUM_COR, (long)agg_col(t, "w"));
    ck_assert_double_eq_tol(cor->cols[1].v.d[0], 6 / sqrt(60), 1e-15);
    static const xtab twice = { 3, {
        { "g", CODA_STRING, { "a", "a", "a" } },
        { "x", CODA_NUMBER, { "1", "2", "3" } },
        { "y", CODA_NUMBER, { "1", "3", "2" } },
        { "w", CODA_NUMBER, { "1", "1", "2" } } } };
    coda_table *t2 = keep_table(xtab_build(&twice));
    cor = run_cor(t2, CODA_SUM_COR, (long)agg_col(t2, "w"));
    ck_assert_double_eq_tol(cor->cols[1].v.d[0], 1 / sqrt(5.5), 1e-15);
}
END_TEST

START_TEST(test_cor_errors)
{
    coda_table *t = keep_table(xtab_build(&cor_data)), *out = NULL;
    size_t key = agg_col(t, "g");
    const struct {
        long col, col2;
        coda_status st;
        const char *says;
    } k[] = {
        { 1, -1, CODA_EARG, "needs two columns" },
        { 1, 4, CODA_ETYPE, "\"s\"" },
        { 4, 1, CODA_ETYPE, "\"s\"" },
    };
    for (size_t i = 0; i < NELEM(k); i++) {
        coda_sumspec s = { "r", CODA_SUM_R2, k[i].col, 0, 0, k[i].col2 };
        coda_error err;
        coda_status st = coda_summarise(t, &key, 1, &s, 1, &out, &err);
        ck_assert_msg(st == k[i].st, "case %zu: %s", i, coda_strerror(st));
        ck_assert_msg(strstr(err.msg, k[i].says), "case %zu: \"%s\"", i,
                      err.msg);
    }
}
END_TEST

/* Group a: v 5 7 7 1 (rows 0-3); b: 3 and a missing v; c: only a missing
 * v; missing g: 2. */
static const xtab top_data = { 8, {
    { "g", CODA_STRING, { "a", "a", "a", "a", "b", "b", "c", NULL } },
    { "v", CODA_NUMBER, { "5", "7", "7", "1", "3", NULL, NULL, "2" } },
    { "id", CODA_INTEGER, { "0", "1", "2", "3", "4", "5", "6", "7" } } } };

static coda_table *top(const coda_table *t, size_t nk, size_t n, int largest)
{
    size_t key = agg_col(t, "g");
    coda_table *out = NULL;
    coda_error err;
    coda_status st = coda_summarise_top(t, &key, nk, agg_col(t, "v"), n,
                                        largest, &out, &err);
    ck_assert_msg(st == CODA_OK, "slice: %s", err.msg);
    return keep_table(out);
}

START_TEST(test_slice_max_min)
{
    coda_table *t = keep_table(xtab_build(&top_data));
    static const char *const names[] = { "g", "v", "id" };
    static const char *const max2[][3] = {
        { "a", "7", "1" }, { "a", "7", "2" }, { "b", "3", "4" },
        { NULL, "2", "7" } };
    static const char *const min2[][3] = {
        { "a", "1", "3" }, { "a", "5", "0" }, { "b", "3", "4" },
        { NULL, "2", "7" } };
    static const char *const max1[][3] = {
        { "a", "7", "1" }, { "b", "3", "4" }, { NULL, "2", "7" } };
    static const char *const all_min3[][3] = {
        { "a", "1", "3" }, { NULL, "2", "7" }, { "b", "3", "4" } };
    EXPECT(top(t, 1, 2, 1), names, max2);
    EXPECT(top(t, 1, 2, 0), names, min2);
    EXPECT(top(t, 1, 1, 1), names, max1);
    EXPECT(top(t, 0, 3, 0), names, all_min3);
    ck_assert_uint_eq(top(t, 1, 0, 1)->nrow, 0);
    ck_assert_uint_eq(top(t, 1, 100, 1)->nrow, 6);
}
END_TEST

START_TEST(test_slice_of_a_string_is_a_type_error)
{
    coda_table *t = keep_table(xtab_build(&top_data)), *out = NULL;
    size_t key = agg_col(t, "v");
    coda_error err;
    ck_assert_int_eq(coda_summarise_top(t, &key, 1, agg_col(t, "g"), 2, 1,
                                        &out, &err), CODA_ETYPE);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"g\""));
    ck_assert_ptr_null(out);
}
END_TEST

typedef struct trun {
    const coda_table *t, *want;
    int differ;
} trun;

static coda_status oom_top(void *ctx, coda_error *err)
{
    trun *k = ctx;
    size_t key = agg_col(k->t, "g");
    coda_table *out = NULL;
    coda_status st = coda_summarise_top(k->t, &key, 1, agg_col(k->t, "v"), 2,
                                        1, &out, err);
    if (st == CODA_OK) {
        char why[600];
        k->differ |= tab_diff(out, k->want, why, sizeof why);
        coda_table_free(out);
    }
    return st;
}

START_TEST(test_slice_out_of_memory)
{
    coda_table *t = keep_table(xtab_build(&top_data));
    trun k = { t, top(t, 1, 2, 1), 0 };
    for (int persistent = 0; persistent < 2; persistent++) {
        ck_assert_int_gt(oom_loop(oom_top, &k, persistent), 1);
        ck_assert_msg(!k.differ, "a run that succeeded gave another table");
    }
}
END_TEST

Suite *summarise_top_suite(void)
{
    Suite *s = suite_create("summarise_top");
    TCase *tc = tcase_create("summarise_top");
    tcase_add_checked_fixture(tc, NULL, test_teardown);
    tcase_add_test(tc, test_cor_and_r2);
    tcase_add_test(tc, test_weighted_cor);
    tcase_add_test(tc, test_cor_errors);
    tcase_add_test(tc, test_slice_max_min);
    tcase_add_test(tc, test_slice_of_a_string_is_a_type_error);
    tcase_add_test(tc, test_slice_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
