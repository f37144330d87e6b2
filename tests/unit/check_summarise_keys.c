/* check_summarise_keys.c - count, sum and mean by three key columns
 * whose values are too many for a table (so the rows are sorted by key
 * and summed group by group), against sums worked out row by row for
 * each result row's keys; missing values in keys and columns, and an
 * integer sum past 64 bits an error.  On 1 and 3 threads. */
#include "harness/keep.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "summarise.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { NROW = 4000, NKEY = 3, BIG = 60000 };

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

/* Keys k0..k2 (integers up to 60 values, 1 in 50 missing), an integer
 * column i and a number column x (1 in 9 missing). */
static coda_table *make_rows(uint64_t seed, size_t nrow)
{
    coda_table *t = tb_new(nrow, NKEY + 2);
    char name[16], cell[40];
    for (int c = 0; c < NKEY; c++) {
        snprintf(name, sizeof name, "k%d", c);
        tb_col(t, (size_t)c, name, CODA_INTEGER);
    }
    tb_col(t, NKEY, "i", CODA_INTEGER);
    tb_col(t, NKEY + 1, "x", CODA_NUMBER);
    for (size_t r = 0; r < nrow; r++) {
        for (int c = 0; c < NKEY; c++) {
            snprintf(cell, sizeof cell, "%d", (int)(lcg(&seed) % 60) * 1000);
            tb_cell(t, (size_t)c, r, lcg(&seed) % 50 ? cell : NULL);
        }
        snprintf(cell, sizeof cell, "%d", (int)(lcg(&seed) % 2001) - 1000);
        tb_cell(t, NKEY, r, lcg(&seed) % 9 ? cell : NULL);
        snprintf(cell, sizeof cell, "%.3f", (double)lcg(&seed) / 7e6 - 150);
        tb_cell(t, NKEY + 1, r, lcg(&seed) % 9 ? cell : NULL);
    }
    return keep_table(t);
}

static coda_table *make(uint64_t seed)
{
    return make_rows(seed, NROW);
}

/* Row a of t's keys equal to row b of o's (missing equal to missing). */
static int same_keys(const coda_table *t, size_t a, const coda_table *o,
                     size_t b)
{
    for (int c = 0; c < NKEY; c++) {
        const coda_column *x = &t->cols[c], *y = &o->cols[c];
        int mx = coda_is_missing(x, a), my = coda_is_missing(y, b);
        if (mx != my || (!mx && x->v.i[a] != y->v.i[b]))
            return 0;
    }
    return 1;
}

static void check_row(const coda_table *t, const coda_table *o, size_t g)
{
    int64_t n = 0, ni = 0, isum = 0, nx = 0;
    double xsum = 0;
    for (size_t r = 0; r < t->nrow; r++) {
        if (!same_keys(t, r, o, g))
            continue;
        n++;
        if (!coda_is_missing(&t->cols[NKEY], r))
            ni++, isum += t->cols[NKEY].v.i[r];
        if (!coda_is_missing(&t->cols[NKEY + 1], r))
            nx++, xsum += t->cols[NKEY + 1].v.d[r];
    }
    ck_assert_int_gt(n, 0);
    ck_assert_int_eq(o->cols[NKEY].v.i[g], n);
    ck_assert_int_eq(o->cols[NKEY + 1].v.i[g], ni);
    ck_assert_int_eq(o->cols[NKEY + 2].v.i[g], isum);
    ck_assert(o->cols[NKEY + 3].v.d[g] == xsum); /* the same order, exact */
    if (nx)
        ck_assert(o->cols[NKEY + 4].v.d[g] == xsum / (double)nx);
    else
        ck_assert(coda_is_missing(&o->cols[NKEY + 4], g));
}

/* Every row of t is in one result row: the counts add up to the rows. */
static void check_all(const coda_table *t, const coda_table *o)
{
    int64_t total = 0;
    for (size_t g = 0; g < o->nrow; g++) {
        check_row(t, o, g);
        total += o->cols[NKEY].v.i[g];
    }
    ck_assert_int_eq(total, NROW);
}

static const coda_sumspec specs[] = {
    { "n", CODA_SUM_COUNT, -1, 0, 0, -1 },
    { "ni", CODA_SUM_COUNT, NKEY, 0, 0, -1 },
    { "si", CODA_SUM_SUM, NKEY, 0, 0, -1 },
    { "sx", CODA_SUM_SUM, NKEY + 1, 0, 0, -1 },
    { "mx", CODA_SUM_MEAN, NKEY + 1, 0, 0, -1 },
};

START_TEST(test_many_keys_like_row_by_row)
{
    static const char *const threads[] = { "1", "3" };
    coda_table *t = make(17);
    size_t keys[NKEY] = { 0, 1, 2 };
    for (size_t n = 0; n < 2; n++) {
        setenv("CODA_THREADS", threads[n], 1);
        coda_table *o = NULL;
        coda_error err;
        ck_assert_int_eq(coda_summarise(t, keys, NKEY, specs, 5, &o, &err),
                         CODA_OK);
        keep_table(o);
        ck_assert_uint_gt(o->nrow, NROW / 2); /* mostly groups of one */
        check_all(t, o);
    }
    unsetenv("CODA_THREADS");
}
END_TEST

/* The rows of the big table sorted by key (missing last, then row
 * order), for a reference worked out run by run. */
static const coda_table *sort_t;

static int key_cmp(const coda_table *t, size_t a, size_t b)
{
    for (int c = 0; c < NKEY; c++) {
        const coda_column *k = &t->cols[c];
        int ma = coda_is_missing(k, a), mb = coda_is_missing(k, b);
        if (ma || mb) {
            if (ma != mb)
                return ma - mb;
            continue;
        }
        if (k->v.i[a] != k->v.i[b])
            return k->v.i[a] < k->v.i[b] ? -1 : 1;
    }
    return 0;
}

