/* base_error.c - filling and formatting the coda_error record. */
#include "base_error.h"

#include "base_alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void coda_error_clear(coda_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->offset = -1;
}

coda_status coda_error_set(coda_error *err, coda_status code, const char *file,
                           long line, long column, const char *fmt, ...)
{
    if (!err)
        return code;
    coda_error_clear(err);
    err->code = code;
    if (file)
        snprintf(err->file, sizeof err->file, "%s", file);
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof err->msg) {      /* cut: say so, whole characters */
        int k = coda_clip(err->msg, (int)sizeof err->msg - 4);
        memcpy(err->msg + k, "...", 4);
    }
    return code;
}

int coda_clip(const char *s, int max)
{
    int n = (int)strnlen(s, (size_t)max + 1);
    if (n <= max)
        return n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;                /* s[n] starts the first character left out */
    return n;
}

coda_status coda_error_nomem(coda_error *err)
{
    return coda_error_set(err, CODA_ENOMEM, NULL, 0, 0, "out of memory");
}

const char *coda_error_format(const coda_error *err, char *buf, size_t size)
{
    if (err->file[0] && err->line > 0)
        snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, err->msg);
    else
        snprintf(buf, size, "%s", err->msg);
    return buf;
}

/* Replace w's last message with a count of the ones left out. */
static coda_status warn_overflow(coda_warnings *w)
{
    static const char more[] = "and more warnings like these (only the "
                               "first 999 are listed)";
    if (strcmp(w->msg[w->n - 1], more) == 0)
        return CODA_OK;
    char *m = coda_strndup(more, sizeof more - 1);
    if (!m)
        return CODA_ENOMEM;
    coda_free(w->msg[w->n - 1]);
    w->msg[w->n - 1] = m;
    return CODA_OK;
}

coda_status coda_warn(coda_warnings *w, const char *fmt, ...)
{
    if (!w)
        return CODA_OK;
    if (w->n == CODA_WARNINGS_MAX)
        return warn_overflow(w);
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof buf)
        memcpy(buf + coda_clip(buf, (int)sizeof buf - 4), "...", 4);
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 8;
        char **g = coda_reallocarray(w->msg, cap, sizeof *g);
        if (!g)
            return CODA_ENOMEM;
        w->msg = g;
        w->cap = cap;
    }
    char *m = coda_strndup(buf, strlen(buf));
    if (!m)
        return CODA_ENOMEM;
    w->msg[w->n++] = m;
    return CODA_OK;
}

void coda_warnings_free(coda_warnings *w)
{
    for (size_t i = 0; w && i < w->n; i++)
        coda_free(w->msg[i]);
    if (w) {
        coda_free(w->msg);
        memset(w, 0, sizeof *w);
    }
}

const char *coda_strerror(coda_status code)
{
    switch (code) {
    case CODA_OK: return "no error";
    case CODA_ENOMEM: return "out of memory";
    case CODA_EIO: return "input/output error";
    case CODA_EPARSE: return "parse error";
    case CODA_EUTF8: return "invalid UTF-8";
    case CODA_ETYPE: return "type error";
    case CODA_EARG: return "invalid argument";
    case CODA_ELIMIT: return "limit reached";
    case CODA_EREGEX: return "regular expression error";
    }
    return "unknown error";
}
