/* check_summarise_select.c - quantiles by selection (coda_quantile_select)
 * against a full sort on random data with ties and NaN; medians,
 * quantiles and iqr by group against a brute-force reference (every
 * group's present values sorted) with missing values, NaN and groups of
 * one and two values; slice_max and slice_min against a stable sort of
 * each group's rows; and every summary the same, to the bit, on one
 * thread as on several (CODA_THREADS). */
#include "harness/keep.h"
#include "harness/aggtest.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "stats.h"
#include "summarise.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CODA_THREADS=n (0: unset, the cores). */
static void threads_set(int n)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", n);
    if (n > 0)
        setenv("CODA_THREADS", buf, 1);
    else
        unsetenv("CODA_THREADS");
}

static uint64_t rng = 88172645463325252ULL;

static uint32_t rnd(uint32_t n) /* xorshift64: the same data on every run */
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11) % n;
}

/* a before b in the reference order: numbers ascending, NaN last. */
static int ref_before(double a, double b)
{
    return !isnan(a) && (isnan(b) || a < b);
}

/* x sorted by insertion (the reference: no selection, no qsort). */
static void ref_sort(double *x, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        double v = x[i];
        size_t j = i;
        for (; j > 0 && ref_before(v, x[j - 1]); j--)
            x[j] = x[j - 1];
        x[j] = v;
    }
}

static int same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* n values of kind k: 0 random with ties and NaN, 1 ascending, 2
 * descending, 3 all equal, 4 organ pipe, 5 few distinct, 6 random and
 * (almost all) distinct. */
static void fill(double *x, size_t n, int k)
{
    for (size_t i = 0; i < n; i++) {
        switch (k) {
        case 0: x[i] = rnd(10) == 0 ? NAN : (double)rnd(40) / 4 - 3; break;
        case 1: x[i] = (double)i; break;
        case 2: x[i] = (double)(n - i); break;
        case 3: x[i] = 2.5; break;
        case 4: x[i] = (double)(i < n / 2 ? i : n - i); break;
        case 6: x[i] = (double)rnd(1u << 30) / 7; break;
        default: x[i] = (double)rnd(3); break;
        }
    }
}

/* x[0..n) of kind k (fill), and sorted the same values sorted. */
static void fill_sorted(double *x, double *sorted, size_t n, int k)
{
    fill(x, n, k);
    memcpy(sorted, x, n * sizeof *x);
    ref_sort(sorted, n);
}

/* coda_quantile_select(work, ...) on a copy of x[0..n) (kind k), and
 * coda_quantile_select_in with room (out of place where the processor
 * can, room at least CODA_SELECT_ROOM(n)) on another, equal to
 * coda_quantile_sorted over sorted, its values sorted; for a median, each
 * copy still holds x's values. */
static void check_select(const double *x, const double *sorted, double *work,
                         double *room, size_t n, int k, double p, int type)
{
    double want = coda_quantile_sorted(sorted, n, p, type);
    for (int roomy = 1; roomy >= 0; roomy--) {
        memcpy(work, x, n * sizeof *x);
        double got = roomy ? coda_quantile_select_in(work, n, p, type, room,
                                                     CODA_SELECT_ROOM(n))
                           : coda_quantile_select(work, n, p, type);
        ck_assert_msg(same_double(got, want), "n %zu kind %d type %d p %.17g"
                      " room %d: %.17g, sorted %.17g", n, k, type, p, roomy,
                      got, want);
        if (type != 7 || p != 0.5)
            continue;
        ref_sort(work, n); /* the same values, reordered */
        for (size_t r = 0; r < n; r++)
            ck_assert(same_double(work[r], sorted[r]));
    }
}

