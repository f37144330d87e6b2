/* check_summarise.c - group summaries (summarise.h) on hand-computed
 * groups: every function, missing values left out, groups with no values,
 * the whole table as one group, key order with missing last, the result
 * types, errors naming the column, many groups, and out-of-memory runs. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "harness/aggtest.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "summarise.h"

#include <math.h>
#include <string.h>



/* Groups by g: a = rows 1, 4; b = 0, 2, 5; c = 6; missing = 3, 7.
 * By g, h: (a,1) (b,1) (b,2) (b,-) (c,-) (-,1). */
static const xtab x_data = { 8, {
    { "g", CODA_STRING, { "b", "a", "b", NULL, "a", "b", "c", NULL } },
    { "h", CODA_INTEGER, { "1", "1", "2", "1", "1", NULL, NULL, "1" } },
    { "i", CODA_INTEGER, { "4", "2", NULL, "7", "6", "10", NULL, "5" } },
    { "x", CODA_NUMBER, { "1.5", NULL, "2.5", "0.5", "3.5", "-1", NULL, "2" } },
    { "s", CODA_STRING, { "p", "q", NULL, "p", "q", "r", "s", "p" } },
    { "bo", CODA_BOOLEAN, { "true", "false", "true", NULL, "true", "false",
                            NULL, "true" } } } };

static coda_table *data;

static void setup(void)
{
    data = xtab_build(&x_data);
}

static void teardown(void)
{
    test_teardown();
    coda_table_free(data);
    data = NULL;
}

#define SPEC(name, fn, col) { (name), (fn), (col), 0, 0, -1 }

static coda_table *summ(const coda_table *t, const char *const *keys,
                        size_t nk, const coda_sumspec *s, size_t ns)
{
    size_t k[4];
    for (size_t j = 0; j < nk; j++)
        k[j] = agg_col(t, keys[j]);
    coda_table *out = NULL;
    coda_error err;
    coda_status st = coda_summarise(t, k, nk, s, ns, &out, &err);
    ck_assert_msg(st == CODA_OK, "summarise: %s", err.msg);
    return keep_table(out);
}

static long C(const char *name)
{
    return (long)agg_col(data, name);
}

START_TEST(test_sumfn_parse)
{
    static const char *const names[] = { "count", "sum", "mean", "median",
                                         "min", "max", "sd", "n_distinct" };
    for (int i = 0; i < 8; i++) {
        coda_sumfn fn = (coda_sumfn)99;
        ck_assert_int_eq(coda_sumfn_parse(names[i], &fn), 1);
        ck_assert_int_eq(fn, (coda_sumfn)i);
    }
    coda_sumfn fn;
    ck_assert_int_eq(coda_sumfn_parse("avg", &fn), 0);
    ck_assert_int_eq(coda_sumfn_parse("", &fn), 0);
    ck_assert_int_eq(coda_sumfn_parse("Count", &fn), 0);
}
END_TEST

/* count, sum, mean by g; the group with no values of i has count 0, sum 0
 * and no mean. */
START_TEST(test_count_sum_mean)
{
    static const char *const keys[] = { "g" };
    const coda_sumspec s[] = {
        SPEC("n", CODA_SUM_COUNT, -1), SPEC("n_i", CODA_SUM_COUNT, C("i")),
        SPEC("sum_i", CODA_SUM_SUM, C("i")), SPEC("sum_x", CODA_SUM_SUM, C("x")),
        SPEC("mean_i", CODA_SUM_MEAN, C("i")), SPEC("mean_x", CODA_SUM_MEAN, C("x")),
    };
    static const char *const names[] = { "g", "n", "n_i", "sum_i", "sum_x",
                                         "mean_i", "mean_x" };
    static const char *const want[][7] = {
        { "a", "2", "2", "8", "3.5", "4", "3.5" },
        { "b", "3", "2", "14", "3", "7", "1" },
        { "c", "1", "0", "0", "0", NULL, NULL },
        { NULL, "2", "2", "12", "2.5", "6", "1.25" } };
    coda_table *t = summ(data, keys, 1, s, NELEM(s));
    EXPECT(t, names, want);
    ck_assert_uint_eq(t->ncol, 7);
    const coda_type types[] = { CODA_STRING, CODA_INTEGER, CODA_INTEGER,
                                CODA_INTEGER, CODA_NUMBER, CODA_NUMBER,
                                CODA_NUMBER };
    for (size_t c = 0; c < 7; c++)
        ck_assert_int_eq(t->cols[c].type, types[c]);
}
END_TEST

