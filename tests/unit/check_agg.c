/* check_agg.c - frequencies and cross-tabulations (agg.h) on hand-computed
 * tables: every base, every order, declared labels, zero bases, every
 * pairing of single and multi columns, the cell limit and out-of-memory
 * runs. */
#include "harness/aggtest.h"
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "agg.h"
#include "base_alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the data ------------------------------------------------------------ */

/* st: A 3, B 3, C 1, base 7.  n: 3 x3, 1 x2, 2, 10; base 7.  x: 2.5 x3,
 * -1 x2, 0.5; base 6.  b: true 4, false 2, base 6.  m (vocabulary x, y, z,
 * w; w never used): x 3, y 3, z 1 over 6 cases, 7 responses. */
static const xtab x_data = { 8, {
    { "st", CODA_STRING, { "B", "A", "B", NULL, "C", "B", "A", "A" } },
    { "n", CODA_INTEGER, { "3", "1", "3", "2", NULL, "1", "3", "10" } },
    { "x", CODA_NUMBER, { "2.5", "-1", "2.5", NULL, "0.5", NULL, "2.5", "-1" } },
    { "b", CODA_BOOLEAN, { "true", "false", NULL, "true", "true", "false",
                           NULL, "true" } },
    { "m", CODA_MULTI, { "x|y", "", NULL, "y", "z|x", "y", NULL, "x" } },
    { "g", CODA_STRING, { "in", "in", "out", "in", "out", "in", "in", "out" } } } };

static coda_table *data;

static void setup(void)
{
    data = tb_new(x_data.nrow, 6);
    for (size_t c = 0; c < 6; c++) {
        tb_col(data, c, x_data.c[c].name, x_data.c[c].type);
        if (c == 4)
            tb_labels(data, c, "x|y|z|w");
        for (size_t r = 0; r < x_data.nrow; r++)
            tb_cell(data, c, r, x_data.c[c].v[r]);
    }
}

static void teardown(void)
{
    test_teardown();
    coda_table_free(data);
    data = NULL;
}

#define S(x) { CODA_STRING, 0, 0, 0, (x), sizeof(x) - 1 }
#define I(x) { CODA_INTEGER, (x), 0, 0, NULL, 0 }
#define D(x) { CODA_NUMBER, 0, (x), 0, NULL, 0 }
#define B(x) { CODA_BOOLEAN, 0, 0, (x), NULL, 0 }

static coda_table *freq(const coda_table *t, const char *col,
                        const coda_freq_opts *o)
{
    coda_table *out = NULL;
    coda_error err;
    coda_freq_opts d;
    coda_freq_opts_init(&d);
    coda_status st = coda_frequency(t, agg_col(t, col), o ? o : &d, &out, &err);
    ck_assert_msg(st == CODA_OK, "frequency(%s): %s", col, err.msg);
    return keep_table(out);
}

static const char *const FC[] = { "value", "count", "base", "pct" };

/* --- frequency ----------------------------------------------------------- */

START_TEST(test_freq_columns_and_types)
{
    static const char *const names[] = { "value", "count", "base", "pct",
                                         "ci_low", "ci_high" };
    static const coda_type types[] = { CODA_STRING, CODA_INTEGER, CODA_INTEGER,
                                       CODA_NUMBER, CODA_NUMBER, CODA_NUMBER };
    const char *cols[] = { "st", "n", "x", "b", "m" };
    const coda_type vt[] = { CODA_STRING, CODA_INTEGER, CODA_NUMBER,
                             CODA_BOOLEAN, CODA_STRING };
    for (size_t k = 0; k < NELEM(cols); k++) {
        coda_table *t = freq(data, cols[k], NULL);
        ck_assert_uint_eq(t->ncol, 6);
        for (size_t c = 0; c < 6; c++) {
            ck_assert_str_eq(t->cols[c].name, names[c]);
            ck_assert_int_eq(t->cols[c].type, c == 0 ? vt[k] : types[c]);
        }
    }
}
END_TEST

START_TEST(test_freq_string_count_order)
{
    static const char *const want[][4] = {
        { "A", "3", "7", "42.857143" }, { "B", "3", "7", "42.857143" },
        { "C", "1", "7", "14.285714" } };
    EXPECT(freq(data, "st", NULL), FC, want);
}
END_TEST

