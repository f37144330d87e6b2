/* check_group_sorted.c - group ids in key order (coda_group_rows_sorted)
 * against coda_group_rows followed by coda_group_sort, on generated
 * tables that take each of its ways: one key, few possible keys (a table),
 * many (a radix sort), more than 64 bits of them (whole rows hashed), with
 * integers of small and large spans, numbers, strings and missing values;
 * and out-of-memory runs. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "harness/aggtest.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "group.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct shape {
    size_t nrow, ncol;
    coda_type type;
    long distinct;      /* values per column */
    long scale;         /* integers: value = k * scale, so the span grows */
    int missing;        /* 1 in this many cells is missing (0: none) */
} shape;

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

static coda_table *make(const shape *sh, uint64_t seed)
{
    coda_table *t = tb_new(sh->nrow, sh->ncol);
    for (size_t c = 0; c < sh->ncol; c++) {
        char name[24], cell[40];
        snprintf(name, sizeof name, "k%zu", c);
        tb_col(t, c, name, sh->type);
        for (size_t r = 0; r < sh->nrow; r++) {
            long k = (long)(lcg(&seed) % (uint64_t)sh->distinct);
            if (sh->missing && lcg(&seed) % (uint64_t)sh->missing == 0) {
                tb_cell(t, c, r, NULL);
                continue;
            }
            if (sh->type == CODA_STRING)
                snprintf(cell, sizeof cell, "v%ld", k);
            else if (sh->type == CODA_NUMBER)
                snprintf(cell, sizeof cell, "%g", (double)k / 4 - 3);
            else
                snprintf(cell, sizeof cell, "%ld", k * sh->scale - 7);
            tb_cell(t, c, r, cell);
        }
    }
    return keep_table(t);
}

/* When the groups come with their rows in order, those are each group's
 * rows, every row once, in row order within a group. */
static void check_order(const coda_groups *s, size_t nrow)
{
    if (!s->order)
        return;
    ck_assert_uint_eq(s->start[0], 0);
    ck_assert_uint_eq(s->start[s->ngroups], nrow);
    for (size_t g = 0; g < s->ngroups; g++) {
        ck_assert_uint_lt(s->start[g], s->start[g + 1]);
        ck_assert_uint_eq(s->order[s->start[g]], s->first[g]);
        for (size_t i = s->start[g]; i < s->start[g + 1]; i++) {
            ck_assert_uint_eq(s->gid[s->order[i]], g);
            if (i > s->start[g])
                ck_assert_uint_lt(s->order[i - 1], s->order[i]);
        }
    }
}

/* The key columns of each group (coda_group_key_columns) hold the values
 * of its first row, under the key columns' names. */
static void check_keys(const coda_table *t, const size_t *cols,
                       const coda_groups *s)
{
    coda_table *o = NULL;
    ck_assert_int_eq(coda_table_create(s->ngroups, t->ncol, &o), CODA_OK);
    keep_table(o);
    ck_assert_int_eq(coda_group_key_columns(s, t, cols, t->ncol, o, 0),
                     CODA_OK);
    for (size_t c = 0; c < t->ncol; c++) {
        const coda_column *k = &t->cols[c], *d = &o->cols[c];
        ck_assert_str_eq(d->name, k->name);
        for (size_t g = 0; g < s->ngroups; g++) {
            size_t r = s->first[g];
            ck_assert_int_eq(coda_is_missing(d, g), coda_is_missing(k, r));
            ck_assert(coda_is_missing(k, r) || coda_value_eq(k, r, d, g));
        }
    }
}

/* The sorted ids of t by cols[0..k) agree with coda_group_rows's ids put
 * in order. */
