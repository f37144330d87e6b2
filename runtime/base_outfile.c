/* base_outfile.c - atomic replacement of an output file. */
#include "base_outfile.h"

#include "base_alloc.h"
#include "base_inputs.h"

#include <errno.h>
#include <limits.h>
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

/* The file a chain of symbolic links at path ends in (it may not exist),
 * in a new string; NULL with errno set on a loop or out of memory. */
static char *follow_links(const char *path)
{
    char *cur = coda_strndup(path, strlen(path));
    for (int hops = 0; cur && hops < 40; hops++) {
        char buf[4096];
        ssize_t n = readlink(cur, buf, sizeof buf - 1);
        if (n < 0)
            return cur;                 /* not a link (or gone): the end */
        buf[n] = '\0';
        const char *slash = strrchr(cur, '/');
        size_t dir = buf[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
        char *next = coda_malloc(dir + (size_t)n + 1);
        if (next) {
            memcpy(next, cur, dir);
            memcpy(next + dir, buf, (size_t)n + 1);
        }
        coda_free(cur);
        cur = next;
    }
    if (cur)
        errno = ELOOP;
    coda_free(cur);
    return NULL;
}

/* A temporary name beside path: path.tmp-XXXXXX, or DIR/.coda.tmp-XXXXXX
 * when the file name would pass NAME_MAX. */
static char *temp_name(const char *path)
{
    size_t n = strlen(path);
    const char *slash = strrchr(path, '/');
    size_t base = slash ? n - (size_t)(slash - path) - 1 : n;
    size_t dir = n - base;
    char *tmp = coda_malloc(n + 24);
    if (!tmp)
        return NULL;
    if (base + 11 <= NAME_MAX) {
        memcpy(tmp, path, n);
        memcpy(tmp + n, ".tmp-XXXXXX", 12);
    } else {
        memcpy(tmp, path, dir);
        memcpy(tmp + dir, ".coda.tmp-XXXXXX", 17);
    }
    return tmp;
}

/* Open the temporary file with the mode (and owner) the target keeps. */
static coda_status open_temp(coda_outfile *o, const struct stat *old,
                             coda_error *err)
{
    if (!(o->tmp = temp_name(o->path)))
        return coda_error_nomem(err);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        coda_status st = coda_error_set(err, CODA_EIO, o->path, 0, 0,
                                        "cannot write: %s", strerror(errno));
        coda_free(o->tmp);
        o->tmp = NULL;
        return st;
    }
    track(o->tmp);
    if (old) {
        if (fchown(fd, old->st_uid, old->st_gid) != 0) {
            /* not allowed: the file becomes the writer's, mode kept */
        }
        fchmod(fd, old->st_mode & 07777);
    } else {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    if (!(o->fp = fdopen(fd, "w"))) {
        close(fd);
        return coda_error_nomem(err);
    }
    return CODA_OK;
}

/* Write through to a FIFO, a character device or what a /dev or /proc
 * name stands for (/dev/stdout), appending: a redirected standard output
 * keeps what the process wrote to it before. */
/* The descriptor /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N
 * names, or -1. */
static int named_fd(const char *path)
{
    if (!strcmp(path, "/dev/stdout"))
        return 1;
    if (!strcmp(path, "/dev/stderr"))
        return 2;
    const char *n = !strncmp(path, "/dev/fd/", 8) ? path + 8
                  : !strncmp(path, "/proc/self/fd/", 14) ? path + 14 : NULL;
    char *end;
    long fd = n && *n ? strtol(n, &end, 10) : -1;
    return fd >= 0 && fd < INT_MAX && n && !*end ? (int)fd : -1;
}

static coda_status open_stream(coda_outfile *o, coda_error *err)
{
    int fd = named_fd(o->path);
    if (fd >= 0) {      /* the process's own descriptor: share its offset */
        int d = dup(fd);
        if (d >= 0 && !(o->fp = fdopen(d, "w")))
            close(d);
        if (o->fp)
            return CODA_OK;
    }
    if (!(o->fp = fopen(o->path, "a")))
        return coda_error_set(err, CODA_EIO, o->path, 0, 0,
                              "cannot write: %s", strerror(errno));
    return CODA_OK;
}

/* What the target is decides how it is written (see base_outfile.h).  A link
 * to a regular file is resolved with realpath, one that dangles link by
 * link; a FIFO or device is opened by the name given (which also works
 * for /dev/stdout on a pipe, whose link names no file). */
static coda_status open_target(coda_outfile *o, const char *path,
                               coda_error *err)
{
    struct stat sb, lsb;
    int found = stat(path, &sb) == 0, e = errno;
    int link = lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode);
    if (!found && e != ENOENT)
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot write: %s",
                              strerror(e));
    /* /dev/stdout redirected to a file is the process's descriptor, to
     * write through; a regular file elsewhere under /dev (/dev/shm) is
     * replaced like any other */
    int stream = found && (S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode) ||
                           named_fd(path) >= 0 ||
                           (!S_ISREG(sb.st_mode) &&
                            (!strncmp(path, "/dev/", 5) ||
                             !strncmp(path, "/proc/", 6))));
    if (stream)
        o->path = coda_strndup(path, strlen(path));
    else if (found && !S_ISREG(sb.st_mode))
        return coda_error_set(err, CODA_EIO, path, 0, 0, S_ISDIR(sb.st_mode)
                              ? "cannot write: a folder is in the way"
                              : "cannot write: not a regular file, FIFO or "
                                "character device");
    else if (link)
        o->path = found ? realpath(path, NULL) : follow_links(path);
    else
        o->path = coda_strndup(path, strlen(path));
    if (!o->path)
        return errno == ELOOP
            ? coda_error_set(err, CODA_EIO, path, 0, 0, "cannot write: %s",
                             strerror(ELOOP))
            : coda_error_nomem(err);
    if (found && link && !stream) {     /* realpath's: malloc'd */
        char *own = coda_strndup(o->path, strlen(o->path));
        free(o->path);
        if (!(o->path = own))
            return coda_error_nomem(err);
    }
    if (stream)
        return open_stream(o, err);
    return open_temp(o, found ? &sb : NULL, err);
}