START_TEST(test_freq_integer_orders)
{
    static const char *const by_count[][4] = {
        { "3", "3", "7", "42.857143" }, { "1", "2", "7", "28.571429" },
        { "2", "1", "7", "14.285714" }, { "10", "1", "7", "14.285714" } };
    static const char *const by_value[][4] = {
        { "1", "2", "7", "28.571429" }, { "2", "1", "7", "14.285714" },
        { "3", "3", "7", "42.857143" }, { "10", "1", "7", "14.285714" } };
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    EXPECT(freq(data, "n", &o), FC, by_count);
    o.order = CODA_ORDER_VALUE; /* numerically: 10 after 3 */
    EXPECT(freq(data, "n", &o), FC, by_value);
}
END_TEST

START_TEST(test_freq_number_and_boolean)
{
    static const char *const x[][4] = {
        { "2.5", "3", "6", "50" }, { "-1", "2", "6", "33.333333" },
        { "0.5", "1", "6", "16.666667" } };
    static const char *const xv[][4] = {
        { "-1", "2", "6", "33.333333" }, { "0.5", "1", "6", "16.666667" },
        { "2.5", "3", "6", "50" } };
    static const char *const b[][4] = {
        { "true", "4", "6", "66.666667" }, { "false", "2", "6", "33.333333" } };
    static const char *const bv[][4] = {
        { "false", "2", "6", "33.333333" }, { "true", "4", "6", "66.666667" } };
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    EXPECT(freq(data, "x", &o), FC, x);
    EXPECT(freq(data, "b", &o), FC, b);
    o.order = CODA_ORDER_VALUE;
    EXPECT(freq(data, "x", &o), FC, xv);
    EXPECT(freq(data, "b", &o), FC, bv);
}
END_TEST

START_TEST(test_freq_multi_bases)
{
    static const char *const cases[][4] = {
        { "x", "3", "6", "50" }, { "y", "3", "6", "50" },
        { "z", "1", "6", "16.666667" } };
    static const char *const responses[][4] = {
        { "x", "3", "7", "42.857143" }, { "y", "3", "7", "42.857143" },
        { "z", "1", "7", "14.285714" } };
    static const char *const fixed[][4] = {
        { "x", "3", "10", "30" }, { "y", "3", "10", "30" },
        { "z", "1", "10", "10" } };
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    EXPECT(freq(data, "m", &o), FC, cases);
    o.base = CODA_BASE_RESPONSES;
    EXPECT(freq(data, "m", &o), FC, responses);
    o.base = CODA_BASE_FIXED;
    o.base_n = 10;
    EXPECT(freq(data, "m", &o), FC, fixed);
}
END_TEST

START_TEST(test_freq_single_bases)
{
    static const char *const responses[][4] = {
        { "A", "3", "7", "42.857143" }, { "B", "3", "7", "42.857143" },
        { "C", "1", "7", "14.285714" } };
    static const char *const fixed[][4] = {
        { "A", "3", "20", "15" }, { "B", "3", "20", "15" },
        { "C", "1", "20", "5" } };
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    o.base = CODA_BASE_RESPONSES; /* one response a case: same as cases */
    EXPECT(freq(data, "st", &o), FC, responses);
    o.base = CODA_BASE_FIXED;
    o.base_n = 20;
    EXPECT(freq(data, "st", &o), FC, fixed);
}
END_TEST

/* A fixed base below a count: the percentage passes 100 and the interval,
 * which has no meaning there, is missing. */
START_TEST(test_freq_fixed_base_below_count)
{
    static const char *const want[][6] = {
        { "A", "3", "2", "150", NULL, NULL },
        { "B", "3", "2", "150", NULL, NULL },
        { "C", "1", "2", "50", "9.4531", "90.5469" } };
    static const char *const names[] = { "value", "count", "base", "pct",
                                         "ci_low", "ci_high" };
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    o.base = CODA_BASE_FIXED;
    o.base_n = 2;
    EXPECT(freq(data, "st", &o), names, want);
}
END_TEST