static void check_same_by(const coda_table *t, const size_t *cols, size_t k)
{
    coda_groups s, g;
    ck_assert_int_eq(coda_group_rows_sorted(t, cols, k, &s), CODA_OK);
    ck_assert_int_eq(coda_group_rows(t, cols, k, &g), CODA_OK);
    ck_assert_uint_eq(s.ngroups, g.ngroups);
    /* freed here, not kept: a failed check ends the test's process */
    size_t *order = malloc((g.ngroups + 1) * sizeof *order);
    size_t *rank = malloc((g.ngroups + 1) * sizeof *rank);
    ck_assert(order && rank);
    for (size_t i = 0; i < g.ngroups; i++)
        order[i] = i;
    coda_group_sort(t, cols, t->ncol, &g, order, g.ngroups);
    for (size_t i = 0; i < g.ngroups; i++) {
        rank[order[i]] = i;
        ck_assert_uint_eq(s.first[i], g.first[order[i]]);
    }
    for (size_t r = 0; r < t->nrow; r++)
        ck_assert_uint_eq(s.gid[r], rank[g.gid[r]]);
    check_order(&s, t->nrow);
    if (k == t->ncol)
        check_keys(t, cols, &s);
    coda_groups_free(&s);
    coda_groups_free(&g);
    free(order);
    free(rank);
}

/* check_same_by every column of t: first with its ranks worked out
 * afresh, then again with those the table kept of them. */
static void check_same(coda_table *t)
{
    size_t cols[8];
    for (size_t c = 0; c < t->ncol; c++)
        cols[c] = c;
    coda_table_forget_all(t);
    check_same_by(t, cols, t->ncol);
    check_same_by(t, cols, t->ncol);
}

static const shape shapes[] = {
    { 300, 1, CODA_STRING, 40, 1, 7 },          /* one key */
    { 300, 1, CODA_INTEGER, 40, 100000, 0 },    /* one key, a large span */
    { 500, 2, CODA_INTEGER, 30, 1, 9 },         /* a table */
    { 500, 3, CODA_STRING, 60, 1, 11 },         /* a radix sort */
    { 500, 4, CODA_NUMBER, 50, 1, 5 },          /* a radix sort */
    { 800, 3, CODA_INTEGER, 700, 1000000, 13 }, /* large spans, radix */
    { 1200, 7, CODA_INTEGER, 1100, 3, 0 },      /* past 64 bits: hashed */
    { 0, 2, CODA_STRING, 5, 1, 0 },             /* no rows */
    { 5000, 1, CODA_INTEGER, 3000, 1, 9 },      /* ints ranked by a table */
    { 150000, 1, CODA_INTEGER, 140000, 1, 11 }, /* ... more ranks than
                                                   get first rows there */
    { 4000, 1, CODA_INTEGER, 1, 1, 1 },         /* every value missing */
    { 20000, 1, CODA_INTEGER, 50, 1, 7 },       /* every value of the span
                                                   present, and missing */
    { 20000, 1, CODA_INTEGER, 50, 1, 0 },       /* ... and none missing */
    { 5000, 2, CODA_INTEGER, 10, 1, 0 },        /* a table, every key
                                                   present: keys are ids */
    { 5000, 2, CODA_STRING, 8, 1, 3 },          /* ... missing ones too */
};

/* The shapes whose groups keep their ranks packed (a radix sort of keys
 * of 64 bits or fewer), whose key columns are read by rank. */
START_TEST(test_packed_keys_kept)
{
    static const struct { size_t shape; int packed; } want[] = {
        { 3, 1 }, { 4, 1 }, { 5, 1 }, { 2, 0 }, { 6, 0 }, { 0, 0 },
    };
    for (size_t i = 0; i < NELEM(want); i++) {
        coda_table *t = make(&shapes[want[i].shape], 5);
        size_t cols[8];
        for (size_t c = 0; c < t->ncol; c++)
            cols[c] = c;
        coda_groups s;
        ck_assert_int_eq(coda_group_rows_sorted(t, cols, t->ncol, &s),
                         CODA_OK);
        int packed = s.keys != NULL;
        coda_groups_free(&s);
        ck_assert_int_eq(packed, want[i].packed);
    }
}
END_TEST