START_TEST(test_select_matches_sort)
{
    static const size_t sizes[] = { 1, 2, 3, 4, 5, 16, 17, 18, 19, 33, 100,
                                    601, 602, 1000, 1001, 2002, 4096, 20000 };
    static const double P[] = { 0, 0.01, 0.1, 0.25, 0.3, 0.5, 0.75, 0.9,
                                0.99, 1 };
    double *x = keep_libc(malloc(20000 * sizeof *x));
    double *sorted = keep_libc(malloc(20000 * sizeof *x));
    double *work = keep_libc(malloc(20000 * sizeof *x));
    double *room = keep_libc(malloc(CODA_SELECT_ROOM(20000) * sizeof *x));
    for (size_t si = 0; si < NELEM(sizes); si++)
        for (int kind = 0; kind < 7; kind++) {
            size_t n = sizes[si];
            fill_sorted(x, sorted, n, kind);
            for (int type = 1; type <= 9; type++)
                for (size_t j = 0; j < NELEM(P); j++)
                    check_select(x, sorted, work, room, n, kind, P[j], type);
        }
    double none = 1;
    ck_assert(isnan(coda_quantile_select(&none, 0, 0.5, 7)));
    ck_assert(isnan(coda_quantile_select(&none, 1, 1.5, 7)));
    ck_assert(isnan(coda_quantile_select(&none, 1, 0.5, 0)));
}
END_TEST

/* Between every two neighbouring order statistics (type 7, p = (k +
 * 1/2) / (n - 1) reads the k-th and the next): the next one is found
 * wherever the selection left it, also just past its last range. */
START_TEST(test_select_every_next)
{
    static const size_t sizes[] = { 18, 40, 63, 64, 65, 129, 130, 700, 1500 };
    double x[1500], sorted[1500], work[1500];
    double *room = keep_libc(malloc(CODA_SELECT_ROOM(1500) * sizeof *room));
    for (size_t si = 0; si < NELEM(sizes); si++)
        for (int kind = 0; kind < 7; kind++) {
            size_t n = sizes[si];
            fill_sorted(x, sorted, n, kind);
            for (size_t k = 0; k + 1 < n; k++)
                check_select(x, sorted, work, room, n, kind,
                             ((double)k + 0.5) / (double)(n - 1), 7);
        }
}
END_TEST

/* A random table: k the key (groups of one and two rows mostly, and a
 * big one of 7777), x a number with ties, missing and NaN, i an integer
 * with missing, w a weight, row the row number, few a key of 5 groups. */
static coda_table *random_table(size_t nrow)
{
    coda_table *t = keep_table(tb_new(nrow, 6));
    tb_col(t, 0, "k", CODA_INTEGER);
    tb_col(t, 1, "x", CODA_NUMBER);
    tb_col(t, 2, "i", CODA_INTEGER);
    tb_col(t, 3, "w", CODA_NUMBER);
    tb_col(t, 4, "row", CODA_INTEGER);
    tb_col(t, 5, "few", CODA_INTEGER);
    for (size_t r = 0; r < nrow; r++) {
        t->cols[0].v.i[r] = r < nrow / 2 ? (int64_t)rnd((uint32_t)nrow / 3)
                                         : 7777;
        uint32_t u = rnd(100);
        t->cols[1].v.d[r] = u < 4 ? NAN : (double)rnd(50) / 8 - 2;
        if (u >= 4 && u < 10)
            ck_assert_int_eq(coda_table_set_missing(t, 1, r), CODA_OK);
        t->cols[2].v.i[r] = (int64_t)rnd(30) - 10;
        if (rnd(20) == 0)
            ck_assert_int_eq(coda_table_set_missing(t, 2, r), CODA_OK);
        t->cols[3].v.d[r] = (double)(1 + rnd(4)) / 2;
        t->cols[4].v.i[r] = (int64_t)r;
        t->cols[5].v.i[r] = (int64_t)rnd(5);
    }
    return t;
}

static coda_table *summ(const coda_table *t, size_t nk,
                        const coda_sumspec *s, size_t ns, long weight)
{
    size_t key = 0;
    coda_table *out = NULL;
    coda_error err;
    coda_status st = coda_summarise_weighted(t, &key, nk, s, ns, weight,
                                             &out, &err);
    ck_assert_msg(st == CODA_OK, "summarise: %s", err.msg);
    return keep_table(out);
}

/* The p-quantile of type of column c over the rows of key k (every row
 * when all), present values sorted in the reference order. */
static double ref_quantile(const coda_table *t, size_t c, int all, int64_t k,
                           double p, int type, double *buf)
{
    size_t n = 0;
    const coda_column *col = &t->cols[c];
    for (size_t r = 0; r < t->nrow; r++)
        if ((all || t->cols[0].v.i[r] == k) && !coda_is_missing(col, r))
            buf[n++] = col->type == CODA_INTEGER ? (double)col->v.i[r]
                                                 : col->v.d[r];
    ref_sort(buf, n);
    return coda_quantile_sorted(buf, n, p, type);
}