/* "within": the same verb on a filtered table: counts and base from it. */
START_TEST(test_freq_within_subset)
{
    static const char *const want[][4] = {
        { "y", "3", "4", "75" }, { "x", "1", "4", "25" } };
    coda_value in = S("in");
    size_t *rows, n;
    ck_assert_int_eq(coda_filter_rows(data, agg_col(data, "g"), CODA_OP_EQ,
                                      &in, 1, &rows, &n, NULL), CODA_OK);
    keep_coda(rows);
    coda_table *sub;
    ck_assert_int_eq(coda_table_take(data, rows, n, &sub), CODA_OK);
    keep_table(sub);
    EXPECT(freq(sub, "m", NULL), FC, want);
}
END_TEST

START_TEST(test_freq_order_given)
{
    static const char *const want[][4] = {
        { "z", "1", "6", "16.666667" }, { "x", "3", "6", "50" },
        { "y", "3", "6", "50" } };
    static const char *const st[][4] = {
        { "C", "1", "7", "14.285714" }, { "A", "3", "7", "42.857143" },
        { "B", "3", "7", "42.857143" } };
    static const coda_value lm[] = { S("z"), S("x") };
    static const coda_value ls[] = { S("C") };
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    o.order = CODA_ORDER_GIVEN;
    o.labels = lm;
    o.nlabels = NELEM(lm);
    EXPECT(freq(data, "m", &o), FC, want);
    o.labels = ls;
    o.nlabels = NELEM(ls);
    EXPECT(freq(data, "st", &o), FC, st);
}
END_TEST

/* A label declared twice is listed once, at its first place, whether it
 * occurs or not. */
START_TEST(test_freq_order_given_repeated_label)
{
    static const char *const want[][4] = {
        { "y", "3", "6", "50" }, { "x", "3", "6", "50" },
        { "z", "1", "6", "16.666667" } };
    static const char *const absent[][4] = {
        { "q", "0", "6", "0" }, { "y", "3", "6", "50" }, { "x", "3", "6", "50" },
        { "z", "1", "6", "16.666667" } };
    static const coda_value l[] = { S("y"), S("x"), S("y") };
    static const coda_value la[] = { S("q"), S("y"), S("q") };
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    o.order = CODA_ORDER_GIVEN;
    o.labels = l;
    o.nlabels = NELEM(l);
    EXPECT(freq(data, "m", &o), FC, want);
    o.all_labels = 1;
    o.labels = la;
    o.nlabels = NELEM(la);
    EXPECT(freq(data, "m", &o), FC, absent);
}
END_TEST

/* all_labels without labels: a multi column's whole vocabulary. */
START_TEST(test_freq_all_labels_vocabulary)
{
    static const char *const want[][4] = {
        { "x", "3", "6", "50" }, { "y", "3", "6", "50" },
        { "z", "1", "6", "16.666667" }, { "w", "0", "6", "0" } };
    static const char *const by_value[][4] = {
        { "w", "0", "6", "0" }, { "x", "3", "6", "50" },
        { "y", "3", "6", "50" }, { "z", "1", "6", "16.666667" } };
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    o.all_labels = 1;
    EXPECT(freq(data, "m", &o), FC, want);
    o.order = CODA_ORDER_VALUE;
    EXPECT(freq(data, "m", &o), FC, by_value);
}
END_TEST

/* all_labels with declared labels on a single-valued column: the ones
 * that never occur are listed with count 0. */
START_TEST(test_freq_all_labels_declared)
{
    static const char *const want[][4] = {
        { "A", "3", "7", "42.857143" }, { "B", "3", "7", "42.857143" },
        { "C", "1", "7", "14.285714" }, { "D", "0", "7", "0" } };
    static const char *const n[][4] = {
        { "3", "3", "7", "42.857143" }, { "1", "2", "7", "28.571429" },
        { "2", "1", "7", "14.285714" }, { "10", "1", "7", "14.285714" },
        { "4", "0", "7", "0" } };
    static const coda_value ls[] = { S("D"), S("A") };
    static const coda_value ln[] = { I(4), D(2.0) };
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    o.all_labels = 1;
    o.labels = ls;
    o.nlabels = NELEM(ls);
    EXPECT(freq(data, "st", &o), FC, want);
    o.labels = ln;
    o.nlabels = NELEM(ln);
    EXPECT(freq(data, "n", &o), FC, n);
}
END_TEST