START_TEST(test_median_sd_n_distinct)
{
    static const char *const keys[] = { "g" };
    const coda_sumspec s[] = {
        SPEC("med_x", CODA_SUM_MEDIAN, C("x")), SPEC("med_i", CODA_SUM_MEDIAN, C("i")),
        SPEC("sd_x", CODA_SUM_SD, C("x")), SPEC("sd_i", CODA_SUM_SD, C("i")),
        SPEC("nd_s", CODA_SUM_N_DISTINCT, C("s")),
        SPEC("nd_x", CODA_SUM_N_DISTINCT, C("x")),
        SPEC("nd_bo", CODA_SUM_N_DISTINCT, C("bo")),
    };
    static const char *const names[] = { "g", "med_x", "med_i", "sd_x", "sd_i",
                                         "nd_s", "nd_x", "nd_bo" };
    static const char *const want[][8] = {
        { "a", "3.5", "4", NULL, "2.8284271", "1", "1", "2" },
        { "b", "1.5", "7", "1.8027756", "4.2426407", "2", "3", "2" },
        { "c", NULL, NULL, NULL, NULL, "1", "0", "0" },
        { NULL, "1.25", "6", "1.0606602", "1.4142136", "1", "2", "1" } };
    coda_table *t = summ(data, keys, 1, s, NELEM(s));
    EXPECT(t, names, want);
    for (size_t c = 1; c <= 4; c++)
        ck_assert_int_eq(t->cols[c].type, CODA_NUMBER);
    for (size_t c = 5; c <= 7; c++)
        ck_assert_int_eq(t->cols[c].type, CODA_INTEGER);
}
END_TEST

/* min and max keep the column's type: integer, number, string, boolean. */
START_TEST(test_min_max)
{
    static const char *const keys[] = { "g" };
    const coda_sumspec s[] = {
        SPEC("min_i", CODA_SUM_MIN, C("i")), SPEC("max_i", CODA_SUM_MAX, C("i")),
        SPEC("min_x", CODA_SUM_MIN, C("x")), SPEC("max_x", CODA_SUM_MAX, C("x")),
        SPEC("min_s", CODA_SUM_MIN, C("s")), SPEC("max_s", CODA_SUM_MAX, C("s")),
        SPEC("min_bo", CODA_SUM_MIN, C("bo")), SPEC("max_bo", CODA_SUM_MAX, C("bo")),
    };
    static const char *const names[] = { "g", "min_i", "max_i", "min_x",
                                         "max_x", "min_s", "max_s", "min_bo",
                                         "max_bo" };
    static const char *const want[][9] = {
        { "a", "2", "6", "3.5", "3.5", "q", "q", "false", "true" },
        { "b", "4", "10", "-1", "2.5", "p", "r", "false", "true" },
        { "c", NULL, NULL, NULL, NULL, "s", "s", NULL, NULL },
        { NULL, "5", "7", "0.5", "2", "p", "p", "true", "true" } };
    coda_table *t = summ(data, keys, 1, s, NELEM(s));
    EXPECT(t, names, want);
    const coda_type types[] = { CODA_INTEGER, CODA_NUMBER, CODA_STRING,
                                CODA_BOOLEAN };
    for (size_t c = 0; c < 8; c++)
        ck_assert_int_eq(t->cols[1 + c].type, types[c / 2]);
}
END_TEST

/* nk = 0: the whole table is one group. */
START_TEST(test_whole_table)
{
    const coda_sumspec s[] = {
        SPEC("n", CODA_SUM_COUNT, -1), SPEC("sum", CODA_SUM_SUM, C("i")),
        SPEC("mean", CODA_SUM_MEAN, C("i")), SPEC("median", CODA_SUM_MEDIAN, C("x")),
        SPEC("min", CODA_SUM_MIN, C("s")), SPEC("nd", CODA_SUM_N_DISTINCT, C("g")),
    };
    static const char *const names[] = { "n", "sum", "mean", "median", "min",
                                         "nd" };
    static const char *const want[][6] = {
        { "8", "34", "5.6666667", "1.75", "p", "3" } };
    coda_table *t = summ(data, NULL, 0, s, NELEM(s));
    EXPECT(t, names, want);
    ck_assert_uint_eq(t->ncol, 6);
}
END_TEST

