/* check_group.c - grouping rows by one string column (group_str.c) and
 * the radix sort of keys (group_radix.c), against brute force: ids by
 * first appearance found by comparing every row with every group, and
 * keys sorted by qsort on (key, row).  Each runs on 1, 2, 3 and 5 threads
 * (CODA_THREADS), which must give the same answer. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "group_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const thread_counts[] = { "1", "2", "3", "5" };

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

/* Brute force: row r's group is the first earlier group whose first row
 * holds an equal value (missing equal to missing). */
static void brute_groups(const coda_column *c, size_t nrow, uint32_t *gid,
                         size_t *first, size_t *ng)
{
    *ng = 0;
    for (size_t r = 0; r < nrow; r++) {
        size_t g = 0;
        for (; g < *ng; g++) {
            size_t f = first[g];
            int mf = coda_is_missing(c, f), mr = coda_is_missing(c, r);
            if (mf || mr ? mf && mr
                         : c->v.s.len[f] == c->v.s.len[r] &&
                               memcmp(c->v.s.p[f], c->v.s.p[r],
                                      c->v.s.len[r]) == 0)
                break;
        }
        if (g == *ng)
            first[(*ng)++] = r;
        gid[r] = (uint32_t)g;
    }
}

static void check_against_brute(const coda_table *t)
{
    const coda_column *c = &t->cols[0];
    size_t n = t->nrow, ng, k = 0;
    uint32_t *gid = keep_libc(malloc((n + 1) * sizeof *gid));
    size_t *first = keep_libc(malloc((n + 1) * sizeof *first));
    brute_groups(c, n, gid, first, &ng);
    for (size_t i = 0; i < NELEM(thread_counts); i++) {
        setenv("CODA_THREADS", thread_counts[i], 1);
        coda_groups g;
        ck_assert_int_eq(coda_group_rows(t, &k, 1, &g), CODA_OK);
        ck_assert_uint_eq(g.ngroups, ng);
        for (size_t r = 0; r < n; r++)
            ck_assert_uint_eq(g.gid[r], gid[r]);
        for (size_t j = 0; j < ng; j++)
            ck_assert_uint_eq(g.first[j], first[j]);
        coda_groups_free(&g);
    }
    unsetenv("CODA_THREADS");
}

/* Strings of a few lengths around the 16 bytes kept in a slot, some
 * alike but for their last byte, some missing. */