/* Labels that never occur sort like any other value: by value in value
 * order, ties of count by value in count order. */
START_TEST(test_freq_absent_labels_sort_by_value)
{
    static const char *const by_value[][4] = {
        { "0", "0", "7", "0" }, { "A", "3", "7", "42.857143" },
        { "B", "3", "7", "42.857143" }, { "C", "1", "7", "14.285714" } };
    static const char *const by_count[][4] = {
        { "x", "3", "6", "50" }, { "y", "3", "6", "50" },
        { "z", "1", "6", "16.666667" }, { "a", "0", "6", "0" },
        { "q", "0", "6", "0" }, { "w", "0", "6", "0" } };
    static const coda_value l0[] = { S("0") };
    static const coda_value lm[] = { S("w"), S("q"), S("a") };
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    o.all_labels = 1;
    o.order = CODA_ORDER_VALUE;
    o.labels = l0;
    o.nlabels = NELEM(l0);
    EXPECT(freq(data, "st", &o), FC, by_value);
    o.order = CODA_ORDER_COUNT;
    o.labels = lm;
    o.nlabels = NELEM(lm);
    EXPECT(freq(data, "m", &o), FC, by_count);
}
END_TEST

/* A declared label that cannot be a value of the column is an error, not
 * a row holding 0 (or a truncated number). */
START_TEST(test_freq_label_of_wrong_type)
{
    static const struct {
        const char *col;
        coda_value v;
    } k[] = {
        { "n", S("x") }, { "n", D(2.5) }, { "n", B(1) }, { "st", I(1) },
        { "m", I(1) }, { "b", S("true") }, { "x", S("1") },
    };
    for (size_t i = 0; i < NELEM(k); i++) {
        coda_freq_opts o;
        coda_freq_opts_init(&o);
        o.all_labels = 1;
        o.labels = &k[i].v;
        o.nlabels = 1;
        coda_table *out = NULL;
        coda_error err;
        coda_error_clear(&err);
        coda_status st = coda_frequency(data, agg_col(data, k[i].col), &o,
                                        &out, &err);
        if (st == CODA_OK)
            keep_table(out);
        ck_assert_msg(st == CODA_ETYPE, "case %zu (%s): %s, expected a type "
                      "error", i, k[i].col, coda_strerror(st));
        ck_assert_msg(strstr(err.msg, k[i].col) != NULL, "case %zu: \"%s\" "
                      "does not name the column", i, err.msg);
    }
}
END_TEST

/* A zero base (nothing left after a filter): counts 0, percentages and
 * intervals missing. */
START_TEST(test_freq_zero_base)
{
    static const char *const names[] = { "value", "count", "base", "pct",
                                         "ci_low", "ci_high" };
    static const char *const want[][6] = { /* count ties: by value */
        { "w", "0", "0", NULL, NULL, NULL }, { "x", "0", "0", NULL, NULL, NULL },
        { "y", "0", "0", NULL, NULL, NULL }, { "z", "0", "0", NULL, NULL, NULL } };
    coda_table *empty;
    ck_assert_int_eq(coda_table_take(data, NULL, 0, &empty), CODA_OK);
    keep_table(empty);
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    ck_assert_uint_eq(freq(empty, "m", &o)->nrow, 0);
    ck_assert_uint_eq(freq(empty, "st", &o)->nrow, 0);
    o.all_labels = 1;
    EXPECT(freq(empty, "m", &o), names, want);
}
END_TEST

/* Every row missing: no value, base 0. */
START_TEST(test_freq_all_missing)
{
    static const xtab x = { 3, { { "v", CODA_INTEGER, { NULL, NULL, NULL } } } };
    static const char *const want[][4] = { { "5", "0", "0", NULL } };
    static const coda_value l[] = { I(5) };
    coda_table *t = keep_table(xtab_build(&x));
    coda_freq_opts o;
    coda_freq_opts_init(&o);
    ck_assert_uint_eq(freq(t, "v", &o)->nrow, 0);
    o.all_labels = 1;
    o.labels = l;
    o.nlabels = 1;
    EXPECT(freq(t, "v", &o), FC, want);
}
END_TEST