/* An empty table: no groups with keys, one group of nothing without. */
START_TEST(test_empty_table)
{
    static const char *const keys[] = { "g" };
    const coda_sumspec s[] = {
        SPEC("n", CODA_SUM_COUNT, -1), SPEC("sum_i", CODA_SUM_SUM, C("i")),
        SPEC("sum_x", CODA_SUM_SUM, C("x")), SPEC("mean", CODA_SUM_MEAN, C("x")),
        SPEC("med", CODA_SUM_MEDIAN, C("x")), SPEC("sd", CODA_SUM_SD, C("x")),
        SPEC("max", CODA_SUM_MAX, C("s")), SPEC("nd", CODA_SUM_N_DISTINCT, C("s")),
    };
    static const char *const names[] = { "n", "sum_i", "sum_x", "mean", "med",
                                         "sd", "max", "nd" };
    static const char *const want[][8] = {
        { "0", "0", "0", NULL, NULL, NULL, NULL, "0" } };
    coda_table *e;
    ck_assert_int_eq(coda_table_take(data, NULL, 0, &e), CODA_OK);
    keep_table(e);
    coda_table *t = summ(e, keys, 1, s, NELEM(s));
    ck_assert_uint_eq(t->nrow, 0);
    ck_assert_uint_eq(t->ncol, 9);
    EXPECT(summ(e, NULL, 0, s, NELEM(s)), names, want);
}
END_TEST

/* Two keys: sorted by g then h, missing last at each level. */
START_TEST(test_two_keys_order)
{
    static const char *const keys[] = { "g", "h" };
    const coda_sumspec s[] = { SPEC("n", CODA_SUM_COUNT, -1),
                               SPEC("sum", CODA_SUM_SUM, C("i")) };
    static const char *const names[] = { "g", "h", "n", "sum" };
    static const char *const want[][4] = {
        { "a", "1", "2", "8" }, { "b", "1", "1", "4" }, { "b", "2", "1", "0" },
        { "b", NULL, "1", "10" }, { "c", NULL, "1", "0" },
        { NULL, "1", "2", "12" } };
    EXPECT(summ(data, keys, 2, s, NELEM(s)), names, want);
}
END_TEST

/* Keys of every type sort by value: integers numerically, false before
 * true, missing last. */
START_TEST(test_key_types_order)
{
    static const xtab x = { 7, {
        { "k", CODA_INTEGER, { "10", "9", NULL, "-3", "9", "100", "10" } },
        { "f", CODA_BOOLEAN, { "true", NULL, "false", "true", "false", "true",
                               "false" } },
        { "d", CODA_NUMBER, { "0.5", "-0.25", "1e3", NULL, "0.5", "-0.25", "2" } } } };
    static const char *const kn[][2] = {
        { "-3", "1" }, { "9", "2" }, { "10", "2" }, { "100", "1" }, { NULL, "1" } };
    static const char *const kf[][2] = { { "false", "3" }, { "true", "3" },
                                         { NULL, "1" } };
    static const char *const kd[][2] = { { "-0.25", "2" }, { "0.5", "2" },
                                         { "2", "1" }, { "1000", "1" },
                                         { NULL, "1" } };
    static const char *const nk[] = { "k", "n" }, *const nf[] = { "f", "n" },
                             *const nd[] = { "d", "n" };
    static const char *const keys[] = { "k", "f", "d" };
    const coda_sumspec s[] = { SPEC("n", CODA_SUM_COUNT, -1) };
    coda_table *t = keep_table(xtab_build(&x));
    EXPECT(summ(t, &keys[0], 1, s, 1), nk, kn);
    EXPECT(summ(t, &keys[1], 1, s, 1), nf, kf);
    EXPECT(summ(t, &keys[2], 1, s, 1), nd, kd);
}
END_TEST

/* A multi column may be a key and may have its distinct sets counted.
 * Values are sets: b|a is a|b (the group shows its first row's order), and
 * keys sort as their labels in byte order ({a,b} < {a,b,c} < {b}). */
