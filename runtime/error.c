/* error.c - filling and formatting the coda_error record. */
#include "error.h"

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