/* The interval columns are coda_proportion_ci of count over base. */
START_TEST(test_freq_intervals)
{
    const coda_ci methods[] = { CODA_CI_WILSON, CODA_CI_CLOPPER_PEARSON,
                                CODA_CI_NONE };
    const double levels[] = { 0.95, 0.9, 0.99 };
    for (size_t i = 0; i < NELEM(methods); i++) {
        coda_freq_opts o;
        coda_freq_opts_init(&o);
        o.ci = methods[i];
        o.level = levels[i];
        coda_table *t = freq(data, "m", &o);
        for (size_t r = 0; r < t->nrow; r++) {
            double lo, hi;
            coda_proportion_ci(methods[i], levels[i], (long)t->cols[1].v.i[r],
                               (long)t->cols[2].v.i[r], &lo, &hi);
            if (methods[i] == CODA_CI_NONE) {
                ck_assert(coda_is_missing(&t->cols[4], r));
                ck_assert(coda_is_missing(&t->cols[5], r));
                continue;
            }
            ck_assert(!coda_is_missing(&t->cols[4], r));
            ck_assert_double_eq(t->cols[4].v.d[r], lo);
            ck_assert_double_eq(t->cols[5].v.d[r], hi);
        }
    }
}
END_TEST

/* The doc's example: 4 of 5 is 80% with Wilson 95% [37.55, 96.38]. */
START_TEST(test_freq_wilson_values)
{
    static const xtab x = { 6, {
        { "v", CODA_STRING, { "a", "a", "b", "a", NULL, "a" } } } };
    static const char *const names[] = { "value", "count", "base", "pct",
                                         "ci_low", "ci_high" };
    static const char *const want[][6] = {
        { "a", "4", "5", "80", "37.5535", "96.3776" },
        { "b", "1", "5", "20", "3.62241", "62.4465" } };
    EXPECT(freq(keep_table(xtab_build(&x)), "v", NULL), names, want);
}
END_TEST

/* --- crosstab -------------------------------------------------------------- */

static const char *const XC[] = { "row", "col", "count", "row_base", "row_pct",
                                  "col_base", "col_pct", "total_pct" };

static coda_table *cross(const coda_table *t, const char *a, const char *b)
{
    coda_xtab_opts o;
    coda_xtab_opts_init(&o);
    coda_table *out = NULL;
    coda_error err;
    coda_status st = coda_crosstab(t, agg_col(t, a), agg_col(t, b), &o, &out,
                                   &err);
    ck_assert_msg(st == CODA_OK, "crosstab(%s, %s): %s", a, b, err.msg);
    return keep_table(out);
}

static const xtab x_ss = { 10, {
    { "a", CODA_STRING, { "p", "q", "p", "p", NULL, "q", "r", "p", "q", "p" } },
    { "b", CODA_STRING, { "u", "v", "v", NULL, "u", "u", NULL, "u", "v", "w" } } } };

/* Rows with both present: 7; p 4, q 3 (r only beside a missing b: no row);
 * u 3, v 3, w 1; the q-w cell is 0 and still listed. */
START_TEST(test_xtab_single_single)
{
    static const char *const want[][8] = {
        { "p", "u", "2", "4", "50", "3", "66.666667", "28.571429" },
        { "p", "v", "1", "4", "25", "3", "33.333333", "14.285714" },
        { "p", "w", "1", "4", "25", "1", "100", "14.285714" },
        { "q", "u", "1", "3", "33.333333", "3", "33.333333", "14.285714" },
        { "q", "v", "2", "3", "66.666667", "3", "66.666667", "28.571429" },
        { "q", "w", "0", "3", "0", "1", "0", "0" } };
    coda_table *t = cross(keep_table(xtab_build(&x_ss)), "a", "b");
    EXPECT(t, XC, want);
    ck_assert_uint_eq(t->ncol, 10);
    ck_assert_str_eq(t->cols[8].name, "ci_low");
    ck_assert_str_eq(t->cols[9].name, "ci_high");
    for (size_t r = 0; r < t->nrow; r++) {
        double lo, hi;
        coda_proportion_ci(CODA_CI_WILSON, 0.95, (long)t->cols[2].v.i[r],
                           (long)t->cols[3].v.i[r], &lo, &hi);
        ck_assert_double_eq(t->cols[8].v.d[r], lo);
        ck_assert_double_eq(t->cols[9].v.d[r], hi);
    }
}
END_TEST