static int row_cmp(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int c = key_cmp(sort_t, a, b);
    return c ? c : (a > b) - (a < b);
}

/* Result row g against the rows rows[b..e), one group's in row order:
 * count, sd of x (to 1e-9), sum of i, max of x, mean of x. */
static void check_run(const coda_table *t, const size_t *rows, size_t b,
                      size_t e, const coda_table *o, size_t g)
{
    const coda_column *ci = &t->cols[NKEY], *cx = &t->cols[NKEY + 1];
    int64_t isum = 0, nx = 0;
    double xsum = 0, best = -INFINITY, sq = 0;
    ck_assert(same_keys(t, rows[b], o, g));
    for (size_t i = b; i < e; i++) {
        size_t r = rows[i];
        isum += coda_is_missing(ci, r) ? 0 : ci->v.i[r];
        if (coda_is_missing(cx, r))
            continue;
        nx++, xsum += cx->v.d[r];
        best = cx->v.d[r] > best ? cx->v.d[r] : best;
    }
    for (size_t i = b; i < e; i++)
        if (!coda_is_missing(cx, rows[i]))
            sq += (cx->v.d[rows[i]] - xsum / (double)nx) *
                  (cx->v.d[rows[i]] - xsum / (double)nx);
    ck_assert_int_eq(o->cols[NKEY].v.i[g], (int64_t)(e - b));
    ck_assert_int_eq(o->cols[NKEY + 2].v.i[g], isum);
    ck_assert_int_eq(coda_is_missing(&o->cols[NKEY + 4], g), nx == 0);
    ck_assert_int_eq(coda_is_missing(&o->cols[NKEY + 3], g), nx == 0);
    ck_assert_int_eq(coda_is_missing(&o->cols[NKEY + 1], g), nx < 2);
    if (nx)
        ck_assert(o->cols[NKEY + 4].v.d[g] == xsum / (double)nx &&
                  o->cols[NKEY + 3].v.d[g] == best);
    if (nx >= 2)
        ck_assert(fabs(o->cols[NKEY + 1].v.d[g] - sqrt(sq / (double)(nx - 1)))
                  <= 1e-9 * (1 + sqrt(sq)));
}

static void check_big(const coda_table *t, const coda_table *o)
{
    size_t *rows = malloc(BIG * sizeof *rows), g = 0, b = 0;
    for (size_t r = 0; r < BIG; r++)
        rows[r] = r;
    sort_t = t;
    qsort(rows, BIG, sizeof *rows, row_cmp);
    for (size_t i = 1; i <= BIG; i++) {
        if (i < BIG && key_cmp(t, rows[i - 1], rows[i]) == 0)
            continue;
        ck_assert_uint_lt(g, o->nrow);
        check_run(t, rows, b, i, o, g++);
        b = i;
    }
    ck_assert_uint_eq(g, o->nrow);
    free(rows);
}

/* More groups than one part of the group-by-group sums (16,384), the
 * sums beside summaries made another way (sd, max), on 1, 2 and 3
 * threads: each column in its place, the same to the bit. */
START_TEST(test_many_groups_in_parts)
{
    static const coda_sumspec mixed[] = {
        { "n", CODA_SUM_COUNT, -1, 0, 0, -1 },
        { "sd", CODA_SUM_SD, NKEY + 1, 0, 0, -1 },
        { "si", CODA_SUM_SUM, NKEY, 0, 0, -1 },
        { "top", CODA_SUM_MAX, NKEY + 1, 0, 0, -1 },
        { "mx", CODA_SUM_MEAN, NKEY + 1, 0, 0, -1 },
    };
    static const char *const threads[] = { "1", "2", "3" };
    coda_table *t = make_rows(23, BIG);
    size_t keys[NKEY] = { 0, 1, 2 };
    coda_table *first = NULL;
    for (size_t n = 0; n < 3; n++) {
        setenv("CODA_THREADS", threads[n], 1);
        coda_table *o = NULL;
        coda_error err;
        ck_assert_int_eq(coda_summarise(t, keys, NKEY, mixed, 5, &o, &err),
                         CODA_OK);
        keep_table(o);
        ck_assert_uint_gt(o->nrow, 2 * 16384);
        if (!first)
            check_big(t, first = o);
        else {
            char why[256];
            ck_assert_msg(!tab_diff(first, o, why, sizeof why), "%s", why);
        }
    }
    unsetenv("CODA_THREADS");
}
END_TEST

START_TEST(test_many_keys_overflow)
{
    coda_table *t = make(5);
    for (int c = 0; c < NKEY; c++) { /* row 1 takes row 0's keys */
        coda_column *k = &t->cols[c];
        k->v.i[1] = k->v.i[0];
        if (k->missing)
            k->missing[1] = k->missing[0];
    }
    coda_column *i = &t->cols[NKEY];
    i->v.i[0] = i->v.i[1] = INT64_MAX - 5;
    if (i->missing)
        i->missing[0] = i->missing[1] = 0;
    size_t keys[NKEY] = { 0, 1, 2 };
    coda_table *o = NULL;
    coda_error err;
    ck_assert_int_eq(coda_summarise(t, keys, NKEY, &specs[2], 1, &o, &err),
                     CODA_ELIMIT);
}
END_TEST

Suite *summarise_keys_suite(void)
{
    Suite *s = suite_create("summarise_keys");
    TCase *tc = tcase_create("summarise_keys");
    tcase_add_checked_fixture(tc, NULL, test_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_many_keys_like_row_by_row);
    tcase_add_test(tc, test_many_keys_overflow);
    tcase_add_test(tc, test_many_groups_in_parts);
    suite_add_tcase(s, tc);
    return s;
}
