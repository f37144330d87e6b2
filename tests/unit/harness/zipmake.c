/* zipmake.c - making zips for the tests of what reads them (zipmake.h). */
#include "zipmake.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <zip.h>

void make_zip(const char *path, const char *const *names,
              const char *const *datas, const size_t *lens, size_t n)
{
    int code;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
    ck_assert_ptr_nonnull(za);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(za, datas[i], lens[i], 0);
        ck_assert_int_ge(zip_file_add(za, names[i], s, 0), 0);
    }
    ck_assert_int_eq(zip_close(za), 0);
}

void slurp(const char *path, char **buf, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    *len = (size_t)ftell(fp);
    fseek(fp, 0, SEEK_SET);
    *buf = malloc(*len + 1);
    ck_assert_uint_eq(fread(*buf, 1, *len, fp), *len);
    fclose(fp);
}

void put32(char *b, size_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[off + (size_t)i] = (char)(v >> (8 * i));
}