static void expect_cell(const coda_table *o, size_t c, size_t r, double want)
{
    if (isnan(want)) {
        ck_assert_msg(coda_is_missing(&o->cols[c], r), "column %zu row %zu: "
                      "%.17g, expected missing", c, r, o->cols[c].v.d[r]);
        return;
    }
    ck_assert_msg(!coda_is_missing(&o->cols[c], r) &&
                  same_double(o->cols[c].v.d[r], want), "column %zu row %zu:"
                  " %.17g, expected %.17g", c, r, o->cols[c].v.d[r], want);
}

START_TEST(test_quantiles_by_group_match_reference)
{
    size_t nrow = 3000;
    coda_table *t = random_table(nrow);
    double *buf = keep_libc(malloc(nrow * sizeof *buf));
    coda_sumspec s[13];
    for (int type = 1; type <= 9; type++)
        s[type - 1] = (coda_sumspec){ "q", CODA_SUM_QUANTILE, 1, 0.3, type,
                                      -1 };
    s[9] = (coda_sumspec){ "median", CODA_SUM_MEDIAN, 1, 0, 0, -1 };
    s[10] = (coda_sumspec){ "iqr", CODA_SUM_IQR, 1, 0, 6, -1 };
    s[11] = (coda_sumspec){ "imedian", CODA_SUM_MEDIAN, 2, 0, 0, -1 };
    s[12] = (coda_sumspec){ "iq", CODA_SUM_QUANTILE, 2, 0.9, 2, -1 };
    const char *names[13] = { "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8",
                              "q9", "median", "iqr", "imedian", "iq" };
    for (size_t i = 0; i < 13; i++)
        s[i].name = names[i];
    for (int threads = 1; threads <= 3; threads += 2) {
        threads_set(threads);
        for (size_t nk = 0; nk <= 1; nk++) {
            coda_table *o = summ(t, nk, s, 13, -1);
            int ones = 0, twos = 0;
            for (size_t r = 0; r < o->nrow; r++) {
                int64_t k = nk ? o->cols[0].v.i[r] : 0;
                size_t n = 0;
                for (size_t q = 0; q < nrow; q++)
                    n += t->cols[0].v.i[q] == k;
                ones += n == 1, twos += n == 2;
                for (size_t i = 0; i < 13; i++) {
                    const coda_sumspec *si = &s[i];
                    int type = si->type ? si->type : 7;
                    double want;
                    if (si->fn == CODA_SUM_IQR)
                        want = ref_quantile(t, 1, !nk, k, 0.75, type, buf) -
                               ref_quantile(t, 1, !nk, k, 0.25, type, buf);
                    else
                        want = ref_quantile(t, (size_t)si->col, !nk, k,
                                            si->fn == CODA_SUM_MEDIAN ? 0.5
                                                                      : si->p,
                                            type, buf);
                    expect_cell(o, nk + i, r, want);
                }
            }
            ck_assert(!nk || (ones > 100 && twos > 100));
        }
    }
    threads_set(0);
}
END_TEST

/* Medians and 0.3-quantiles (type 7) of g groups whose rows are g
 * apart (key r % g, so group k's rows are k, k + g, ...): 5,001 groups
 * of 40 rows (their values placed a line at a time, in several lines
 * and a part of one) and 70,001 of 2 or 3 (placed one at a time), x with
 * missing values, i an integer; against each group's rows sorted. */