/* The transpose: rows and columns swap their bases. */
START_TEST(test_xtab_single_single_transposed)
{
    static const char *const want[][8] = {
        { "u", "p", "2", "3", "66.666667", "4", "50", "28.571429" },
        { "u", "q", "1", "3", "33.333333", "3", "33.333333", "14.285714" },
        { "v", "p", "1", "3", "33.333333", "4", "25", "14.285714" },
        { "v", "q", "2", "3", "66.666667", "3", "66.666667", "28.571429" },
        { "w", "p", "1", "1", "100", "4", "25", "14.285714" },
        { "w", "q", "0", "1", "0", "3", "0", "0" } };
    EXPECT(cross(keep_table(xtab_build(&x_ss)), "b", "a"), XC, want);
}
END_TEST

static const xtab x_sm = { 7, {
    { "a", CODA_STRING, { "p", "q", "p", "q", NULL, "p", "q" } },
    { "m", CODA_MULTI, { "x|y", "", "y", NULL, "x", "x|z", "y" } },
    { "n", CODA_MULTI, { "A", "A|B", "", "A", "B", NULL, "B|A" } } } };

/* An empty set is present: it counts in the row base though it has no
 * label. */
START_TEST(test_xtab_single_multi)
{
    static const char *const want[][8] = {
        { "p", "x", "2", "3", "66.666667", "2", "100", "40" },
        { "p", "y", "2", "3", "66.666667", "3", "66.666667", "40" },
        { "p", "z", "1", "3", "33.333333", "1", "100", "20" },
        { "q", "x", "0", "2", "0", "2", "0", "0" },
        { "q", "y", "1", "2", "50", "3", "33.333333", "20" },
        { "q", "z", "0", "2", "0", "1", "0", "0" } };
    EXPECT(cross(keep_table(xtab_build(&x_sm)), "a", "m"), XC, want);
}
END_TEST

/* Both present: rows 0, 1, 2, 4, 6 (5 rows).  m: x in 0, 4 -> 2; y in
 * 0, 2, 6 -> 3.  n: A in 0, 1, 6 -> 3; B in 1, 4, 6 -> 3. */
START_TEST(test_xtab_multi_multi)
{
    static const char *const want[][8] = {
        { "x", "A", "1", "2", "50", "3", "33.333333", "20" },
        { "x", "B", "1", "2", "50", "3", "33.333333", "20" },
        { "y", "A", "2", "3", "66.666667", "3", "66.666667", "40" },
        { "y", "B", "1", "3", "33.333333", "3", "33.333333", "20" } };
    EXPECT(cross(keep_table(xtab_build(&x_sm)), "m", "n"), XC, want);
}
END_TEST

/* Both present: rows 0, 1, 2, 3, 6.  A: 0, 1, 3, 6 -> 4; B: 1, 6 -> 2;
 * p: 0, 2 -> 2; q: 1, 3, 6 -> 3. */
START_TEST(test_xtab_multi_single)
{
    static const char *const want[][8] = {
        { "A", "p", "1", "4", "25", "2", "50", "20" },
        { "A", "q", "3", "4", "75", "3", "100", "60" },
        { "B", "p", "0", "2", "0", "2", "0", "0" },
        { "B", "q", "2", "2", "100", "3", "66.666667", "40" } };
    coda_table *t = keep_table(xtab_build(&x_sm));
    EXPECT(cross(t, "n", "a"), XC, want);
}
END_TEST

/* Values sort by value: integers numerically, false before true; the
 * key columns keep their types. */
