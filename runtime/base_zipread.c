/* base_zipread.c - a zip's entries read whole into memory with libzip under a
 * limit on what they inflate to (never extracted to disk). */
#include "base_zipread.h"

#include "base_alloc.h"
#include "base_inputs.h"

#include <string.h>
#include <zip.h>

struct coda_zip {
    zip_t *za;
    char *path;
    uint64_t limit;             /* 0: none */
    uint64_t used;              /* bytes inflated so far */
};

/* 1 when an entry name could reach outside a folder it were extracted to:
 * absolute, a drive letter, or a ".." part (either slash). */
static int unsafe_name(const char *n)
{
    if (n[0] == '/' || n[0] == '\\' || (n[0] && n[1] == ':'))
        return 1;
    for (const char *p = n; *p;) {
        size_t k = strcspn(p, "/\\");
        if (k == 2 && p[0] == '.' && p[1] == '.')
            return 1;
        p += k + (p[k] != '\0');
    }
    return 0;
}

static coda_status check_names(coda_zip *z, coda_error *err)
{
    zip_int64_t n = zip_get_num_entries(z->za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name =
            zip_get_name(z->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        if (!name || unsafe_name(name))
            return coda_error_set(err, CODA_EPARSE, z->path, 0, 0,
                                  "unsafe entry name \"%.200s\" in the "
                                  "archive (absolute or with a \"..\" part)",
                                  name ? name : "?");
    }
    return CODA_OK;
}

/* The error for a zip libzip could not open (code: its ZIP_ER_*). */
static coda_status open_error(int code, const char *path, const char *kind,
                              coda_error *err)
{
    if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ)
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot open");
    if (code == ZIP_ER_MEMORY)
        return coda_error_nomem(err);
    zip_error_t ze;
    zip_error_init_with_code(&ze, code);
    coda_status st = coda_error_set(err, CODA_EPARSE, path, 0, 0, "not a zip "
                                    "archive (a %s is one): %s", kind,
                                    zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return st;
}

coda_status coda_zip_open(const char *path, uint64_t limit, const char *kind,
                          coda_zip **out, coda_error *err)
{
    *out = NULL;
    if (coda_input_note(-1, path, err) != CODA_OK)
        return CODA_ENOMEM;
    int code = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!za)
        return open_error(code, path, kind, err);
    coda_zip *z = coda_calloc(1, sizeof *z);
    char *p = z ? coda_strndup(path, strlen(path)) : NULL;
    if (!p) {
        coda_free(z);
        zip_discard(za);
        return coda_error_nomem(err);
    }
    *z = (coda_zip){ za, p, limit, 0 };
    coda_status st = check_names(z, err);
    if (st != CODA_OK) {
        coda_zip_close(z);
        return st;
    }
    *out = z;
    return CODA_OK;
}

int coda_zip_has(coda_zip *z, const char *name)
{
    return zip_name_locate(z->za, name, 0) >= 0;
}

static coda_status over(coda_zip *z, const char *name, const char *how,
                        coda_error *err)
{
    return coda_error_set(err, CODA_ELIMIT, z->path, 0, 0, "entry \"%.200s\" "
                          "%s the limit of %llu bytes the archive may "
                          "inflate to", name, how,
                          (unsigned long long)z->limit);
}

/* Inflate f into buf (room for size + 1 bytes), counting: no more than the
 * declared size, nor than the limit allows. */
static coda_status inflate(coda_zip *z, zip_file_t *f, const char *name,
                           char *buf, uint64_t size, size_t *got,
                           coda_error *err)
{
    uint64_t n = 0;
    for (;;) {
        zip_int64_t k = zip_fread(f, buf + n, size + 1 - n);
        if (k < 0)
            return coda_error_set(err, CODA_EPARSE, z->path, 0, 0, "entry "
                                  "\"%.200s\" is corrupt: %s", name,
                                  zip_error_strerror(zip_file_get_error(f)));
        if (k == 0)
            break;
        n += (uint64_t)k;
        z->used += (uint64_t)k;
        if (z->limit && z->used > z->limit)
            return over(z, name, "inflates past", err);
        if (n > size)
            return coda_error_set(err, CODA_ELIMIT, z->path, 0, 0, "entry "
                                  "\"%.200s\" inflates past its declared "
                                  "size of %llu bytes", name,
                                  (unsigned long long)size);
    }
    *got = (size_t)n;
    return CODA_OK;
}

coda_status coda_zip_read(coda_zip *z, const char *name, char **data,
                             size_t *len, coda_error *err)
{
    zip_stat_t sb;
    zip_int64_t i = zip_name_locate(z->za, name, 0);
    if (i < 0 || zip_stat_index(z->za, (zip_uint64_t)i, 0, &sb) != 0 ||
        !(sb.valid & ZIP_STAT_SIZE))
        return coda_error_set(err, CODA_EPARSE, z->path, 0, 0, "no entry "
                              "\"%.200s\" in the archive", name);
    if (sb.size > SIZE_MAX - 1 ||
        (z->limit && sb.size > z->limit - z->used))
        return over(z, name, "declares a size over", err);
    zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
    if (!f)
        return coda_error_set(err, CODA_EPARSE, z->path, 0, 0, "entry "
                              "\"%.200s\" cannot be read: %s", name,
                              zip_strerror(z->za));
    char *buf = coda_malloc((size_t)sb.size + 1);
    size_t got = 0;
    coda_status st = buf ? inflate(z, f, name, buf, sb.size, &got, err)
                         : coda_error_nomem(err);
    zip_fclose(f);
    if (st != CODA_OK) {
        coda_free(buf);
        return st;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return CODA_OK;
}

void coda_zip_close(coda_zip *z)
{
    if (!z)
        return;
    zip_discard(z->za);
    coda_free(z->path);
    coda_free(z);
}
