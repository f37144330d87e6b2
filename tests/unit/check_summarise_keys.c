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

enum { NROW = 4000, NKEY = 3 };

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

/* Keys k0..k2 (integers up to 60 values, 1 in 50 missing), an integer
 * column i and a number column x (1 in 9 missing). */
static coda_table *make(uint64_t seed)
{
    coda_table *t = tb_new(NROW, NKEY + 2);
    char name[16], cell[40];
    for (int c = 0; c < NKEY; c++) {
        snprintf(name, sizeof name, "k%d", c);
        tb_col(t, (size_t)c, name, CODA_INTEGER);
    }
    tb_col(t, NKEY, "i", CODA_INTEGER);
    tb_col(t, NKEY + 1, "x", CODA_NUMBER);
    for (size_t r = 0; r < NROW; r++) {
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
    suite_add_tcase(s, tc);
    return s;
}
