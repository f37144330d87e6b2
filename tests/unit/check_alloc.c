/* check_alloc.c - the replaceable allocator, the error record, and the
 * tests' own failing allocator (harness/oom.h) that the other suites rely
 * on. */
#include "harness/keep.h"
#include "harness/oom.h"
#include "suites.h"

#include "base_alloc.h"
#include "base_error.h"
#include "base_utf8.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* --- tests ------------------------------------------------------------- */

static void teardown(void)
{
    test_teardown();
}

START_TEST(test_oom_one_shot)
{
    oom_install();
    oom_arm(2, 0);
    void *a = coda_malloc(8), *b = coda_malloc(8), *c = coda_malloc(8);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_null(b);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(oom_fired(), 1);
    ck_assert_int_eq(oom_calls(), 3);
    ck_assert_int_eq(oom_live(), 2);
    coda_free(a);
    coda_free(c);
    ck_assert_int_eq(oom_live(), 0);
}
END_TEST

START_TEST(test_oom_persistent)
{
    oom_install();
    oom_arm(2, 1);
    void *a = coda_malloc(8);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_null(coda_malloc(8));
    ck_assert_ptr_null(coda_realloc(a, 64)); /* a stays valid */
    ck_assert_int_eq(oom_live(), 1);
    coda_free(a);
    ck_assert_int_eq(oom_live(), 0);
}
END_TEST

START_TEST(test_calloc_zeroes_and_checks_overflow)
{
    oom_install();
    unsigned char *p = coda_calloc(100, 3);
    ck_assert_ptr_nonnull(p);
    for (int i = 0; i < 300; i++)
        ck_assert_int_eq(p[i], 0);
    coda_free(p);
    long before = oom_calls();
    ck_assert_ptr_null(coda_calloc(SIZE_MAX / 2 + 1, 2));
    ck_assert_ptr_null(coda_calloc(2, SIZE_MAX / 2 + 1));
    ck_assert_int_eq(oom_calls(), before); /* refused without asking */
    ck_assert_int_eq(oom_live(), 0);
}
END_TEST

/* The default allocator's calloc: a block that held bytes before and a
 * block large enough to come from fresh pages both read as zero. */
START_TEST(test_calloc_default_zeroes)
{
    static const size_t sizes[] = { 64, 4u << 20 };
    for (size_t k = 0; k < 2; k++) {
        unsigned char *d = coda_malloc(sizes[k]);
        ck_assert_ptr_nonnull(d);
        memset(d, 0xab, sizes[k]);
        coda_free(d);
        unsigned char *p = coda_calloc(sizes[k] / 8, 8);
        ck_assert_ptr_nonnull(p);
        size_t nonzero = 0;
        for (size_t i = 0; i < sizes[k]; i++)
            nonzero += p[i] != 0;
        ck_assert_uint_eq(nonzero, 0);
        coda_free(p);
    }
    ck_assert_ptr_null(coda_calloc(SIZE_MAX / 2 + 1, 2));
    void *z = coda_calloc(0, 8); /* a zero-size request still gives a block */
    ck_assert_ptr_nonnull(z);
    coda_free(z);
}
END_TEST

START_TEST(test_reallocarray_overflow_keeps_block)
{
    oom_install();
    int *p = coda_reallocarray(NULL, 4, sizeof *p);
    ck_assert_ptr_nonnull(p);
    p[3] = 42;
    ck_assert_ptr_null(coda_reallocarray(p, SIZE_MAX / 2, 4));
    ck_assert_int_eq(p[3], 42);
    p = coda_reallocarray(p, 1000, sizeof *p);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(p[3], 42);
    coda_free(p);
    ck_assert_int_eq(oom_live(), 0);
}
END_TEST

START_TEST(test_malloc_zero_and_free_null)
{
    oom_install();
    void *p = coda_malloc(0);
    ck_assert_ptr_nonnull(p);
    coda_free(p);
    coda_free(NULL);
    ck_assert_int_eq(oom_live(), 0);
}
END_TEST

START_TEST(test_strndup_copies_n_bytes)
{
    char *p = coda_strndup("ab\0cdef", 5);
    ck_assert_ptr_nonnull(p);
    ck_assert_mem_eq(p, "ab\0cd", 6); /* NUL added after the 5 bytes */
    coda_free(p);
    p = coda_strndup("xyz", 0);
    ck_assert_str_eq(p, "");
    coda_free(p);
}
END_TEST

START_TEST(test_set_allocator_null_restores)
{
    oom_install();
    oom_arm(1, 1);
    ck_assert_ptr_null(coda_malloc(4));
    coda_set_allocator(NULL);
    void *p = coda_malloc(4);
    ck_assert_ptr_nonnull(p);
    coda_free(p);
}
END_TEST

START_TEST(test_error_set_fills_record)
{
    coda_error err;
    ck_assert_int_eq(coda_error_set(&err, CODA_EPARSE, "in.csv", 7, 3,
                                    "bad %s %d", "thing", 42), CODA_EPARSE);
    ck_assert_int_eq(err.code, CODA_EPARSE);
    ck_assert_str_eq(err.msg, "bad thing 42");
    ck_assert_str_eq(err.file, "in.csv");
    ck_assert_int_eq(err.line, 7);
    ck_assert_int_eq(err.column, 3);
    ck_assert_int_eq(err.offset, -1);
    ck_assert_int_eq(coda_error_set(NULL, CODA_EIO, NULL, 0, 0, "x"),
                     CODA_EIO);
    coda_error_set(&err, CODA_EIO, NULL, 0, 0, "y");
    ck_assert_str_eq(err.file, "");
}
END_TEST

