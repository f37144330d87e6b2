/* check_pool.c - the string arena (base_pool.h) and the label vocabulary of
 * multi columns (table_labels.h). */
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"

#include "base_alloc.h"
#include "table_labels.h"
#include "base_pool.h"

#include <stdio.h>
#include <string.h>

static void teardown(void)
{
    test_teardown();
}

/* --- pool ------------------------------------------------------------- */

START_TEST(test_pool_copies_and_terminates)
{
    coda_pool *p = coda_pool_new();
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(coda_pool_bytes(p), 0);
    char src[] = "hello, world";
    const char *a = coda_pool_add(p, src, 5);
    const char *b = coda_pool_add(p, "a\0b", 3);
    memset(src, 'x', sizeof src - 1); /* the copy does not alias */
    ck_assert_str_eq(a, "hello");
    ck_assert_mem_eq(b, "a\0b\0", 4);
    ck_assert_ptr_ne(a, b);
    ck_assert_uint_ge(coda_pool_bytes(p), 10);
    coda_pool_unref(p);
}
END_TEST

START_TEST(test_pool_empty_string)
{
    oom_install();
    coda_pool *p = coda_pool_new();
    oom_arm(1, 1); /* "" needs no memory */
    const char *e = coda_pool_add(p, "ignored", 0);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e, "");
    oom_arm(0, 0);
    coda_pool_unref(p);
    ck_assert_int_eq(oom_live(), 0);
}
END_TEST

/* Many strings over many chunks, and strings larger than a chunk: every
 * copy keeps its bytes while more are added. */
START_TEST(test_pool_many_and_large)
{
    enum { N = 30000, BIG = 300000 };
    static const char *got[N];
    coda_pool *p = coda_pool_new();
    char buf[32];
    size_t total = 0;
    for (int i = 0; i < N; i++) {
        int n = snprintf(buf, sizeof buf, "string-%d", i);
        got[i] = coda_pool_add(p, buf, (size_t)n);
        ck_assert_ptr_nonnull(got[i]);
        total += (size_t)n + 1;
        if (i % 10000 == 5000) { /* a large one now and then */
            static char big[BIG];
            memset(big, 'a' + i % 26, BIG);
            const char *c = coda_pool_add(p, big, BIG);
            ck_assert_ptr_nonnull(c);
            ck_assert_int_eq(c[0], 'a' + i % 26);
            ck_assert_int_eq(c[BIG - 1], 'a' + i % 26);
            ck_assert_int_eq(c[BIG], '\0');
            total += BIG + 1;
        }
    }
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "string-%d", i);
        ck_assert_str_eq(got[i], buf);
    }
    ck_assert_uint_ge(coda_pool_bytes(p), total);
    coda_pool_unref(p);
}
END_TEST

START_TEST(test_pool_refcount)
{
    oom_install();
    coda_pool *p = coda_pool_new();
    const char *s = coda_pool_add(p, "kept", 4);
    coda_pool_ref(p);
    coda_pool_unref(p);
    ck_assert_str_eq(s, "kept"); /* one reference left */
    ck_assert_int_gt(oom_live(), 0);
    coda_pool_unref(p);
    ck_assert_int_eq(oom_live(), 0);
    coda_pool_unref(NULL);
}
END_TEST

START_TEST(test_pool_out_of_memory)
{
    oom_install();
    oom_arm(1, 0);
    ck_assert_ptr_null(coda_pool_new());
    coda_pool *p = coda_pool_new();
    ck_assert_ptr_nonnull(p);
    oom_arm(1, 0);
    ck_assert_ptr_null(coda_pool_add(p, "abc", 3));
    ck_assert_str_eq(coda_pool_add(p, "abc", 3), "abc"); /* still usable */
    coda_pool_unref(p);
    ck_assert_int_eq(oom_live(), 0);
}
END_TEST

/* --- labels ------------------------------------------------------------ */

static uint32_t intern(coda_labels *l, const char *s)
{
    uint32_t id = 777;
    ck_assert_int_eq(coda_labels_intern(l, s, strlen(s), &id), CODA_OK);
    return id;
}

