/* csv_input.c - the bytes of a CSV input as the loader's parts read them:
 * a stretch of memory or of a file (pread, so threads share one descriptor),
 * and the line ends in a stretch. */
#include "csv_int.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

const char *load_read(const load_ctx *ctx, size_t off, size_t len, char *buf)
{
    if (ctx->mem)
        return ctx->mem + off;
    for (size_t got = 0; got < len;) {
        ssize_t n = pread(ctx->fd, buf + got, len - got, (off_t)(off + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return NULL;
        got += (size_t)n;
    }
    return buf;
}

size_t count_lf(const char *s, size_t len)
{
    size_t n = 0;
    for (const char *e = s + len; (s = memchr(s, '\n', (size_t)(e - s))); s++)
        n++;
    return n;
}