/* A large integer column whose least and greatest values stand in rows
 * the first pass's sample skips (rows 100 and 200, and the value past
 * the span at row 1000 of the second stretch): the ranks are still right,
 * on 1, 2 and 3 threads. */
START_TEST(test_ints_extremes_off_sample)
{
    static const shape big = { 70000, 1, CODA_INTEGER, 50, 1, 13 };
    static const char *const threads[] = { "1", "2", "3" };
    coda_table *t = make(&big, 3);
    coda_column *c = &t->cols[0];
    size_t rows[] = { 100, 200, 35000 + 1000 };
    int64_t vals[] = { 1000, -500, 77 };
    for (size_t i = 0; i < NELEM(rows); i++) {
        c->v.i[rows[i]] = vals[i];
        if (c->missing)
            c->missing[rows[i]] = 0;
    }
    for (size_t n = 0; n < NELEM(threads); n++) {
        setenv("CODA_THREADS", threads[n], 1);
        check_same(t);
    }
    unsetenv("CODA_THREADS");
}
END_TEST

/* On 1, 2 and 3 threads (CODA_THREADS), the same ids. */
START_TEST(test_sorted_like_group_then_sort)
{
    static const char *const threads[] = { "1", "2", "3" };
    for (size_t i = 0; i < NELEM(shapes); i++) {
        coda_table *t = make(&shapes[i], 42 + i);
        for (size_t n = 0; n < NELEM(threads); n++) {
            setenv("CODA_THREADS", threads[n], 1);
            check_same(t);
        }
        unsetenv("CODA_THREADS");
    }
}
END_TEST

/* The ranks kept of a key column of 65,536 rows or more (table_kept.c)
 * give the same groups as ranks worked out afresh; they go when a value
 * of the column is written, when the column is replaced, and are not
 * used once the column has levels; a share's grouping finds those its
 * base keeps.  Smaller tables keep nothing. */
static void check_key(coda_table *t, size_t c)
{
    coda_groups g;
    ck_assert_int_eq(coda_group_rows_sorted(t, &c, 1, &g), CODA_OK);
    int kept = g.kept;
    coda_groups_free(&g);
    check_same_by(t, &c, 1);
    ck_assert_int_eq(kept, coda_table_kept(t, c) != NULL);
}

START_TEST(test_kept_ranks)
{
    static const shape big = { 100000, 2, CODA_STRING, 300, 1, 7 };
    coda_table *t = make(&big, 11);
    size_t both[] = { 0, 1 };
    check_same(t);
    ck_assert_ptr_nonnull(coda_table_kept(t, 0));
    ck_assert_ptr_nonnull(coda_table_kept(t, 1));
    check_key(t, 0);
    ck_assert_ptr_nonnull(coda_table_kept(t, 0));
    /* a new value, a value made missing: those columns' ranks go */
    ck_assert_int_eq(coda_table_set_string(t, 0, 5, "a new one", 9), CODA_OK);
    ck_assert_int_eq(coda_table_set_missing(t, 1, 3), CODA_OK);
    ck_assert_ptr_null(coda_table_kept(t, 0));
    ck_assert_ptr_null(coda_table_kept(t, 1));
    check_same_by(t, both, 2);
    check_key(t, 0);
    check_key(t, 1);
    /* a share finds its base's; its own copy, once written, its own */
    coda_table *sh = NULL;
    ck_assert_int_eq(coda_table_share(t, &sh), CODA_OK);
    keep_table(sh);
    ck_assert_ptr_nonnull(coda_table_kept(sh, 0));
    ck_assert_int_eq(coda_table_set_string(sh, 0, 7, "zz", 2), CODA_OK);
    ck_assert_ptr_null(coda_table_kept(sh, 0));
    ck_assert_ptr_nonnull(coda_table_kept(t, 0));
    check_key(sh, 0);
    check_key(t, 0);
    /* levels (the reverse of the values' order) change the order */
    coda_table *lv = NULL;
    ck_assert_int_eq(coda_table_share(t, &lv), CODA_OK);
    keep_table(lv);
    const char *levels[302];
    size_t len[302], n = 0;
    char names[302][24];
    for (long v = 299; v >= 0; v--, n++) {
        snprintf(names[n], sizeof names[n], "v%ld", v);
        levels[n] = names[n];
        len[n] = strlen(names[n]);
    }
    levels[n] = "a new one", len[n] = 9, n++;
    coda_error err = { 0 };
    ck_assert_int_eq(coda_table_set_levels(lv, 0, levels, len, n, &err),
                     CODA_OK);
    ck_assert_ptr_null(coda_table_kept(lv, 0));
    check_key(lv, 0);
    /* a replaced column */
    size_t c;
    ck_assert_int_eq(coda_table_add_column(t, "k1", CODA_INTEGER, &c),
                     CODA_OK);
    ck_assert_ptr_null(coda_table_kept(t, 1));
    coda_groups g;
    ck_assert_int_eq(coda_group_rows_sorted(t, &c, 1, &g), CODA_OK);
    ck_assert_uint_eq(g.ngroups, 1);
    coda_groups_free(&g);
    /* a table of fewer rows keeps nothing */
    static const shape small = { 1000, 1, CODA_STRING, 30, 1, 0 };
    coda_table *s = make(&small, 3);
    check_key(s, 0);
    ck_assert_ptr_null(coda_table_kept(s, 0));
}
END_TEST

