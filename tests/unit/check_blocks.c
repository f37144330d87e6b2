/* check_blocks.c - large freed blocks kept for reuse (base_blocks.c):
 * a freed block comes back for the next allocation it fits, zeroed for
 * calloc; the best fitting first; never more kept than the bound; small
 * blocks and other allocators' never; threads at once. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"

#include "base_alloc.h"
#include "base_blocks.h"
#include "base_par.h"

#include <check.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MB = 1 << 20 };

static size_t saved_cap;

static void setup(void)
{
    coda_blocks_release();
    saved_cap = coda_blocks_set_cap(64 * (size_t)MB);
}

static void teardown(void)
{
    coda_blocks_set_cap(saved_cap);
    coda_blocks_release();
    test_teardown();
}

START_TEST(test_freed_block_comes_back)
{
    char *p = coda_malloc(8 * MB);
    ck_assert_ptr_nonnull(p);
    memset(p, 7, 8 * MB);
    size_t usable = malloc_usable_size(p);
    coda_free(p);
    ck_assert_uint_eq(coda_blocks_held(), usable);
    char *q = coda_malloc(6 * MB);
    ck_assert_ptr_eq(q, p);
    ck_assert_uint_eq(coda_blocks_held(), 0);
    q[6 * MB - 1] = 1;
    coda_free(q);
}
END_TEST

/* A large block cut to under half its size: the rest moves to a block of
 * its own, and the large one is kept (the C library's realloc would give
 * its pages back to the system); cut by less, it stays where it is. */
START_TEST(test_shrunk_block_is_kept)
{
    char *p = coda_malloc(8 * MB);
    ck_assert_ptr_nonnull(p);
    for (size_t i = 0; i < 8 * MB; i++)
        p[i] = (char)(i % 251);
    char *q = coda_realloc(p, 5 * MB);
    ck_assert_ptr_eq(q, p);
    ck_assert_uint_eq(coda_blocks_held(), 0);
    char *r = coda_realloc(q, 1000);
    ck_assert_ptr_nonnull(r);
    ck_assert_ptr_ne(r, p);
    for (size_t i = 0; i < 1000; i++)
        ck_assert_int_eq(r[i], (char)(i % 251));
    ck_assert_uint_ge(coda_blocks_held(), 8 * MB);
    char *again = coda_malloc(8 * MB);
    ck_assert_ptr_eq(again, p);
    coda_free(again);
    coda_free(r);
}
END_TEST

START_TEST(test_calloc_of_a_kept_block_is_zero)
{
    unsigned char *p = coda_malloc(8 * MB);
    memset(p, 0xAB, 8 * MB);
    coda_free(p);
    unsigned char *q = coda_calloc(2, 4 * MB);
    ck_assert_ptr_eq(q, p);
    size_t nonzero = 0;
    for (size_t i = 0; i < 8 * (size_t)MB; i++)
        nonzero += q[i] != 0;
    ck_assert_uint_eq(nonzero, 0);
    coda_free(q);
}
END_TEST

START_TEST(test_best_fit_first)
{
    void *big = coda_malloc(24 * MB), *mid = coda_malloc(12 * MB);
    void *small = coda_malloc(6 * MB);
    coda_free(big);
    coda_free(small);
    coda_free(mid);
    ck_assert_ptr_eq(coda_malloc(5 * MB), small);
    ck_assert_ptr_eq(coda_malloc(7 * MB), mid);
    ck_assert_ptr_eq(coda_malloc(13 * MB), big);
    void *fresh = coda_realloc(NULL, 7 * MB); /* none left to take */
    ck_assert_uint_eq(coda_blocks_held(), 0);
    coda_free(fresh);
    coda_free(big);
    coda_free(mid);
    coda_free(small);
}
END_TEST

/* No block more than twice the size asked for; a fresh block frees kept
 * blocks it could have been, not larger ones; a block grown in place
 * likewise. */