START_TEST(test_multi_key_and_n_distinct)
{
    static const xtab x = { 7, {
        { "m", CODA_MULTI, { "a|b", "b", "a|b", NULL, "", "b|a", "c|a|b" } },
        { "v", CODA_INTEGER, { "1", "2", "3", "4", "5", "6", "7" } } } };
    static const char *const names[] = { "m", "n", "sum" };
    static const char *const want[][3] = {
        { "", "1", "5" }, { "a|b", "3", "10" }, { "c|a|b", "1", "7" },
        { "b", "1", "2" }, { NULL, "1", "4" } };
    static const char *const keys[] = { "m" };
    coda_table *t = keep_table(xtab_build(&x));
    const coda_sumspec s[] = { SPEC("n", CODA_SUM_COUNT, -1),
                               SPEC("sum", CODA_SUM_SUM, 1) };
    EXPECT(summ(t, keys, 1, s, 2), names, want);
    const coda_sumspec nd[] = { SPEC("nd", CODA_SUM_N_DISTINCT, 0) };
    static const char *const ndn[] = { "nd" };
    static const char *const ndw[][1] = { { "4" } };
    EXPECT(summ(t, NULL, 0, nd, 1), ndn, ndw);
}
END_TEST

/* Many groups (the hash table grows) against a direct computation. */
START_TEST(test_many_groups)
{
    enum { N = 20000, G = 1500 };
    coda_table *t = keep_table(tb_new(N, 2));
    tb_col(t, 0, "k", CODA_INTEGER);
    tb_col(t, 1, "v", CODA_INTEGER);
    static int64_t sum[G], cnt[G];
    memset(sum, 0, sizeof sum);
    memset(cnt, 0, sizeof cnt);
    for (size_t r = 0; r < N; r++) {
        int64_t k = (int64_t)((r * 7919) % G), v = (int64_t)(r % 97) - 40;
        t->cols[0].v.i[r] = k;
        t->cols[1].v.i[r] = v;
        sum[k] += v;
        cnt[k]++;
    }
    size_t key = 0;
    const coda_sumspec s[] = { SPEC("n", CODA_SUM_COUNT, -1),
                               SPEC("sum", CODA_SUM_SUM, 1),
                               SPEC("mean", CODA_SUM_MEAN, 1) };
    coda_table *out;
    ck_assert_int_eq(coda_summarise(t, &key, 1, s, 3, &out, NULL), CODA_OK);
    keep_table(out);
    ck_assert_uint_eq(out->nrow, G);
    for (size_t g = 0; g < G; g++) {
        ck_assert_int_eq(out->cols[0].v.i[g], (int64_t)g);
        ck_assert_int_eq(out->cols[1].v.i[g], cnt[g]);
        ck_assert_int_eq(out->cols[2].v.i[g], sum[g]);
        ck_assert_double_eq_tol(out->cols[3].v.d[g],
                                (double)sum[g] / (double)cnt[g], 1e-12);
    }
}
END_TEST

/* The sd of values far from zero keeps its precision (no E[x^2] - E[x]^2
 * cancellation). */
START_TEST(test_sd_precision)
{
    static const xtab x = { 4, { { "v", CODA_NUMBER,
        { "1000000004", "1000000007", "1000000013", "1000000016" } } } };
    const coda_sumspec s[] = { SPEC("sd", CODA_SUM_SD, 0),
                               SPEC("mean", CODA_SUM_MEAN, 0) };
    coda_table *t = summ(keep_table(xtab_build(&x)), NULL, 0, s, 2);
    ck_assert_double_eq_tol(t->cols[0].v.d[0], sqrt(30.0), 1e-6);
    ck_assert_double_eq_tol(t->cols[1].v.d[0], 1000000010.0, 1e-6);
}
END_TEST

/* An integer sum past 2^63 is an error, not a wrapped (undefined) value. */
START_TEST(test_integer_sum_overflow)
{
    static const xtab x = { 3, { { "big", CODA_INTEGER,
        { "4611686018427387904", "4611686018427387904", "4611686018427387904" } } } };
    const coda_sumspec s[] = { SPEC("total", CODA_SUM_SUM, 0) };
    coda_table *t = keep_table(xtab_build(&x)), *out = NULL;
    coda_error err;
    coda_error_clear(&err);
    coda_status st = coda_summarise(t, NULL, 0, s, 1, &out, &err);
    if (st == CODA_OK)
        keep_table(out);
    ck_assert_msg(st == CODA_ELIMIT, "summing 3 x 2^62: %s, expected %s",
                  coda_strerror(st), coda_strerror(CODA_ELIMIT));
    ck_assert_ptr_nonnull(strstr(err.msg, "big"));
}
END_TEST

