/* check_agree.c - agreement between two codings (agree.h): Cohen's kappa
 * and Krippendorff's alpha on published examples, the per-code table with
 * precision, recall and F1, labels given or found, unmatched cases, errors
 * and out-of-memory runs. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "harness/aggtest.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "agree.h"
#include "stats.h"
#include "base_alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>



static void teardown(void)
{
    test_teardown();
}

static const char *const AC[] = { "code", "n", "both", "a_only", "b_only",
                                  "neither", "agreement", "kappa", "alpha",
                                  "precision", "recall", "f1" };

/* --- kappa and alpha of a 2x2 table -------------------------------------- */

/* Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), the
 * binary example: coder A 0 1 0 0 0 0 0 0 1 0, coder B 1 1 1 0 0 1 0 0 0 0,
 * alpha = 0.095; Cohen's kappa of the same table is 0.0909. */
START_TEST(test_krippendorff_example)
{
    const coda_2x2 c = { 1, 1, 3, 5 };
    ck_assert_double_eq_tol(coda_alpha_nominal(&c), 2.0 / 21.0, 1e-12);
    ck_assert_double_eq_tol(coda_kappa(&c), 0.04 / 0.44, 1e-12);
    char buf[48];
    ck_assert_str_eq(coda_format_half_up(coda_alpha_nominal(&c), 3, buf), "0.095");
    ck_assert_str_eq(coda_format_half_up(coda_kappa(&c), 7, buf), "0.0909091");
}
END_TEST

/* A textbook kappa: 50 cases, both 20, first only 5, second only 10,
 * neither 15: p_o = 0.7, p_e = 0.5, kappa = 0.4 (alpha also 0.4). */
START_TEST(test_cohen_textbook)
{
    const coda_2x2 c = { 20, 5, 10, 15 };
    ck_assert_double_eq_tol(coda_kappa(&c), 0.4, 1e-12);
    ck_assert_double_eq_tol(coda_alpha_nominal(&c), 0.4, 1e-12);
}
END_TEST

START_TEST(test_kappa_alpha_limits)
{
    const coda_2x2 perfect = { 5, 0, 0, 5 }, opposite = { 0, 5, 5, 0 };
    const coda_2x2 one_value = { 0, 0, 0, 10 }, all_both = { 7, 0, 0, 0 };
    const coda_2x2 none = { 0, 0, 0, 0 };
    ck_assert_double_eq(coda_kappa(&perfect), 1);
    ck_assert_double_eq(coda_alpha_nominal(&perfect), 1);
    ck_assert_double_eq_tol(coda_kappa(&opposite), -1, 1e-12);
    ck_assert_double_eq_tol(coda_alpha_nominal(&opposite), -0.9, 1e-12);
    ck_assert(isnan(coda_kappa(&one_value)));
    ck_assert(isnan(coda_alpha_nominal(&one_value)));
    ck_assert(isnan(coda_kappa(&all_both)));
    ck_assert(isnan(coda_alpha_nominal(&all_both)));
    ck_assert(isnan(coda_kappa(&none)));
    ck_assert(isnan(coda_alpha_nominal(&none)));
}
END_TEST

/* --- the per-code table --------------------------------------------------- */

static coda_table *agree(const coda_table *a, const coda_table *b,
                         const char *const *labels, size_t nl, int drop)
{
    coda_table *out = NULL;
    coda_error err;
    coda_status st = coda_agreement(a, agg_col(a, "id"), agg_col(a, "codes"), b,
                                    agg_col(b, "id"), agg_col(b, "codes"),
                                    labels, nl, drop, &out, &err);
    ck_assert_msg(st == CODA_OK, "agreement: %s", err.msg);
    return keep_table(out);
}