START_TEST(test_many_groups_match_reference)
{
    static const size_t ngs[] = { 5001, 70001 };
    size_t g = ngs[_i], nrow = g == 5001 ? 200040 : 200000;
    coda_table *t = keep_table(tb_new(nrow, 3));
    tb_col(t, 0, "k", CODA_INTEGER);
    tb_col(t, 1, "x", CODA_NUMBER);
    tb_col(t, 2, "i", CODA_INTEGER);
    for (size_t r = 0; r < nrow; r++) {
        t->cols[0].v.i[r] = (int64_t)(r % g);
        t->cols[1].v.d[r] = (double)rnd(1000000) / 8;
        t->cols[2].v.i[r] = (int64_t)rnd(100) - 50;
        if (rnd(9) == 0)
            ck_assert_int_eq(coda_table_set_missing(t, 1, r), CODA_OK);
    }
    coda_sumspec s[] = { { "m", CODA_SUM_MEDIAN, 1, 0, 0, -1 },
                         { "q", CODA_SUM_QUANTILE, 1, 0.3, 7, -1 },
                         { "im", CODA_SUM_MEDIAN, 2, 0, 0, -1 } };
    coda_table *o = summ(t, 1, s, 3, -1);
    ck_assert_uint_eq(o->nrow, g);
    double buf[64];
    for (size_t k = 0; k < g; k++) {
        for (size_t c = 1; c <= 2; c++) {
            size_t n = 0;
            for (size_t r = k; r < nrow; r += g)
                if (!coda_is_missing(&t->cols[c], r))
                    buf[n++] = c == 1 ? t->cols[1].v.d[r]
                                      : (double)t->cols[2].v.i[r];
            ref_sort(buf, n);
            double m = n ? coda_quantile_sorted(buf, n, 0.5, 7) : NAN;
            expect_cell(o, c == 1 ? 1 : 3, k, m);
            if (c == 1)
                expect_cell(o, 2, k, n ? coda_quantile_sorted(buf, n, 0.3, 7)
                                       : NAN);
        }
    }
}
END_TEST

/* Two tables equal to the bit: missing flags, and number cells by their
 * bits (not ==, which takes -0 for 0). */
static void ck_same_bits(const coda_table *a, const coda_table *b)
{
    ck_assert_tables_eq(a, b);
    for (size_t c = 0; c < a->ncol; c++)
        for (size_t r = 0; r < a->nrow && a->cols[c].type == CODA_NUMBER; r++)
            ck_assert_msg(coda_is_missing(&a->cols[c], r) ||
                          same_double(a->cols[c].v.d[r], b->cols[c].v.d[r]),
                          "column %zu row %zu: %a, one thread %a", c, r,
                          a->cols[c].v.d[r], b->cols[c].v.d[r]);
}

START_TEST(test_threads_give_the_same_answers)
{
    coda_table *t = random_table(5000);
    static const coda_sumspec s[] = {
        { "n", CODA_SUM_COUNT, -1, 0, 0, -1 },
        { "sum", CODA_SUM_SUM, 1, 0, 0, -1 },
        { "isum", CODA_SUM_SUM, 2, 0, 0, -1 },
        { "mean", CODA_SUM_MEAN, 1, 0, 0, -1 },
        { "sd", CODA_SUM_SD, 1, 0, 0, -1 },
        { "var", CODA_SUM_VAR, 2, 0, 0, -1 },
        { "min", CODA_SUM_MIN, 1, 0, 0, -1 },
        { "max", CODA_SUM_MAX, 2, 0, 0, -1 },
        { "median", CODA_SUM_MEDIAN, 1, 0, 0, -1 },
        { "q", CODA_SUM_QUANTILE, 2, 0.37, 8, -1 },
        { "iqr", CODA_SUM_IQR, 1, 0, 0, -1 },
        { "nd", CODA_SUM_N_DISTINCT, 1, 0, 0, -1 },
        { "cor", CODA_SUM_COR, 1, 0, 0, 2 },
        { "r2", CODA_SUM_R2, 2, 0, 0, 1 },
    };
    static const coda_sumspec ws[] = {
        { "wmean", CODA_SUM_MEAN, 1, 0, 0, -1 },
        { "wmedian", CODA_SUM_MEDIAN, 1, 0, 0, -1 },
        { "wsd", CODA_SUM_SD, 2, 0, 0, -1 },
        { "wiqr", CODA_SUM_IQR, 2, 0, 0, -1 },
        { "wcor", CODA_SUM_COR, 1, 0, 0, 2 },
    };
    for (size_t nk = 0; nk <= 1; nk++) {
        threads_set(1);
        coda_table *one = summ(t, nk, s, NELEM(s), -1);
        coda_table *wone = summ(t, nk, ws, NELEM(ws), 3);
        for (int threads = 2; threads <= 5; threads++) {
            threads_set(threads);
            ck_same_bits(summ(t, nk, s, NELEM(s), -1), one);
            ck_same_bits(summ(t, nk, ws, NELEM(ws), 3), wone);
        }
    }
    threads_set(0);
}
END_TEST