START_TEST(test_fresh_blocks_take_the_place_of_kept)
{
    void *big = coda_malloc(24 * MB), *small = coda_malloc(5 * MB);
    size_t nbig = malloc_usable_size(big);
    coda_free(big);
    coda_free(small);
    void *a = coda_malloc(11 * MB); /* the small one is too small, the big
                                       one too big: small freed */
    ck_assert_ptr_ne(a, big);
    ck_assert_uint_eq(coda_blocks_held(), nbig);
    void *b = coda_malloc(1 * MB);
    b = coda_realloc(b, 12 * MB + 1); /* grown by about 11 MB: big stays */
    ck_assert_uint_eq(coda_blocks_held(), nbig);
    b = coda_realloc(b, 32 * MB); /* grown by about 20 MB: big freed */
    ck_assert_uint_eq(coda_blocks_held(), 0);
    coda_free(a);
    coda_free(b);
}
END_TEST

START_TEST(test_bound_and_small_blocks)
{
    coda_blocks_set_cap(20 * (size_t)MB);
    void *a = coda_malloc(16 * MB), *b = coda_malloc(8 * MB);
    void *c = coda_malloc(32 * MB), *d = coda_malloc(1 * MB);
    coda_free(a);
    ck_assert_uint_eq(coda_blocks_held(), malloc_usable_size(a));
    coda_free(b); /* room made: a freed */
    ck_assert_uint_eq(coda_blocks_held(), malloc_usable_size(b));
    coda_free(c); /* over the bound by itself: freed */
    coda_free(d); /* too small to keep */
    ck_assert_uint_eq(coda_blocks_held(), malloc_usable_size(b));
    coda_blocks_set_cap(0);
    ck_assert_uint_eq(coda_blocks_held(), 0);
    void *e = coda_malloc(8 * MB);
    coda_free(e);
    ck_assert_uint_eq(coda_blocks_held(), 0);
}
END_TEST

START_TEST(test_other_allocator_gets_none)
{
    void *p = coda_malloc(8 * MB);
    coda_free(p);
    ck_assert_uint_gt(coda_blocks_held(), 0);
    oom_install();
    void *q = coda_malloc(8 * MB);
    ck_assert_int_eq(oom_calls(), 1);
    ck_assert_uint_gt(coda_blocks_held(), 0);
    coda_free(q);
    ck_assert_int_eq(oom_live(), 0);
}
END_TEST

/* Threads taking and giving back blocks, each checking its own writes. */
static void churn(void *arg)
{
    int *bad = arg;
    for (int i = 0; i < 40; i++) {
        size_t n = (size_t)(4 + (i + *bad) % 5) * MB;
        unsigned char *p = coda_malloc(n);
        unsigned char mark = (unsigned char)(i * 31 + (intptr_t)arg);
        memset(p, mark, n);
        *bad += p[0] != mark || p[n - 1] != mark || p[n / 2] != mark;
        coda_free(p);
    }
}

START_TEST(test_threads_at_once)
{
    int bad[4] = { 0, 0, 0, 0 };
    coda_par_run(churn, bad, sizeof bad[0], 4);
    ck_assert_int_eq(bad[0] + bad[1] + bad[2] + bad[3], 0);
    ck_assert_uint_le(coda_blocks_held(), 64 * (size_t)MB);
}
END_TEST

Suite *blocks_suite(void)
{
    Suite *s = suite_create("blocks");
    TCase *tc = tcase_create("blocks");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_freed_block_comes_back);
    tcase_add_test(tc, test_calloc_of_a_kept_block_is_zero);
    tcase_add_test(tc, test_shrunk_block_is_kept);
    tcase_add_test(tc, test_best_fit_first);
    tcase_add_test(tc, test_fresh_blocks_take_the_place_of_kept);
    tcase_add_test(tc, test_bound_and_small_blocks);
    tcase_add_test(tc, test_other_allocator_gets_none);
    tcase_add_test(tc, test_threads_at_once);
    suite_add_tcase(s, tc);
    return s;
}