/* A message too long for the record ends in "..." after whole characters. */
START_TEST(test_error_truncates)
{
    char big[5000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    coda_error err;
    coda_error_set(&err, CODA_EARG, big, 1, 0, "%s", big);
    ck_assert_uint_eq(strlen(err.msg), sizeof err.msg - 1);
    ck_assert_str_eq(err.msg + sizeof err.msg - 4, "...");
    ck_assert_uint_eq(strlen(err.file), sizeof err.file - 1);
    char dev[3 * 1000 + 1] = "";
    for (int i = 0; i < 1000; i++)
        strcat(dev, "\xe0\xa4\x95");          /* क, 3 bytes */
    coda_error_set(&err, CODA_EARG, NULL, 0, 0, "%s%s", dev, dev);
    size_t n = strlen(err.msg), bad;
    ck_assert_str_eq(err.msg + n - 3, "...");
    ck_assert((n - 3) % 3 == 0);                /* whole characters */
    ck_assert(coda_utf8_valid(err.msg, n, &bad));
    ck_assert_int_eq(coda_clip("abc", 5), 3);
    ck_assert_int_eq(coda_clip("\xe0\xa4\x95\xe0\xa4\x95", 4), 3);
}
END_TEST

START_TEST(test_error_clear_and_nomem)
{
    coda_error err;
    coda_error_clear(NULL);
    coda_error_set(&err, CODA_EIO, "f", 2, 3, "m");
    coda_error_clear(&err);
    ck_assert_int_eq(err.code, CODA_OK);
    ck_assert_str_eq(err.msg, "");
    ck_assert_int_eq(err.line, 0);
    ck_assert_int_eq(err.offset, -1);
    ck_assert_int_eq(coda_error_nomem(&err), CODA_ENOMEM);
    ck_assert_str_eq(err.msg, "out of memory");
}
END_TEST

START_TEST(test_warnings_list_and_cap)
{
    coda_warnings w = { 0 };
    ck_assert_int_eq(coda_warn(NULL, "dropped %d", 1), CODA_OK);
    for (int i = 0; i < CODA_WARNINGS_MAX + 5; i++)
        ck_assert_int_eq(coda_warn(&w, "w%d", i), CODA_OK);
    ck_assert_uint_eq(w.n, CODA_WARNINGS_MAX);
    ck_assert_str_eq(w.msg[0], "w0");
    ck_assert_str_eq(w.msg[CODA_WARNINGS_MAX - 2], "w998");
    ck_assert_ptr_nonnull(strstr(w.msg[CODA_WARNINGS_MAX - 1], "first 999"));
    coda_warnings_free(&w);
    ck_assert_uint_eq(w.n, 0);
    ck_assert_ptr_null(w.msg);
    coda_warnings_free(NULL);
}
END_TEST

static const struct {
    const char *file;
    long line;
    const char *want;
} format_cases[] = {
    { "a.csv", 3, "a.csv:3: boom" },
    { "a.csv", 0, "a.csv: boom" },
    { NULL, 5, "boom" },
    { NULL, 0, "boom" },
};

START_TEST(test_error_format)
{
    coda_error err;
    char buf[64];
    coda_error_set(&err, CODA_EPARSE, format_cases[_i].file,
                   format_cases[_i].line, 0, "boom");
    ck_assert_str_eq(coda_error_format(&err, buf, sizeof buf),
                     format_cases[_i].want);
    ck_assert_str_eq(coda_error_format(&err, buf, 4),
                     format_cases[_i].file ? "a.c" : "boo"); /* truncated */
}
END_TEST

START_TEST(test_strerror_names_every_code)
{
    const char *seen[CODA_EREGEX + 1];
    for (int c = CODA_OK; c <= CODA_EREGEX; c++) {
        seen[c] = coda_strerror((coda_status)c);
        ck_assert_ptr_nonnull(seen[c]);
        ck_assert_str_ne(seen[c], "unknown error");
        for (int k = 0; k < c; k++)
            ck_assert_str_ne(seen[c], seen[k]);
    }
    ck_assert_str_eq(coda_strerror(CODA_ENOMEM), "out of memory");
    ck_assert_str_eq(coda_strerror((coda_status)99), "unknown error");
}
END_TEST

Suite *alloc_suite(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("alloc");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_oom_one_shot);
    tcase_add_test(tc, test_oom_persistent);
    tcase_add_test(tc, test_calloc_zeroes_and_checks_overflow);
    tcase_add_test(tc, test_calloc_default_zeroes);
    tcase_add_test(tc, test_reallocarray_overflow_keeps_block);
    tcase_add_test(tc, test_malloc_zero_and_free_null);
    tcase_add_test(tc, test_strndup_copies_n_bytes);
    tcase_add_test(tc, test_set_allocator_null_restores);
    suite_add_tcase(s, tc);
    tc = tcase_create("error");
    tcase_add_test(tc, test_error_set_fills_record);
    tcase_add_test(tc, test_error_truncates);
    tcase_add_test(tc, test_error_clear_and_nomem);
    tcase_add_test(tc, test_warnings_list_and_cap);
    tcase_add_loop_test(tc, test_error_format, 0,
                        sizeof format_cases / sizeof format_cases[0]);
    tcase_add_test(tc, test_strerror_names_every_code);
    suite_add_tcase(s, tc);
    return s;
}