/* By key as well: group a's sum passes 2^63, group b's reaches
 * INT64_MAX exactly and does not. */
START_TEST(test_integer_sum_overflow_by_key)
{
    static const xtab x = { 4, {
        { "k", CODA_STRING, { "a", "b", "a", "b" } },
        { "big", CODA_INTEGER, { "9223372036854775807", "9223372036854775806",
                                 "1", "1" } } } };
    const coda_sumspec s[] = { SPEC("total", CODA_SUM_SUM, 1) };
    coda_table *t = keep_table(xtab_build(&x)), *out = NULL;
    size_t key = 0;
    coda_error err;
    coda_error_clear(&err);
    coda_status st = coda_summarise(t, &key, 1, s, 1, &out, &err);
    if (st == CODA_OK)
        keep_table(out);
    ck_assert_int_eq(st, CODA_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.msg, "big"));
    static const xtab fits = { 2, {
        { "k", CODA_STRING, { "b", "b" } },
        { "big", CODA_INTEGER, { "9223372036854775806", "1" } } } };
    t = keep_table(xtab_build(&fits));
    ck_assert_int_eq(coda_summarise(t, &key, 1, s, 1, &out, &err), CODA_OK);
    keep_table(out);
    ck_assert_int_eq(out->cols[1].v.i[0], INT64_MAX);
}
END_TEST

/* min and max of numbers with NaN, by key: NaN orders after every
 * number (coda_value_cmp), so it is a group's max and never its min
 * unless the group has nothing else. */
START_TEST(test_min_max_nan_by_key)
{
    static const xtab x = { 6, {
        { "k", CODA_STRING, { "a", "a", "b", "a", "b", "c" } },
        { "x", CODA_NUMBER, { "1", "nan", "nan", "3", "2", "nan" } } } };
    const coda_sumspec s[] = { SPEC("lo", CODA_SUM_MIN, 1),
                               SPEC("hi", CODA_SUM_MAX, 1) };
    coda_table *t = keep_table(xtab_build(&x));
    static const char *const keys[] = { "k" };
    coda_table *out = summ(t, keys, 1, s, NELEM(s));
    ck_assert_uint_eq(out->nrow, 3);
    ck_assert(out->cols[1].v.d[0] == 1 && isnan(out->cols[2].v.d[0]));
    ck_assert(out->cols[1].v.d[1] == 2 && isnan(out->cols[2].v.d[1]));
    ck_assert(isnan(out->cols[1].v.d[2]) && isnan(out->cols[2].v.d[2]));
}
END_TEST

static coda_status run_error(const coda_sumspec *s, size_t ns,
                             const char *const *keys, size_t nk,
                             coda_error *err)
{
    size_t k[4];
    for (size_t j = 0; j < nk; j++)
        k[j] = agg_col(data, keys[j]);
    coda_table *out = NULL;
    coda_error_clear(err);
    coda_status st = coda_summarise(data, k, nk, s, ns, &out, err);
    if (st == CODA_OK)
        keep_table(out);
    return st;
}

/* Numeric summaries of other types, min/max of a multi column, a missing
 * column and repeated names: errors that name what is wrong. */
START_TEST(test_errors)
{
    static const char *const keys[] = { "g" };
    const struct {
        coda_sumspec s[2];
        size_t ns;
        coda_status st;
        const char *names[2]; /* both must be in the message */
    } k[] = {
        { { SPEC("m", CODA_SUM_MEAN, C("s")) }, 1, CODA_ETYPE, { "mean", "\"s\"" } },
        { { SPEC("m", CODA_SUM_SUM, C("bo")) }, 1, CODA_ETYPE, { "sum", "\"bo\"" } },
        { { SPEC("m", CODA_SUM_MEDIAN, C("g")) }, 1, CODA_ETYPE, { "median", "\"g\"" } },
        { { SPEC("m", CODA_SUM_SD, C("s")) }, 1, CODA_ETYPE, { "sd", "\"s\"" } },
        { { SPEC("m", CODA_SUM_MEAN, -1) }, 1, CODA_EARG, { "mean", "\"m\"" } },
        { { SPEC("m", CODA_SUM_N_DISTINCT, -1) }, 1, CODA_EARG, { "n_distinct", "\"m\"" } },
        { { SPEC("n", CODA_SUM_COUNT, -1), SPEC("n", CODA_SUM_SUM, C("i")) }, 2,
          CODA_EARG, { "\"n\"", "duplicate" } },
        { { SPEC("g", CODA_SUM_COUNT, -1) }, 1, CODA_EARG, { "\"g\"", "duplicate" } },
    };
    for (size_t i = 0; i < NELEM(k); i++) {
        coda_error err;
        coda_status st = run_error(k[i].s, k[i].ns, keys, 1, &err);
        ck_assert_msg(st == k[i].st, "case %zu: %s, expected %s", i,
                      coda_strerror(st), coda_strerror(k[i].st));
        ck_assert_int_eq(err.code, k[i].st);
        for (int j = 0; j < 2; j++)
            ck_assert_msg(strstr(err.msg, k[i].names[j]), "case %zu: \"%s\" "
                          "does not say %s", i, err.msg, k[i].names[j]);
    }
}
END_TEST

