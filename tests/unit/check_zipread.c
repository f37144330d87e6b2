/* check_zipread.c - reading zip entries into memory (base_zipread.h): a file
 * that is not a zip, entry names that reach outside a folder, entries
 * over the limit by their declared size, by what they inflate to, or
 * together. */
#include "suites.h"
#include "harness/tmpdir.h"
#include "harness/zipmake.h"

#include "base_alloc.h"
#include "base_zipread.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static char dir[64];

static void setup(void)
{
    tmp_make(dir);
}

static void teardown(void)
{
    tmp_remove(dir);
}

START_TEST(test_zip_not_zip)
{
    char p[256];
    coda_zip *z = NULL;
    coda_error err;
    tmp_write(tmp_path(p, dir, "x.qdpx"), "just text, not a zip\n");
    ck_assert_int_eq(coda_zip_open(p, 0, ".qdpx", &z, &err), CODA_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.msg,
                                 "not a zip archive (a .qdpx is one)"));
    ck_assert_str_eq(err.file, p);
    ck_assert_int_eq(coda_zip_open(tmp_path(p, dir, "none.qdpx"), 0, ".qdpx",
                                   &z, &err), CODA_EIO);
}
END_TEST

START_TEST(test_zip_unsafe_names)
{
    static const char *const names[] = { "../evil.txt", "/etc/evil",
                                         "sources/../../evil", "a\\..\\b",
                                         "C:evil" };
    for (size_t i = 0; i < NELEM(names); i++) {
        char p[256];
        const char *n[] = { "project.qde", names[i] };
        const char *d[] = { "<Project/>", "x" };
        size_t l[] = { 10, 1 };
        make_zip(tmp_path(p, dir, "u.qdpx"), n, d, l, 2);
        coda_zip *z = NULL;
        coda_error err;
        ck_assert_int_eq(coda_zip_open(p, 0, ".qdpx", &z, &err), CODA_EPARSE);
        ck_assert_msg(strstr(err.msg, "unsafe entry name"), "%s", err.msg);
        ck_assert_ptr_null(z);
    }
}
END_TEST

/* A declared size over the limit is refused before inflating. */
START_TEST(test_zip_bomb_declared)
{
    size_t big = 4 << 20;
    char *zeros = calloc(1, big), p[256];
    const char *n[] = { "project.qde" };
    const char *d[] = { zeros };
    make_zip(tmp_path(p, dir, "bomb.qdpx"), n, d, &big, 1);
    free(zeros);
    coda_zip *z;
    coda_error err;
    ck_assert_int_eq(coda_zip_open(p, 1 << 20, ".qdpx", &z, &err), CODA_OK);
    char *data = NULL;
    size_t len;
    ck_assert_int_eq(coda_zip_read(z, "project.qde", &data, &len, &err),
                     CODA_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.msg, "declares a size over"));
    coda_zip_close(z);
}
END_TEST

/* An entry that lies about its size (1 KiB declared in both headers, 1 MiB
 * inside): the inflating count stops it at the declared size. */
START_TEST(test_zip_bomb_lying)
{
    size_t big = 1 << 20;
    char *zeros = calloc(1, big), p[256];
    const char *n[] = { "project.qde" };
    const char *d[] = { zeros };
    make_zip(tmp_path(p, dir, "liar.qdpx"), n, d, &big, 1);
    free(zeros);
    char *zb;
    size_t zl;
    slurp(p, &zb, &zl);
    ck_assert(memcmp(zb, "PK\3\4", 4) == 0);
    put32(zb, 22, 1024);                        /* local header */
    char *cd = memmem(zb, zl, "PK\1\2", 4);
    ck_assert_ptr_nonnull(cd);
    put32(cd, 24, 1024);                        /* central directory */
    FILE *fp = fopen(p, "wb");
    fwrite(zb, 1, zl, fp);
    fclose(fp);
    free(zb);
    coda_zip *z;
    coda_error err;
    ck_assert_int_eq(coda_zip_open(p, 0, ".qdpx", &z, &err), CODA_OK);
    char *data = NULL;
    size_t len;
    coda_status st = coda_zip_read(z, "project.qde", &data, &len, &err);
    ck_assert_int_ne(st, CODA_OK);
    ck_assert_msg(strstr(err.msg, "inflates past its declared size") ||
                  strstr(err.msg, "corrupt"), "%s", err.msg);
    coda_zip_close(z);
}
END_TEST

/* Two entries each within the limit, together over it. */
START_TEST(test_zip_limit_total)
{
    size_t l[] = { 6000, 6000 };
    char *a = calloc(1, 6000), p[256];
    const char *n[] = { "sources/a.txt", "sources/b.txt" };
    const char *d[] = { a, a };
    make_zip(tmp_path(p, dir, "two.qdpx"), n, d, l, 2);
    free(a);
    coda_zip *z;
    coda_error err;
    ck_assert_int_eq(coda_zip_open(p, 10000, ".qdpx", &z, &err), CODA_OK);
    char *data;
    size_t len;
    ck_assert_int_eq(coda_zip_read(z, n[0], &data, &len, &err), CODA_OK);
    coda_free(data);
    ck_assert_int_eq(coda_zip_read(z, n[1], &data, &len, &err),
                     CODA_ELIMIT);
    coda_zip_close(z);
}
END_TEST

Suite *zipread_suite(void)
{
    Suite *s = suite_create("zipread");
    TCase *tc = tcase_create("zipread");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_zip_not_zip);
    tcase_add_test(tc, test_zip_unsafe_names);
    tcase_add_test(tc, test_zip_bomb_declared);
    tcase_add_test(tc, test_zip_bomb_lying);
    tcase_add_test(tc, test_zip_limit_total);
    suite_add_tcase(s, tc);
    return s;
}