/* The p-quantile (type 7) of each of ng groups of column c of t (key
 * column 0, 0 .. ng - 1) into want: each group's present values
 * gathered by a counting sort of the rows, then sorted. */
static void ref_by_key(const coda_table *t, size_t c, size_t ng, double p,
                       double *want)
{
    size_t *start = keep_libc(calloc(ng + 1, sizeof *start));
    double *vals = keep_libc(malloc(t->nrow * sizeof *vals));
    const coda_column *col = &t->cols[c];
    for (size_t r = 0; r < t->nrow; r++)
        start[t->cols[0].v.i[r] + 1] += !coda_is_missing(col, r);
    for (size_t g = 0; g < ng; g++)
        start[g + 1] += start[g];
    size_t *at = keep_libc(malloc(ng * sizeof *at));
    memcpy(at, start, ng * sizeof *at);
    for (size_t r = 0; r < t->nrow; r++)
        if (!coda_is_missing(col, r))
            vals[at[t->cols[0].v.i[r]]++] = col->v.d[r];
    for (size_t g = 0; g < ng; g++) {
        size_t n = start[g + 1] - start[g];
        ref_sort(vals + start[g], n);
        want[g] = n ? coda_quantile_sorted(vals + start[g], n, p, 7) : NAN;
    }
}

/* A median with a standard deviation, mean or count beside it over more
 * rows than summarise_stretch.c's least (2^20): the select takes each
 * group's counts from the stretches' pass where it made them (the sd's
 * cells of x, which has missing values; the rows of the groups, for y,
 * which has none) and counts them itself where it did not (a mean of
 * x: x's count is not the rows'), on threads whose stretches are and are
 * not made of the 16 stretches'.  Against each group's values sorted,
 * and the sd against the sd alone. */
START_TEST(test_medians_take_the_stretches_counts)
{
    size_t nrow = 1100003, ng = 1000;
    coda_table *t = keep_table(tb_new(nrow, 3));
    tb_col(t, 0, "k", CODA_INTEGER);
    tb_col(t, 1, "x", CODA_NUMBER);
    tb_col(t, 2, "y", CODA_NUMBER);
    for (size_t r = 0; r < nrow; r++) {
        t->cols[0].v.i[r] = (int64_t)rnd((uint32_t)ng);
        t->cols[1].v.d[r] = (double)rnd(100000) / 16;
        t->cols[2].v.d[r] = (double)rnd(100000) / 8;
        if (rnd(7) == 0)
            ck_assert_int_eq(coda_table_set_missing(t, 1, r), CODA_OK);
    }
    double *mx = keep_libc(malloc(ng * sizeof *mx));
    double *my = keep_libc(malloc(ng * sizeof *my));
    double *q3 = keep_libc(malloc(ng * sizeof *q3));
    ref_by_key(t, 1, ng, 0.5, mx);
    ref_by_key(t, 2, ng, 0.5, my);
    ref_by_key(t, 1, ng, 0.3, q3);
    coda_sumspec sx[] = { { "m", CODA_SUM_MEDIAN, 1, 0, 0, -1 },
                          { "s", CODA_SUM_SD, 1, 0, 0, -1 } };
    coda_sumspec sy[] = { { "m", CODA_SUM_MEDIAN, 2, 0, 0, -1 },
                          { "a", CODA_SUM_MEAN, 2, 0, 0, -1 } };
    coda_sumspec sq[] = { { "q", CODA_SUM_QUANTILE, 1, 0.3, 7, -1 },
                          { "a", CODA_SUM_MEAN, 1, 0, 0, -1 },
                          { "n", CODA_SUM_COUNT, -1, 0, 0, -1 } };
    for (int threads = 1; threads <= 4; threads++) {
        threads_set(threads);
        coda_table *ox = summ(t, 1, sx, 2, -1);
        coda_table *oy = summ(t, 1, sy, 2, -1);
        coda_table *oq = summ(t, 1, sq, 3, -1);
        coda_table *sd = summ(t, 1, sx + 1, 1, -1);
        ck_assert_uint_eq(ox->nrow, ng);
        for (size_t g = 0; g < ng; g++) {
            expect_cell(ox, 1, g, mx[g]);
            expect_cell(ox, 2, g, sd->cols[1].v.d[g]);
            expect_cell(oy, 1, g, my[g]);
            expect_cell(oq, 1, g, q3[g]);
        }
    }
    threads_set(0);
}
END_TEST