START_TEST(test_min_of_multi_is_a_type_error)
{
    static const xtab x = { 2, { { "m", CODA_MULTI, { "a", "b" } } } };
    coda_table *t = keep_table(xtab_build(&x)), *out = NULL;
    const coda_sumspec s[] = { SPEC("lo", CODA_SUM_MIN, 0) };
    coda_error err;
    ck_assert_int_eq(coda_summarise(t, NULL, 0, s, 1, &out, &err), CODA_ETYPE);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"m\""));
    ck_assert_ptr_null(out);
}
END_TEST

/* --- out of memory --------------------------------------------------------- */

typedef struct srun {
    const size_t *keys;
    size_t nk;
    const coda_sumspec *s;
    size_t ns;
    const coda_table *want;
    int differ;
} srun;

static coda_status oom_summ(void *ctx, coda_error *err)
{
    srun *k = ctx;
    coda_table *out = NULL;
    coda_status st = coda_summarise(data, k->keys, k->nk, k->s, k->ns, &out,
                                    err);
    if (st == CODA_OK) {
        char why[600];
        k->differ |= tab_diff(out, k->want, why, sizeof why);
        coda_table_free(out);
    }
    return st;
}

START_TEST(test_out_of_memory)
{
    const coda_sumspec s[] = {
        SPEC("n", CODA_SUM_COUNT, -1), SPEC("sum", CODA_SUM_SUM, C("i")),
        SPEC("mean", CODA_SUM_MEAN, C("x")), SPEC("med", CODA_SUM_MEDIAN, C("x")),
        SPEC("lo", CODA_SUM_MIN, C("s")), SPEC("hi", CODA_SUM_MAX, C("i")),
        SPEC("sd", CODA_SUM_SD, C("i")), SPEC("nd", CODA_SUM_N_DISTINCT, C("s")),
    };
    const size_t keys[] = { (size_t)C("g"), (size_t)C("h") };
    for (size_t nk = 0; nk <= 2; nk++) {
        srun k = { keys, nk, s, NELEM(s), NULL, 0 };
        coda_table *want;
        ck_assert_int_eq(coda_summarise(data, keys, nk, s, NELEM(s), &want,
                                        NULL), CODA_OK);
        k.want = keep_table(want);
        for (int persistent = 0; persistent < 2; persistent++) {
            ck_assert_int_gt(oom_loop(oom_summ, &k, persistent), 1);
            ck_assert_msg(!k.differ, "a run that succeeded gave another table");
        }
    }
}
END_TEST

Suite *summarise_suite(void)
{
    Suite *s = suite_create("summarise");
    TCase *tc = tcase_create("summarise");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_sumfn_parse);
    tcase_add_test(tc, test_count_sum_mean);
    tcase_add_test(tc, test_median_sd_n_distinct);
    tcase_add_test(tc, test_min_max);
    tcase_add_test(tc, test_whole_table);
    tcase_add_test(tc, test_empty_table);
    tcase_add_test(tc, test_two_keys_order);
    tcase_add_test(tc, test_key_types_order);
    tcase_add_test(tc, test_multi_key_and_n_distinct);
    tcase_add_test(tc, test_many_groups);
    tcase_add_test(tc, test_sd_precision);
    tcase_add_test(tc, test_integer_sum_overflow);
    tcase_add_test(tc, test_integer_sum_overflow_by_key);
    tcase_add_test(tc, test_min_max_nan_by_key);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_min_of_multi_is_a_type_error);
    tcase_add_test(tc, test_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