coda_status coda_outfile_open(coda_outfile *o, const char *path,
                              coda_error *err)
{
    memset(o, 0, sizeof *o);
    coda_status st = coda_input_check_output(path, err);
    if (st == CODA_OK)
        st = open_target(o, path, err);
    if (st != CODA_OK)
        coda_outfile_abort(o);
    return st;
}

void coda_outfile_abort(coda_outfile *o)
{
    if (o->fp)
        fclose(o->fp);
    if (o->tmp)
        unlink(o->tmp);
    release(o);
}

/* Flush and close a stream; a device that cannot sync is no error. */
static coda_status commit_stream(coda_outfile *o, coda_error *err)
{
    int bad = ferror(o->fp) || fflush(o->fp) != 0;
    int saved = errno;
    if (fclose(o->fp) != 0 && !bad)
        bad = 1, saved = errno;
    o->fp = NULL;
    coda_status st = bad ? coda_error_set(err, CODA_EIO, o->path, 0, 0,
                                          "cannot write: %s", strerror(saved))
                         : CODA_OK;
    release(o);
    return st;
}

coda_status coda_outfile_commit(coda_outfile *o, coda_error *err)
{
    if (!o->tmp)
        return commit_stream(o, err);
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

coda_status coda_scratch_open(FILE **fp, coda_error *err)
{
    FILE *f = tmpfile();
    if (!f)
        return coda_error_set(err, CODA_EIO, NULL, 0, 0, "cannot make a "
                              "temporary file: %s", strerror(errno));
    *fp = f;
    return CODA_OK;
}
