/* writers.h - writing a Dataset as JSON records, JSON lines or a Markdown
 * table, and the one HTML escaper of coda's pages. */
#ifndef CODA_WRITERS_H
#define CODA_WRITERS_H

#include "base_api.h"

#include "format.h"
#include "table.h"

#include <stdio.h>

/* JSON: an array of one object per row, keys in column order; missing and
 * non-finite numbers are null; multi values arrays of strings; strings
 * escaped per RFC 8259 (UTF-8 kept).  To the sink, in pieces. */
CODA_API
void coda_json_records(const coda_table *t, coda_sink sink, void *ud);

/* One JSON string (quoted, escaped as coda_json_records does) of s[0..len)
 * to the sink. */
CODA_API
void coda_json_string(const char *s, size_t len, coda_sink sink, void *ud);

/* Write coda_json_records to path atomically.  CODA_EIO, CODA_ENOMEM. */
CODA_API
coda_status coda_json_write(const coda_table *t, const char *path,
                            coda_error *err);

/* JSON lines: one compact object per row ({"a":1,"b":"x"}), keys in
 * column order, values as coda_json_records writes them, each line ended
 * by a newline.  To the sink, in pieces. */
CODA_API
void coda_jsonl(const coda_table *t, coda_sink sink, void *ud);

/* Write coda_jsonl to path atomically (base_outfile.h).  CODA_EIO, CODA_EARG
 * (path is an input of this run), CODA_ENOMEM. */
CODA_API
coda_status coda_jsonl_write(const coda_table *t, const char *path,
                             coda_error *err);

/* A buffer in front of a FILE for writers that write many small pieces
 * (a field, an escape): a piece costs a memcpy, not a stdio call.  Set fp
 * and n = 0; flush before closing the file. */
typedef struct coda_wbuf {
    FILE *fp;
    size_t n;
    char b[1 << 16];
} coda_wbuf;

/* A new buffer in front of fp (the caller coda_frees it after the last
 * flush), or NULL when out of memory. */
CODA_API
coda_wbuf *coda_wbuf_new(FILE *fp);

CODA_API
void coda_wbuf_flush(coda_wbuf *w);

static inline void coda_wbuf_add(coda_wbuf *w, const char *s, size_t len)
{
    if (len > sizeof w->b - w->n) {
        coda_wbuf_flush(w);
        if (len > sizeof w->b) {
            fwrite(s, 1, len, w->fp);
            return;
        }
    }
    memcpy(w->b + w->n, s, len);
    w->n += len;
}

static inline void coda_wbuf_putc(coda_wbuf *w, char c)
{
    if (w->n == sizeof w->b)
        coda_wbuf_flush(w);
    w->b[w->n++] = c;
}

CODA_API
void coda_wbuf_puts(coda_wbuf *w, const char *s);
CODA_API
void coda_wbuf_printf(coda_wbuf *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* coda_wbuf_add as a coda_sink (ud the coda_wbuf). */
CODA_API
void coda_wbuf_sink(void *ud, const char *s, size_t len);

/* v in decimal into buf (at least 21 bytes), NUL-terminated, as "%lld"
 * writes it but without printf's cost; returns its length. */
CODA_API
size_t coda_int_text(int64_t v, char *buf);

/* s[0..len) as HTML text that is also safe inside a quoted attribute:
 * & < > " ' as character references, and control characters other than
 * tab, line feed and carriage return (which HTML does not allow) as
 * U+FFFD.  To the sink, in pieces. */
CODA_API
void coda_html_escape(const char *s, size_t len, coda_sink sink, void *ud);

/* The same for element text only (Markdown's inline HTML too): & < > as
 * references, control characters as U+FFFD, quotes left as they are. */
void coda_html_escape_text(const char *s, size_t len, coda_sink sink,
                           void *ud);

/* A Markdown pipe table, cells padded to line up, numbers right-aligned
 * and rounded half up to digits places (integers as they are), missing
 * values empty, "|" escaped and line breaks as <br>.  When the table has
 * a column "base" with one value in every row, that column is left out and
 * a line "Base: n = N" follows the table.  At most 20 places and the
 * first 256 columns. */
CODA_API
void coda_markdown(const coda_table *t, int digits, coda_sink sink, void *ud);

/* Write coda_markdown to path atomically. */
CODA_API
coda_status coda_markdown_write(const coda_table *t, int digits,
                                const char *path, coda_error *err);

#endif
