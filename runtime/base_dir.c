/* base_dir.c - the entries of a folder, sorted. */
#include "base_dir.h"

#include "base_alloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void coda_dir_free(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        coda_free(names[i]);
    coda_free(names);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append a copy of name to *names (capacity *cap); 0 when out of memory. */
static int push(char ***names, size_t *n, size_t *cap, const char *name)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        char **g = coda_reallocarray(*names, c, sizeof *g);
        if (!g)
            return 0;
        *names = g;
        *cap = c;
    }
    char *s = coda_strndup(name, strlen(name));
    if (!s)
        return 0;
    (*names)[(*n)++] = s;
    return 1;
}

coda_status coda_dir_list(const char *path, char ***names, size_t *n,
                          coda_error *err)
{
    *names = NULL;
    *n = 0;
    DIR *d = opendir(path);
    if (!d)
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot list the "
                              "folder: %s", strerror(errno));
    size_t cap = 0;
    coda_status s = CODA_OK;
    for (struct dirent *e; s == CODA_OK && (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (!push(names, n, &cap, e->d_name))
            s = coda_error_nomem(err);
    }
    closedir(d);
    if (s != CODA_OK) {
        coda_dir_free(*names, *n);
        *names = NULL;
        *n = 0;
        return s;
    }
    if (*n)
        qsort(*names, *n, sizeof **names, by_name);
    return CODA_OK;
}