/* Kept ranks under out-of-memory runs: ranks worked out afresh, kept,
 * and used by a second grouping; then whatever was kept is freed, so
 * that any other block still alive is a leak. */
static coda_status oom_kept(void *ctx, coda_error *err)
{
    coda_table *t = ctx;
    size_t c = 0;
    coda_groups g;
    coda_status st = CODA_OK;
    for (int i = 0; i < 2 && st == CODA_OK; i++) {
        st = coda_group_rows_sorted(t, &c, 1, &g);
        if (st == CODA_OK)
            coda_groups_free(&g);
    }
    coda_table_forget_all(t);
    if (st != CODA_OK)
        coda_error_set(err, st, NULL, 0, 0, "%s", coda_strerror(st));
    return st;
}

START_TEST(test_kept_out_of_memory)
{
    static const shape big = { 70000, 1, CODA_INTEGER, 40, 1, 9 };
    coda_table *t = make(&big, 5);
    for (int persistent = 0; persistent < 2; persistent++)
        ck_assert_int_gt(oom_loop(oom_kept, t, persistent), 1);
    check_same(t);
}
END_TEST

static coda_status oom_sorted(void *ctx, coda_error *err)
{
    const coda_table *t = ctx;
    size_t cols[8];
    for (size_t c = 0; c < t->ncol; c++)
        cols[c] = c;
    coda_groups g;
    coda_status st = coda_group_rows_sorted(t, cols, t->ncol, &g);
    if (st == CODA_OK)
        coda_groups_free(&g);
    else
        coda_error_set(err, st, NULL, 0, 0, "%s", coda_strerror(st));
    return st;
}

START_TEST(test_sorted_out_of_memory)
{
    static const size_t pick[] = { 0, 2, 3, 6 };
    for (size_t i = 0; i < NELEM(pick); i++) {
        coda_table *t = make(&shapes[pick[i]], 7);
        for (int persistent = 0; persistent < 2; persistent++)
            ck_assert_int_gt(oom_loop(oom_sorted, t, persistent), 1);
    }
}
END_TEST

Suite *group_sorted_suite(void)
{
    Suite *s = suite_create("group_sorted");
    TCase *tc = tcase_create("group_sorted");
    tcase_add_checked_fixture(tc, NULL, test_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_sorted_like_group_then_sort);
    tcase_add_test(tc, test_sorted_out_of_memory);
    tcase_add_test(tc, test_packed_keys_kept);
    tcase_add_test(tc, test_ints_extremes_off_sample);
    tcase_add_test(tc, test_kept_ranks);
    tcase_add_test(tc, test_kept_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