static coda_table *string_table(size_t nrow, long distinct, uint64_t seed)
{
    coda_table *t = tb_new(nrow, 1);
    tb_col(t, 0, "k", CODA_STRING);
    for (size_t r = 0; r < nrow; r++) {
        long v = (long)(lcg(&seed) % (uint64_t)distinct);
        char cell[64];
        if (v % 17 == 3) {
            tb_cell(t, 0, r, NULL);
            continue;
        }
        int pad = (int)(v % 5) * 6; /* 0..24 bytes of padding */
        snprintf(cell, sizeof cell, "%.*s%ld", pad,
                 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", v);
        tb_cell(t, 0, r, cell);
    }
    return keep_table(t);
}

START_TEST(test_strings_like_brute_force)
{
    static const struct { size_t nrow; long distinct; } cases[] = {
        { 0, 1 }, { 1, 1 }, { 7, 3 }, { 500, 40 }, { 6000, 900 },
        { 9000, 5000 }, { 3000, 1 },
    };
    for (size_t i = 0; i < NELEM(cases); i++)
        check_against_brute(string_table(cases[i].nrow, cases[i].distinct,
                                         11 + i));
}
END_TEST

/* Rows that share string pointers, as the loader stores repeats: the
 * pointer cache answers them, and equal strings at other addresses must
 * still join their group. */
START_TEST(test_shared_pointers)
{
    static const char *const words[] = { "alpha", "beta", "gamma", "alpha" };
    size_t nrow = 9000;
    coda_table *t = string_table(nrow, 3, 5);
    coda_column *c = &t->cols[0];
    uint64_t seed = 9;
    for (size_t r = 0; r < nrow; r++) {
        if (coda_is_missing(c, r))
            continue;
        const char *w = words[lcg(&seed) % NELEM(words)];
        c->v.s.p[r] = w;     /* "alpha" at two addresses */
        c->v.s.len[r] = (uint32_t)strlen(w);
    }
    check_against_brute(t);
}
END_TEST

/* Groups of strings sorted: each sorts before the next by
 * coda_value_cmp (bytewise, a prefix first, missing last). */
START_TEST(test_sort_strings)
{
    static const char *const cells[] = { "b", "a", NULL, "ab", "a\xc3\xa9",
                                         "", "B", "a", NULL, "ab\x01", "b" };
    coda_table *t = keep_table(tb_new(NELEM(cells), 1));
    tb_col(t, 0, "k", CODA_STRING);
    for (size_t r = 0; r < NELEM(cells); r++)
        tb_cell(t, 0, r, cells[r]);
    size_t k = 0, ids[NELEM(cells)];
    coda_groups g;
    ck_assert_int_eq(coda_group_rows(t, &k, 1, &g), CODA_OK);
    ck_assert_uint_eq(g.ngroups, 8);
    for (size_t i = 0; i < g.ngroups; i++)
        ids[i] = g.ngroups - 1 - i;
    coda_group_sort(t, &k, 1, &g, ids, g.ngroups);
    for (size_t i = 1; i < g.ngroups; i++)
        ck_assert_int_lt(coda_value_cmp(&t->cols[0], g.first[ids[i - 1]],
                                        g.first[ids[i]]), 0);
    ck_assert(coda_is_missing(&t->cols[0], g.first[ids[g.ngroups - 1]]));
    ck_assert_str_eq(t->cols[0].v.s.p[g.first[ids[0]]], "");
    coda_groups_free(&g);
}
END_TEST

/* Many groups of strings of 0 to 40 bytes over a few byte values (0,
 * 'a', 'b', 0xc3, 0xff: a NUL inside, bytes past 0x7f), many sharing
 * their first 16 bytes or more, and missing values: sorted, each group's
 * string is below the next one's by coda_value_cmp (bytewise, a prefix
 * first, missing last), and every group is there once. */
START_TEST(test_sort_many_strings)
{
    enum { N = 3000 };
    static const char alpha[] = { 0, 'a', 'b', (char)0xc3, (char)0xff };
    coda_table *t = keep_table(tb_new(N, 1));
    tb_col(t, 0, "k", CODA_STRING);
    coda_column *c = &t->cols[0];
    char *buf = keep_libc(malloc((size_t)N * 41));
    uint64_t seed = 99;
    for (size_t r = 0; r < N; r++) {
        char *w = buf + r * 41;
        size_t len = (size_t)(lcg(&seed) % 41);
        size_t shared = lcg(&seed) % 2 ? len : 0; /* a common start */
        for (size_t i = 0; i < len; i++)
            w[i] = i < shared && i < 18 ? 'a' : alpha[lcg(&seed) % 5];
        w[len] = '\0';
        tb_cell(t, 0, r, lcg(&seed) % 40 ? "x" : NULL);
        if (!coda_is_missing(c, r)) {
            c->v.s.p[r] = w;
            c->v.s.len[r] = (uint32_t)len;
        }
    }
    coda_groups g;
    size_t k = 0;
    ck_assert_int_eq(coda_group_rows(t, &k, 1, &g), CODA_OK);
    size_t *ids = keep_libc(malloc(g.ngroups * sizeof *ids));
    for (size_t i = 0; i < g.ngroups; i++)
        ids[i] = (i * 7919) % g.ngroups; /* any start order */
    ck_assert_uint_eq(g.ngroups % 7919 != 0, 1);
    coda_group_sort(t, &k, 1, &g, ids, g.ngroups);
    for (size_t i = 1; i < g.ngroups; i++)
        ck_assert_int_lt(coda_value_cmp(c, g.first[ids[i - 1]],
                                        g.first[ids[i]]), 0);
    ck_assert(coda_is_missing(c, g.first[ids[g.ngroups - 1]]));
    ck_assert_uint_gt(g.ngroups, N / 2);
    coda_groups_free(&g);
}
END_TEST

static int key_row_cmp(const void *x, const void *y)
{
    const uint64_t *a = x, *b = y;
    return a[0] != b[0] ? (a[0] > b[0]) - (a[0] < b[0])
                        : (a[1] > b[1]) - (a[1] < b[1]);
}

/* n random keys below 2^bits (few distinct when dup), sorted with their
 * rows on every thread count, against qsort of (key, row). */
static void check_radix(size_t n, unsigned bits, int dup, uint64_t seed)
{
    uint64_t mask = bits == 64 ? ~0ull : ((uint64_t)1 << bits) - 1;
    /* freed here, not kept: a failed check ends the test's process */
    uint64_t *want = malloc((2 * n + 2) * sizeof *want);
    uint64_t *orig = malloc((n + 1) * sizeof *orig);
    uint64_t *key = malloc((n + 1) * sizeof *key);
    uint32_t *row = malloc((n + 1) * sizeof *row);
    ck_assert(want && orig && key && row);
    for (size_t i = 0; i < n; i++) {
        uint64_t v = lcg(&seed) << 31 ^ lcg(&seed) << 62 ^ lcg(&seed);
        orig[i] = (dup ? v % 37 * (mask / 37) : v) & mask;
        want[2 * i] = orig[i];
        want[2 * i + 1] = i;
    }
    qsort(want, n, 2 * sizeof *want, key_row_cmp);
    for (size_t t = 0; t < NELEM(thread_counts); t++) {
        setenv("CODA_THREADS", thread_counts[t], 1);
        for (size_t i = 0; i < n; i++) {
            key[i] = orig[i];
            row[i] = (uint32_t)i;
        }
        ck_assert_int_eq(group_radix_sort(key, row, n, bits), CODA_OK);
        for (size_t i = 0; i < n; i++) {
            ck_assert_uint_eq(key[i], want[2 * i]);
            ck_assert_uint_eq(row[i], want[2 * i + 1]);
        }
    }
    unsetenv("CODA_THREADS");
    free(want);
    free(orig);
    free(key);
    free(row);
}

START_TEST(test_radix_like_qsort)
{
    static const unsigned bits[] = { 1, 5, 11, 12, 20, 33, 59, 64 };
    for (size_t i = 0; i < NELEM(bits); i++) {
        check_radix(20000, bits[i], 0, 3 + i);
        check_radix(20000, bits[i], 1, 30 + i);
        check_radix(37, bits[i], 0, 60 + i);
    }
    check_radix(0, 20, 0, 1);
}
END_TEST

static coda_status oom_strings(void *ctx, coda_error *err)
{
    const coda_table *t = ctx;
    size_t k = 0;
    coda_groups g;
    coda_status st = coda_group_rows(t, &k, 1, &g);
    if (st == CODA_OK)
        coda_groups_free(&g);
    else
        coda_error_set(err, st, NULL, 0, 0, "%s", coda_strerror(st));
    return st;
}

START_TEST(test_strings_out_of_memory)
{
    coda_table *t = string_table(3000, 700, 4);
    for (int persistent = 0; persistent < 2; persistent++)
        ck_assert_int_gt(oom_loop(oom_strings, t, persistent), 1);
}
END_TEST

Suite *group_suite(void)
{
    Suite *s = suite_create("group");
    TCase *tc = tcase_create("group");
    tcase_add_checked_fixture(tc, NULL, test_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_strings_like_brute_force);
    tcase_add_test(tc, test_shared_pointers);
    tcase_add_test(tc, test_sort_strings);
    tcase_add_test(tc, test_sort_many_strings);
    tcase_add_test(tc, test_radix_like_qsort);
    tcase_add_test(tc, test_strings_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