START_TEST(test_xtab_value_order_and_types)
{
    static const xtab x = { 5, {
        { "k", CODA_INTEGER, { "10", "9", "10", NULL, "9" } },
        { "f", CODA_BOOLEAN, { "true", "false", "false", "true", NULL } } } };
    static const char *const want[][8] = {
        { "9", "false", "1", "1", "100", "2", "50", "33.333333" },
        { "9", "true", "0", "1", "0", "1", "0", "0" },
        { "10", "false", "1", "2", "50", "2", "50", "33.333333" },
        { "10", "true", "1", "2", "50", "1", "100", "33.333333" } };
    coda_table *t = cross(keep_table(xtab_build(&x)), "k", "f");
    EXPECT(t, XC, want);
    ck_assert_int_eq(t->cols[0].type, CODA_INTEGER);
    ck_assert_int_eq(t->cols[1].type, CODA_BOOLEAN);
}
END_TEST

START_TEST(test_xtab_empty_and_ci_none)
{
    coda_table *t = keep_table(xtab_build(&x_ss));
    coda_table *none;
    ck_assert_int_eq(coda_table_take(t, NULL, 0, &none), CODA_OK);
    keep_table(none);
    coda_table *e = cross(none, "a", "b");
    ck_assert_uint_eq(e->nrow, 0);
    ck_assert_uint_eq(e->ncol, 10);
    coda_xtab_opts o;
    coda_xtab_opts_init(&o);
    o.ci = CODA_CI_NONE;
    coda_table *out;
    ck_assert_int_eq(coda_crosstab(t, 0, 1, &o, &out, NULL), CODA_OK);
    keep_table(out);
    for (size_t r = 0; r < out->nrow; r++) {
        ck_assert(coda_is_missing(&out->cols[8], r));
        ck_assert(coda_is_missing(&out->cols[9], r));
    }
}
END_TEST

/* Past 50 million cells: CODA_ELIMIT naming both columns. */
START_TEST(test_xtab_cell_limit)
{
    enum { N = 8000 }; /* 8000 x 8000 = 64 million */
    coda_table *t = keep_table(tb_new(N, 2));
    tb_col(t, 0, "left", CODA_INTEGER);
    tb_col(t, 1, "right", CODA_INTEGER);
    for (size_t r = 0; r < N; r++) {
        t->cols[0].v.i[r] = (int64_t)r;
        t->cols[1].v.i[r] = (int64_t)(N - r);
    }
    coda_xtab_opts o;
    coda_xtab_opts_init(&o);
    coda_table *out = NULL;
    coda_error err;
    coda_error_clear(&err);
    ck_assert_int_eq(coda_crosstab(t, 0, 1, &o, &out, &err), CODA_ELIMIT);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(err.code, CODA_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.msg, "left"));
    ck_assert_ptr_nonnull(strstr(err.msg, "right"));
}
END_TEST

/* --- out of memory --------------------------------------------------------- */

typedef struct agg_run {
    const coda_table *t;
    size_t a, b;
    int xt;                 /* crosstab (else frequency) */
    coda_freq_opts fo;
    const coda_table *want; /* what a successful run must give */
    int differ;
} agg_run;

/* The run's verb: frequency (xt 0), crosstab (1), or a banner of a by b
 * and st with letters (2). */
static coda_status agg_op(const agg_run *k, coda_table **out, coda_error *err)
{
    coda_xtab_opts xo;
    coda_xtab_opts_init(&xo);
    coda_banner_opts bo;
    coda_banner_opts_init(&bo);
    bo.letters = 1;
    if (k->xt == 0)
        return coda_frequency(k->t, k->a, &k->fo, out, err);
    if (k->xt == 1)
        return coda_crosstab(k->t, k->a, k->b, &xo, out, err);
    size_t cols[] = { k->b, agg_col(k->t, "st") };
    return coda_banner(k->t, k->a, cols, 2, &bo, out, err);
}

static coda_status oom_agg(void *ctx, coda_error *err)
{
    agg_run *k = ctx;
    coda_table *out = NULL;
    coda_status st = agg_op(k, &out, err);
    if (st == CODA_OK) {
        char why[600];
        k->differ |= tab_diff(out, k->want, why, sizeof why);
        coda_table_free(out);
    }
    return st;
}