START_TEST(test_labels_dense_ids_in_order)
{
    coda_labels *l = coda_labels_new();
    ck_assert_ptr_nonnull(l);
    ck_assert_uint_eq(l->n, 0);
    ck_assert_uint_eq(coda_labels_find(l, "x", 1), CODA_NO_LABEL);
    ck_assert_uint_eq(intern(l, "labour"), 0);
    ck_assert_uint_eq(intern(l, "sex"), 1);
    ck_assert_uint_eq(intern(l, "labour"), 0);
    ck_assert_uint_eq(intern(l, "lab"), 2);     /* a prefix is another label */
    ck_assert_uint_eq(intern(l, "labourer"), 3);
    ck_assert_uint_eq(l->n, 4);
    ck_assert_str_eq(l->s[0], "labour");
    ck_assert_uint_eq(l->len[0], 6);
    ck_assert_str_eq(l->s[3], "labourer");
    ck_assert_uint_eq(coda_labels_find(l, "sex", 3), 1);
    ck_assert_uint_eq(coda_labels_find(l, "sexy", 3), 1); /* len counts */
    ck_assert_uint_eq(coda_labels_find(l, "se", 2), CODA_NO_LABEL);
    coda_labels_unref(l);
}
END_TEST

START_TEST(test_labels_grow)
{
    enum { N = 5000 };
    coda_labels *l = coda_labels_new();
    char buf[32];
    const char *first = NULL;
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < N; i++) {
            snprintf(buf, sizeof buf, "label %d", i);
            ck_assert_uint_eq(intern(l, buf), (uint32_t)i);
        }
        if (!first)
            first = l->s[0];
    }
    ck_assert_uint_eq(l->n, N);
    ck_assert_str_eq(first, "label 0"); /* strings do not move */
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "label %d", i);
        ck_assert_uint_eq(coda_labels_find(l, buf, strlen(buf)), (uint32_t)i);
        ck_assert_str_eq(l->s[i], buf);
    }
    ck_assert_uint_eq(coda_labels_find(l, "label 5000", 10), CODA_NO_LABEL);
    coda_labels_unref(l);
}
END_TEST

START_TEST(test_labels_utf8_and_empty)
{
    coda_labels *l = coda_labels_new();
    const char *dev = "\xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\xA8\xE0\xA4\xB5";
    ck_assert_uint_eq(intern(l, dev), 0);
    ck_assert_uint_eq(intern(l, ""), 1);
    ck_assert_uint_eq(intern(l, ""), 1);
    ck_assert_str_eq(l->s[1], "");
    ck_assert_uint_eq(coda_labels_find(l, dev, strlen(dev)), 0);
    coda_labels_unref(l);
}
END_TEST

START_TEST(test_labels_refcount)
{
    oom_install();
    coda_labels *l = coda_labels_new();
    intern(l, "a");
    coda_labels_ref(l);
    coda_labels_unref(l);
    ck_assert_str_eq(l->s[0], "a");
    coda_labels_unref(l);
    coda_labels_unref(NULL);
    ck_assert_int_eq(oom_live(), 0);
}
END_TEST

static coda_status intern_many(void *ctx, coda_error *err)
{
    (void)ctx;
    coda_labels *l = coda_labels_new();
    if (!l)
        return coda_error_nomem(err);
    char buf[16];
    coda_status st = CODA_OK;
    for (int i = 0; i < 40 && st == CODA_OK; i++) {
        uint32_t id;
        int n = snprintf(buf, sizeof buf, "l%d", i % 30);
        st = coda_labels_intern(l, buf, (size_t)n, &id);
        if (st == CODA_OK)
            ck_assert_uint_eq(id, (uint32_t)(i % 30));
    }
    /* what was interned before a failure is still found */
    for (uint32_t id = 0; id < l->n; id++)
        ck_assert_uint_eq(coda_labels_find(l, l->s[id], l->len[id]), id);
    coda_labels_unref(l);
    return st == CODA_OK ? CODA_OK : coda_error_nomem(err);
}

START_TEST(test_labels_out_of_memory)
{
    ck_assert_int_gt(oom_loop(intern_many, NULL, 0), 3);
    ck_assert_int_gt(oom_loop(intern_many, NULL, 1), 3);
}
END_TEST

Suite *pool_suite(void)
{
    Suite *s = suite_create("pool");
    TCase *tc = tcase_create("pool");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_pool_copies_and_terminates);
    tcase_add_test(tc, test_pool_empty_string);
    tcase_add_test(tc, test_pool_many_and_large);
    tcase_add_test(tc, test_pool_refcount);
    tcase_add_test(tc, test_pool_out_of_memory);
    suite_add_tcase(s, tc);
    tc = tcase_create("labels");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_labels_dense_ids_in_order);
    tcase_add_test(tc, test_labels_grow);
    tcase_add_test(tc, test_labels_utf8_and_empty);
    tcase_add_test(tc, test_labels_refcount);
    tcase_add_test(tc, test_labels_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