/* The rows slice_max (largest) or slice_min keeps of column c by key kc,
 * brute force: each group's rows with a value (not NaN) in row order,
 * stably sorted best first, the first n. */
static int key_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static size_t ref_top(const coda_table *t, size_t kc, size_t c, size_t n,
                      int largest, size_t *out, size_t *g, int64_t *keys)
{
    const coda_column *col = &t->cols[c], *k = &t->cols[kc];
    size_t m = 0, nkey = 0;
    memcpy(keys, k->v.i, t->nrow * sizeof *keys);
    qsort(keys, t->nrow, sizeof *keys, key_cmp);
    for (size_t i = 0; i < t->nrow; i++) /* the keys in order, each once */
        if (i == 0 || keys[i] != keys[i - 1])
            keys[nkey++] = keys[i];
    for (size_t i = 0; i < nkey; i++) {
        size_t ng = 0;
        for (size_t r = 0; r < t->nrow; r++) {
            if (k->v.i[r] != keys[i] || coda_is_missing(col, r))
                continue;
            double v = col->type == CODA_INTEGER ? (double)col->v.i[r]
                                                 : col->v.d[r];
            if (isnan(v))
                continue;
            size_t j = ng++;
            for (; j > 0; j--) {
                size_t q = g[j - 1];
                double u = col->type == CODA_INTEGER ? (double)col->v.i[q]
                                                     : col->v.d[q];
                if (!(largest ? v > u : v < u))
                    break;
                g[j] = q;
            }
            g[j] = r;
        }
        for (size_t j = 0; j < ng && j < n; j++)
            out[m++] = g[j];
    }
    return m;
}

/* By k (many groups: one stretch of rows) and by few (five groups: a
 * stretch a thread, merged). */
START_TEST(test_slice_matches_reference_on_any_threads)
{
    coda_table *t = random_table(4000);
    size_t *want = keep_libc(malloc(4000 * sizeof *want));
    size_t *g = keep_libc(malloc(4000 * sizeof *g));
    int64_t *keys = keep_libc(malloc(4000 * sizeof *keys));
    for (int threads = 1; threads <= 4; threads++) {
        threads_set(threads);
        for (size_t n = 1; n <= 3; n++)
            for (int largest = 0; largest <= 1; largest++)
                for (size_t c = 1; c <= 2; c++)
                    for (size_t key = 0; key <= 5; key += 5) {
                        coda_table *o = NULL;
                        ck_assert_int_eq(coda_summarise_top(t, &key, 1, c, n,
                                                            largest, &o,
                                                            NULL), CODA_OK);
                        keep_table(o);
                        size_t m = ref_top(t, key, c, n, largest, want, g,
                                           keys);
                        ck_assert_uint_eq(o->nrow, m);
                        for (size_t r = 0; r < m; r++)
                            ck_assert_msg(o->cols[4].v.i[r] ==
                                          (int64_t)want[r], "threads %d n "
                                          "%zu largest %d col %zu key %zu: "
                                          "row %zu is %lld, expected %zu",
                                          threads, n, largest, c, key, r,
                                          (long long)o->cols[4].v.i[r],
                                          want[r]);
                        keep_free_table(o);
                    }
    }
    threads_set(0);
}
END_TEST

static void teardown(void)
{
    threads_set(0);
    test_teardown();
}

Suite *summarise_select_suite(void)
{
    Suite *s = suite_create("summarise_select");
    TCase *tc = tcase_create("summarise_select");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_select_matches_sort);
    tcase_add_test(tc, test_select_every_next);
    tcase_add_test(tc, test_quantiles_by_group_match_reference);
    tcase_add_loop_test(tc, test_many_groups_match_reference, 0, 2);
    tcase_add_test(tc, test_threads_give_the_same_answers);
    tcase_add_test(tc, test_medians_take_the_stretches_counts);
    tcase_add_test(tc, test_slice_matches_reference_on_any_threads);
    suite_add_tcase(s, tc);
    return s;
}