static void oom_check(agg_run *k)
{
    coda_table *want = NULL;
    ck_assert_int_eq(agg_op(k, &want, NULL), CODA_OK);
    keep_table(want);
    k->want = want;
    for (int persistent = 0; persistent < 2; persistent++) {
        k->differ = 0;
        long runs = oom_loop(oom_agg, k, persistent);
        ck_assert_int_gt(runs, 1);
        ck_assert_msg(!k->differ, "a run that succeeded gave another table");
    }
}

START_TEST(test_freq_out_of_memory)
{
    static const coda_value l[] = { S("w"), S("q") };
    const char *cols[] = { "st", "n", "x", "b", "m" };
    for (size_t i = 0; i < NELEM(cols); i++) {
        agg_run k = { data, agg_col(data, cols[i]), 0, 0, { 0 }, NULL, 0 };
        coda_freq_opts_init(&k.fo);
        oom_check(&k);
        k.fo.all_labels = 1;
        k.fo.order = CODA_ORDER_VALUE;
        k.fo.base = CODA_BASE_RESPONSES;
        if (i == 0 || i == 4) {
            k.fo.labels = l;
            k.fo.nlabels = NELEM(l);
        }
        oom_check(&k);
    }
}
END_TEST

START_TEST(test_banner_out_of_memory)
{
    const char *rows[] = { "m", "st", "n" };
    for (size_t i = 0; i < NELEM(rows); i++) {
        agg_run k = { data, agg_col(data, rows[i]), agg_col(data, "b"), 2,
                      { 0 }, NULL, 0 };
        oom_check(&k);
    }
}
END_TEST

START_TEST(test_xtab_out_of_memory)
{
    coda_table *ss = keep_table(xtab_build(&x_ss));
    coda_table *sm = keep_table(xtab_build(&x_sm));
    agg_run k[] = {
        { ss, 0, 1, 1, { 0 }, NULL, 0 },
        { sm, 0, 1, 1, { 0 }, NULL, 0 },
        { sm, 1, 2, 1, { 0 }, NULL, 0 },
        { sm, 2, 0, 1, { 0 }, NULL, 0 },
    };
    for (size_t i = 0; i < NELEM(k); i++)
        oom_check(&k[i]);
}
END_TEST

Suite *agg_suite(void)
{
    Suite *s = suite_create("agg");
    TCase *tc = tcase_create("frequency");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_freq_columns_and_types);
    tcase_add_test(tc, test_freq_string_count_order);
    tcase_add_test(tc, test_freq_integer_orders);
    tcase_add_test(tc, test_freq_number_and_boolean);
    tcase_add_test(tc, test_freq_multi_bases);
    tcase_add_test(tc, test_freq_single_bases);
    tcase_add_test(tc, test_freq_fixed_base_below_count);
    tcase_add_test(tc, test_freq_within_subset);
    tcase_add_test(tc, test_freq_order_given);
    tcase_add_test(tc, test_freq_order_given_repeated_label);
    tcase_add_test(tc, test_freq_all_labels_vocabulary);
    tcase_add_test(tc, test_freq_all_labels_declared);
    tcase_add_test(tc, test_freq_absent_labels_sort_by_value);
    tcase_add_test(tc, test_freq_label_of_wrong_type);
    tcase_add_test(tc, test_freq_zero_base);
    tcase_add_test(tc, test_freq_all_missing);
    tcase_add_test(tc, test_freq_intervals);
    tcase_add_test(tc, test_freq_wilson_values);
    tcase_add_test(tc, test_freq_out_of_memory);
    tcase_add_test(tc, test_banner_out_of_memory);
    suite_add_tcase(s, tc);
    tc = tcase_create("crosstab");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_xtab_single_single);
    tcase_add_test(tc, test_xtab_single_single_transposed);
    tcase_add_test(tc, test_xtab_single_multi);
    tcase_add_test(tc, test_xtab_multi_multi);
    tcase_add_test(tc, test_xtab_multi_single);
    tcase_add_test(tc, test_xtab_value_order_and_types);
    tcase_add_test(tc, test_xtab_empty_and_ci_none);
    tcase_add_test(tc, test_xtab_cell_limit);
    tcase_add_test(tc, test_xtab_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
