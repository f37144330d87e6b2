/* base_inputs.c - the files a run has read: device, inode and change time of
 * each, and reading a whole input from a pipe or device with a bound.  The change time tells a file read from a new one that took over
 * its inode after it was deleted (a temporary file, say); a file changed
 * since it was read is no longer the input that was read. */
#include "base_inputs.h"

#include "base_alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct file_id {
    dev_t dev;
    ino_t ino;
    struct timespec ctime;
} file_id;

static atomic_int protecting;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static file_id *ids;
static size_t nids, capids;

void coda_inputs_protect(int on)
{
    atomic_store(&protecting, on != 0);
}

int coda_inputs_protecting(void)
{
    return atomic_load(&protecting);
}

/* 1 when the file is noted; the caller holds the lock. */
static int noted(const struct stat *sb)
{
    for (size_t i = 0; i < nids; i++)
        if (ids[i].dev == sb->st_dev && ids[i].ino == sb->st_ino &&
            ids[i].ctime.tv_sec == sb->st_ctim.tv_sec &&
            ids[i].ctime.tv_nsec == sb->st_ctim.tv_nsec)
            return 1;
    return 0;
}

coda_status coda_input_note(int fd, const char *path, coda_error *err)
{
    struct stat sb;
    if (!coda_inputs_protecting() ||
        (fd >= 0 ? fstat(fd, &sb) : stat(path, &sb)) != 0 ||
        !S_ISREG(sb.st_mode))
        return CODA_OK;
    coda_status st = CODA_OK;
    pthread_mutex_lock(&lock);
    int known = noted(&sb);
    if (!known && nids == capids) {
        size_t cap = capids ? capids * 2 : 16;
        file_id *g = coda_reallocarray(ids, cap, sizeof *g);
        if (g)
            ids = g, capids = cap;
        else
            st = coda_error_nomem(err);
    }
    if (st == CODA_OK && !known)
        ids[nids++] = (file_id){ sb.st_dev, sb.st_ino, sb.st_ctim };
    pthread_mutex_unlock(&lock);
    return st;
}

coda_status coda_input_check_output(const char *path, coda_error *err)
{
    struct stat sb;
    if (!coda_inputs_protecting() || stat(path, &sb) != 0)
        return CODA_OK;
    pthread_mutex_lock(&lock);
    int hit = noted(&sb);
    pthread_mutex_unlock(&lock);
    if (!hit)
        return CODA_OK;
    return coda_error_set(err, CODA_EARG, path, 0, 0, "this run read the "
                          "file as input, and coda does not write over its "
                          "inputs; write to another file");
}

void coda_inputs_clear(void)
{
    pthread_mutex_lock(&lock);
    coda_free(ids);
    ids = NULL;
    nids = capids = 0;
    pthread_mutex_unlock(&lock);
}

coda_status coda_read_all(int fd, const char *path, size_t max, size_t hint,
                          char **data, size_t *len, coda_error *err)
{
    /* a file of hint bytes fits at once, the read of 0 bytes at its end
     * included (one byte more) */
    size_t cap = hint ? (hint < max ? hint + 1 : max + 1) : 1 << 12, n = 0;
    char *buf = coda_malloc(cap + 1);
    for (;;) {
        if (!buf)
            return coda_error_nomem(err);
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            coda_free(buf);
            return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot read: %s",
                                  strerror(errno));
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > max) {
            coda_free(buf);
            return coda_error_set(err, CODA_ELIMIT, path, 0, 0, "more than %zu "
                                  "MiB to read (a device or an endless "
                                  "stream?)", max >> 20);
        }
        if (n == cap) {     /* grow, but not past what may be read */
            size_t next = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *b = coda_realloc(buf, next + 1);
            if (!b)
                coda_free(buf);
            buf = b;
            cap = next;
        }
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return CODA_OK;
}

coda_status coda_read_file(const char *path, size_t max, char **data,
                           size_t *len, coda_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot open: %s",
                              strerror(errno));
    struct stat sb;
    coda_status st = fstat(fd, &sb) != 0
        ? coda_error_set(err, CODA_EIO, path, 0, 0, "cannot read: %s",
                         strerror(errno))
        : S_ISDIR(sb.st_mode)
        ? coda_error_set(err, CODA_EIO, path, 0, 0, "is a folder")
        : coda_input_note(fd, path, err);
    if (st == CODA_OK)      /* a FIFO or device read as a stream, bounded */
        st = coda_read_all(fd, path, max,
                           S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0,
                           data, len, err);
    close(fd);
    return st;
}