static const xtab x_ka = { 10, {
    { "id", CODA_INTEGER, { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10" } },
    { "codes", CODA_MULTI, { "", "c", "", "", "", "", "", "", "c", "" } } } };
static const xtab x_kb = { 10, {
    { "id", CODA_INTEGER, { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10" } },
    { "codes", CODA_MULTI, { "c", "c", "c", "", "", "c", "", "", "", "" } } } };

START_TEST(test_table_krippendorff)
{
    static const char *const want[][12] = {
        { "c", "10", "1", "1", "3", "5", "60", "0.0909091", "0.0952381", "0.5",
          "0.25", "0.3333333" } };
    coda_table *a = keep_table(xtab_build(&x_ka)), *b = keep_table(xtab_build(&x_kb));
    coda_table *t = agree(a, b, NULL, 0, 0);
    EXPECT(t, AC, want);
    ck_assert_uint_eq(t->ncol, 12);
    for (size_t c = 0; c < 12; c++) {
        ck_assert_str_eq(t->cols[c].name, AC[c]);
        ck_assert_int_eq(t->cols[c].type, c == 0 ? CODA_STRING
                         : c < 6 ? CODA_INTEGER : CODA_NUMBER);
    }
}
END_TEST

/* 50 cases built from the textbook counts; the second table lists its
 * cases in the opposite order (cases pair by id, not by position). */
START_TEST(test_table_cohen)
{
    static const char *const want[][12] = {
        { "k", "50", "20", "5", "10", "15", "70", "0.4", "0.4", "0.8",
          "0.6666667", "0.7272727" } };
    coda_table *a = keep_table(tb_new(50, 2)), *b = keep_table(tb_new(50, 2));
    tb_col(a, 0, "id", CODA_STRING);
    tb_col(a, 1, "codes", CODA_MULTI);
    tb_col(b, 0, "id", CODA_STRING);
    tb_col(b, 1, "codes", CODA_MULTI);
    for (size_t r = 0; r < 50; r++) {
        char id[32];
        snprintf(id, sizeof id, "case-%zu", r);
        tb_cell(a, 0, r, id);
        tb_cell(a, 1, r, r < 25 ? "k" : ""); /* cases 0-24 */
    }
    for (size_t r = 0; r < 50; r++) { /* b's row r is case 49 - r */
        size_t c = 49 - r;
        char id[32];
        snprintf(id, sizeof id, "case-%zu", c);
        tb_cell(b, 0, r, id);
        tb_cell(b, 1, r, c < 20 || (c >= 25 && c < 35) ? "k" : "");
    }
    EXPECT(agree(a, b, NULL, 0, 0), AC, want);
}
END_TEST

/* a: 1 {p,q}, 2 {p}, 3 {}, 4 missing, 5 {q,r}, 6 {p}
 * b: 1 {p}, 2 {p,q}, 3 {q}, 4 {p}, 5 {r}, 6 missing (b in reverse order) */
static const xtab x_a = { 6, {
    { "id", CODA_INTEGER, { "1", "2", "3", "4", "5", "6" } },
    { "codes", CODA_MULTI, { "p|q", "p", "", NULL, "q|r", "p" } } } };
static const xtab x_b = { 6, {
    { "codes", CODA_MULTI, { NULL, "r", "p", "q", "p|q", "p" } },
    { "id", CODA_INTEGER, { "6", "5", "4", "3", "2", "1" } } } };

/* Every label of either side, sorted.  q: no case coded by both, two by
 * each alone: precision and recall 0, and F1 = 2 TP / (2 TP + FP + FN) = 0
 * (it is undefined only when the code is used by neither coder). */
START_TEST(test_table_codes_found)
{
    static const char *const want[][12] = {
        { "p", "6", "2", "1", "1", "2", "66.666667", "0.3333333", "0.3888889",
          "0.6666667", "0.6666667", "0.6666667" },
        { "q", "6", "0", "2", "2", "2", "33.333333", "-0.5", "-0.375", "0", "0",
          "0" },
        { "r", "6", "1", "0", "0", "5", "100", "1", "1", "1", "1", "1" } };
    coda_table *a = keep_table(xtab_build(&x_a)), *b = keep_table(xtab_build(&x_b));
    EXPECT(agree(a, b, NULL, 0, 0), AC, want);
}
END_TEST

/* Labels given: in that order, one used by nobody (everything undefined
 * but agreement). */
START_TEST(test_table_labels_given)
{
    static const char *const labels[] = { "r", "zz", "p" };
    static const char *const want[][12] = {
        { "r", "6", "1", "0", "0", "5", "100", "1", "1", "1", "1", "1" },
        { "zz", "6", "0", "0", "0", "6", "100", NULL, NULL, NULL, NULL, NULL },
        { "p", "6", "2", "1", "1", "2", "66.666667", "0.3333333", "0.3888889",
          "0.6666667", "0.6666667", "0.6666667" } };
    coda_table *a = keep_table(xtab_build(&x_a)), *b = keep_table(xtab_build(&x_b));
    EXPECT(agree(a, b, labels, NELEM(labels), 0), AC, want);
}
END_TEST

/* Swapping the tables swaps a_only and b_only, and precision and recall. */
START_TEST(test_table_swapped)
{
    static const char *const cols[] = { "code", "a_only", "b_only", "precision",
                                        "recall" };
    static const char *const want[][5] = {
        { "c", "3", "1", "0.25", "0.5" } };
    coda_table *a = keep_table(xtab_build(&x_ka)), *b = keep_table(xtab_build(&x_kb));
    EXPECT(agree(b, a, NULL, 0, 0), cols, want);
}
END_TEST

static coda_status agree_status(const coda_table *a, const coda_table *b,
                                int drop, coda_error *err)
{
    coda_table *out = NULL;
    coda_error_clear(err);
    coda_status st = coda_agreement(a, 0, 1, b, 0, 1, NULL, 0, drop, &out, err);
    if (st == CODA_OK)
        keep_table(out);
    else
        ck_assert_ptr_null(out);
    return st;
}

/* Cases found on one side only: an error naming how many, which side and
 * the id column, unless drop. */
START_TEST(test_unmatched)
{
    static const xtab xa = { 4, {
        { "doc", CODA_STRING, { "d1", "d2", "d3", "d4" } },
        { "codes", CODA_MULTI, { "x", "x", "", "x" } } } };
    static const xtab xb = { 3, {
        { "doc", CODA_STRING, { "d2", "d1", "d9" } },
        { "codes", CODA_MULTI, { "x", "", "x" } } } };
    coda_table *a = keep_table(xtab_build(&xa)), *b = keep_table(xtab_build(&xb));
    coda_error err;
    ck_assert_int_eq(agree_status(a, b, 0, &err), CODA_EARG);
    ck_assert_int_eq(err.code, CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "2 cases"));
    ck_assert_ptr_nonnull(strstr(err.msg, "first"));
    ck_assert_ptr_nonnull(strstr(err.msg, "\"doc\""));
    ck_assert_ptr_nonnull(strstr(err.msg, "drop"));
    ck_assert_int_eq(agree_status(b, a, 0, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "1 case "));
    ck_assert_ptr_nonnull(strstr(err.msg, "first"));
    /* b with every case of a: b's extra one is on the second side */
    static const size_t two[] = { 0, 1 };
    coda_table *a2;
    ck_assert_int_eq(coda_table_take(a, two, 2, &a2), CODA_OK);
    keep_table(a2);
    ck_assert_int_eq(agree_status(a2, b, 0, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "1 case "));
    ck_assert_ptr_nonnull(strstr(err.msg, "second"));
    /* dropped: d1 (x, -) and d2 (x, x) */
    static const char *const want[][12] = {
        { "x", "2", "1", "1", "0", "0", "50", "0", "0", "0.5", "1",
          "0.6666667" } };
    coda_table *out;
    ck_assert_int_eq(coda_agreement(a, 0, 1, b, 0, 1, NULL, 0, 1, &out, NULL),
                     CODA_OK);
    EXPECT(keep_table(out), AC, want);
}
END_TEST

/* A case with a missing id matches nothing: it is unmatched. */
START_TEST(test_missing_id_is_unmatched)
{
    static const xtab xa = { 2, {
        { "id", CODA_INTEGER, { "1", NULL } },
        { "codes", CODA_MULTI, { "x", "x" } } } };
    static const xtab xb = { 2, {
        { "id", CODA_INTEGER, { "1", "2" } },
        { "codes", CODA_MULTI, { "x", "x" } } } };
    coda_table *a = keep_table(xtab_build(&xa)), *b = keep_table(xtab_build(&xb));
    coda_error err;
    ck_assert_int_eq(agree_status(a, b, 0, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "1 case "));
    ck_assert_int_eq(agree_status(a, b, 1, &err), CODA_OK);
}
END_TEST

START_TEST(test_errors)
{
    static const xtab dup = { 2, {
        { "id", CODA_INTEGER, { "1", "1" } },
        { "codes", CODA_MULTI, { "x", "" } } } };
    static const xtab str = { 2, {
        { "id", CODA_INTEGER, { "1", "2" } },
        { "codes", CODA_STRING, { "x", "" } } } };
    static const xtab sid = { 2, {
        { "id", CODA_STRING, { "1", "2" } },
        { "codes", CODA_MULTI, { "x", "" } } } };
    coda_table *a = keep_table(xtab_build(&x_a)), *d = keep_table(xtab_build(&dup));
    coda_table *s = keep_table(xtab_build(&str)), *si = keep_table(xtab_build(&sid));
    coda_error err;
    ck_assert_int_eq(agree_status(d, a, 0, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "id = 1"));
    ck_assert_ptr_nonnull(strstr(err.msg, "2 times"));
    ck_assert_int_eq(agree_status(s, a, 0, &err), CODA_ETYPE);
    ck_assert_ptr_nonnull(strstr(err.msg, "multi"));
    ck_assert_int_eq(agree_status(a, s, 0, &err), CODA_ETYPE);
    ck_assert_int_eq(agree_status(si, a, 0, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"id\""));
}
END_TEST

/* No cases at all: one row per label with n = 0 and nothing defined. */
START_TEST(test_no_cases)
{
    static const char *const labels[] = { "p" };
    static const char *const want[][12] = {
        { "p", "0", "0", "0", "0", "0", NULL, NULL, NULL, NULL, NULL, NULL } };
    coda_table *a = keep_table(xtab_build(&x_a)), *e;
    ck_assert_int_eq(coda_table_take(a, NULL, 0, &e), CODA_OK);
    keep_table(e);
    EXPECT(agree(e, e, labels, 1, 0), AC, want);
    ck_assert_uint_eq(agree(e, e, NULL, 0, 0)->nrow, 3); /* the vocabulary */
}
END_TEST

/* --- out of memory --------------------------------------------------------- */

typedef struct arun {
    const coda_table *a, *b;
    const char *const *labels;
    size_t nl;
    int drop;
    const coda_table *want;
    int differ;
} arun;

static coda_status oom_agree(void *ctx, coda_error *err)
{
    arun *k = ctx;
    coda_table *out = NULL;
    coda_status st = coda_agreement(k->a, agg_col(k->a, "id"),
                                    agg_col(k->a, "codes"), k->b,
                                    agg_col(k->b, "id"), agg_col(k->b, "codes"),
                                    k->labels, k->nl, k->drop, &out, err);
    if (st == CODA_OK) {
        char why[600];
        k->differ |= tab_diff(out, k->want, why, sizeof why);
        coda_table_free(out);
    }
    return st;
}

START_TEST(test_out_of_memory)
{
    static const char *const labels[] = { "r", "zz", "p" };
    coda_table *a = keep_table(xtab_build(&x_a)), *b = keep_table(xtab_build(&x_b));
    static const size_t five[] = { 0, 1, 2, 3, 4 };
    coda_table *a5;
    ck_assert_int_eq(coda_table_take(a, five, 5, &a5), CODA_OK);
    keep_table(a5);
    arun runs[] = {
        { a, b, NULL, 0, 0, NULL, 0 },
        { a, b, labels, NELEM(labels), 0, NULL, 0 },
        { a5, b, NULL, 0, 1, NULL, 0 },
        /* an empty label list is no list: the labels are found */
        { a, b, labels, 0, 0, NULL, 0 },
    };
    for (size_t i = 0; i < NELEM(runs); i++) {
        runs[i].want = agree(runs[i].a, runs[i].b, runs[i].labels, runs[i].nl,
                             runs[i].drop);
        ck_assert_uint_eq(runs[i].want->nrow, 3);
        for (int persistent = 0; persistent < 2; persistent++) {
            ck_assert_int_gt(oom_loop(oom_agree, &runs[i], persistent), 1);
            ck_assert_msg(!runs[i].differ, "run %zu: a run that succeeded "
                          "gave another table", i);
        }
    }
}
END_TEST

Suite *agree_suite(void)
{
    Suite *s = suite_create("agree");
    TCase *tc = tcase_create("agree");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_krippendorff_example);
    tcase_add_test(tc, test_cohen_textbook);
    tcase_add_test(tc, test_kappa_alpha_limits);
    tcase_add_test(tc, test_table_krippendorff);
    tcase_add_test(tc, test_table_cohen);
    tcase_add_test(tc, test_table_codes_found);
    tcase_add_test(tc, test_table_labels_given);
    tcase_add_test(tc, test_table_swapped);
    tcase_add_test(tc, test_unmatched);
    tcase_add_test(tc, test_missing_id_is_unmatched);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_no_cases);
    tcase_add_test(tc, test_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
