/* outfile.c - atomic replacement of an output file. */
#include "outfile.h"

#include "alloc.h"
#include "inputs.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files being written, for coda_outfile_remove_all. */
enum { TRACKED = 64 };
static _Atomic(char *) tracked[TRACKED];

static void track(char *tmp)
{
    for (int i = 0; i < TRACKED; i++) {
        char *expected = NULL;
        if (atomic_compare_exchange_strong(&tracked[i], &expected, tmp))
            return;
    }
}

static void untrack(const char *tmp)
{
    for (int i = 0; i < TRACKED && tmp; i++) {
        char *expected = (char *)(uintptr_t)tmp;
        if (atomic_compare_exchange_strong(&tracked[i], &expected, NULL))
            return;
    }
}

void coda_outfile_remove_all(void)
{
    for (int i = 0; i < TRACKED; i++) {
        char *tmp = atomic_load(&tracked[i]);
        if (tmp)
            unlink(tmp);
    }
}

static void release(coda_outfile *o)
{
    untrack(o->tmp);
    coda_free(o->tmp);
    coda_free(o->path);
    o->tmp = o->path = NULL;
    o->fp = NULL;
}

coda_status coda_outfile_open(coda_outfile *o, const char *path,
                              coda_error *err)
{
    size_t n = strlen(path);
    memset(o, 0, sizeof *o);
    coda_status guard = coda_input_check_output(path, err);
    if (guard != CODA_OK)
        return guard;
    o->path = coda_strndup(path, n);
    o->tmp = coda_malloc(n + 16);
    if (!o->path || !o->tmp) {
        release(o);
        return coda_error_nomem(err);
    }
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, ".tmp-XXXXXX", 12);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        coda_status st = coda_error_set(err, CODA_EIO, path, 0, 0,
                                        "cannot write: %s", strerror(errno));
        release(o);
        return st;
    }
    track(o->tmp);
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        close(fd);
        coda_outfile_abort(o);
        return coda_error_nomem(err);
    }
    return CODA_OK;
}

void coda_outfile_abort(coda_outfile *o)
{
    if (o->fp)
        fclose(o->fp);
    if (o->tmp)
        unlink(o->tmp);
    release(o);
}

coda_status coda_outfile_commit(coda_outfile *o, coda_error *err)
{
    int bad = ferror(o->fp) || fflush(o->fp) != 0 || fsync(fileno(o->fp)) != 0;
    int saved = errno;
    if (fclose(o->fp) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    o->fp = NULL;
    if (!bad && rename(o->tmp, o->path) != 0) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        coda_error_set(err, CODA_EIO, o->path, 0, 0, "cannot write: %s",
                       strerror(saved));
        coda_outfile_abort(o);
        return CODA_EIO;
    }
    release(o);
    return CODA_OK;
}

/* Make the folder p (one level); 0 or an errno. */
static int make_one(const char *p)
{
    struct stat sb;
    if (mkdir(p, 0777) == 0)
        return 0;
    int e = errno;
    if (stat(p, &sb) == 0)
        return S_ISDIR(sb.st_mode) ? 0 : ENOTDIR;
    return e;
}

coda_status coda_mkdir_p(const char *path, coda_error *err)
{
    size_t len = strlen(path), at = 0;
    if (len == 0)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "an empty path names no folder");
    char *p = coda_strndup(path, len);
    if (!p)
        return coda_error_nomem(err);
    int e = 0;
    for (size_t i = 1; i <= len && !e; i++) {
        if ((p[i] != '/' && p[i] != '\0') || p[i - 1] == '/')
            continue;
        char c = p[i];
        p[i] = '\0';
        e = make_one(p);
        p[i] = c;
        at = i;
    }
    coda_status st = CODA_OK;
    if (e && at < len && strspn(path + at, "/") < len - at)
        st = coda_error_set(err, CODA_EIO, path, 0, 0, "cannot create folder "
                            "%.*s: %s", (int)at, path, strerror(e));
    else if (e)
        st = coda_error_set(err, CODA_EIO, path, 0, 0,
                            "cannot create folder: %s", strerror(e));
    coda_free(p);
    return st;
}
