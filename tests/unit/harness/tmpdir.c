/* tmpdir.c - a scratch folder per test (tmpdir.h). */
#include "tmpdir.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void tmp_make(char *dir)
{
    strcpy(dir, "/tmp/coda-unit-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

void tmp_remove(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    char path[512];
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (unlink(path) != 0)
                tmp_remove(path); /* a folder a test made */
        }
    }
    closedir(d);
    ck_assert_int_eq(rmdir(dir), 0);
}

char *tmp_path(char *buf, const char *dir, const char *name)
{
    snprintf(buf, 256, "%s/%s", dir, name);
    return buf;
}

void tmp_write(const char *path, const char *s)
{
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(s, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

int tmp_holds(const char *path, const char *s, size_t len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    char *buf = malloc(len + 2);
    size_t n = fread(buf, 1, len + 1, fp);
    fclose(fp);
    int same = n == len && memcmp(buf, s, len) == 0;
    free(buf);
    return same;
}

int tmp_count(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}
