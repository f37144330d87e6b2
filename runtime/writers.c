/* writers.c - JSON records, JSON lines, Markdown tables, HTML text. */
#include "writers.h"

#include "base_alloc.h"
#include "base_outfile.h"
#include "stats.h"
#include "base_utf8.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void emit_str(coda_sink sink, void *ud, const char *s)
{
    sink(ud, s, strlen(s));
}

void coda_json_string(const char *s, size_t len, coda_sink sink, void *ud)
{
    size_t run = 0;
    sink(ud, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        sink(ud, s + run, i - run);
        char esc[8];
        if (c == '"' || c == '\\')
            snprintf(esc, sizeof esc, "\\%c", c);
        else if (c == '\n' || c == '\t' || c == '\r')
            snprintf(esc, sizeof esc, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
        else
            snprintf(esc, sizeof esc, "\\u%04x", c);
        emit_str(sink, ud, esc);
        run = i + 1;
    }
    sink(ud, s + run, len - run);
    sink(ud, "\"", 1);
}

static void json_number(double d, coda_sink sink, void *ud)
{
    char buf[40];
    if (!isfinite(d)) {
        emit_str(sink, ud, "null");
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    emit_str(sink, ud, buf);
}

void coda_wbuf_flush(coda_wbuf *w)
{
    if (w->n)
        fwrite(w->b, 1, w->n, w->fp);
    w->n = 0;
}

void coda_wbuf_puts(coda_wbuf *w, const char *s)
{
    coda_wbuf_add(w, s, strlen(s));
}

void coda_wbuf_printf(coda_wbuf *w, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    coda_wbuf_add(w, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n
                                                               : sizeof buf - 1);
}

void coda_wbuf_sink(void *ud, const char *s, size_t len)
{
    coda_wbuf_add(ud, s, len);
}

size_t coda_int_text(int64_t v, char *buf)
{
    char tmp[24];
    size_t n = 0, len = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do
        tmp[n++] = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        buf[len++] = '-';
    while (n)
        buf[len++] = tmp[--n];
    buf[len] = '\0';
    return len;
}

static void json_value(const coda_column *c, size_t r, coda_sink sink, void *ud)
{
    char buf[32];
    if (coda_is_missing(c, r)) {
        emit_str(sink, ud, "null");
        return;
    }
    switch (c->type) {
    case CODA_INTEGER:
        sink(ud, buf, coda_int_text(c->v.i[r], buf));
        break;
    case CODA_NUMBER: json_number(c->v.d[r], sink, ud); break;
    case CODA_BOOLEAN: emit_str(sink, ud, c->v.b[r] ? "true" : "false"); break;
    case CODA_STRING: coda_json_string(c->v.s.p[r], c->v.s.len[r], sink, ud); break;
    case CODA_MULTI:
        sink(ud, "[", 1);
        for (uint64_t i = c->v.m.off[r]; i < c->v.m.off[r + 1]; i++) {
            uint32_t id = c->v.m.ids[i];
            if (i > c->v.m.off[r])
                sink(ud, ", ", 2);
            coda_json_string(c->v.m.labels->s[id], c->v.m.labels->len[id], sink, ud);
        }
        sink(ud, "]", 1);
        break;
    }
}

void coda_json_records(const coda_table *t, coda_sink sink, void *ud)
{
    sink(ud, "[", 1);
    for (size_t r = 0; r < t->nrow; r++) {
        emit_str(sink, ud, r ? ",\n  {" : "\n  {");
        for (size_t c = 0; c < t->ncol; c++) {
            if (c)
                sink(ud, ", ", 2);
            coda_json_string(t->cols[c].name, strlen(t->cols[c].name), sink, ud);
            sink(ud, ": ", 2);
            json_value(&t->cols[c], r, sink, ud);
        }
        sink(ud, "}", 1);
    }
    emit_str(sink, ud, t->nrow ? "\n]\n" : "]\n");
}

coda_wbuf *coda_wbuf_new(FILE *fp)
{
    coda_wbuf *w = coda_malloc(sizeof *w);
    if (w) {
        w->fp = fp;
        w->n = 0;
    }
    return w;
}

/* A writer of t (digits for Markdown) to a sink. */
typedef void (*emitter)(const coda_table *t, int digits, coda_sink sink,
                        void *ud);

/* What emit writes of t, to path atomically through a write buffer. */
static coda_status write_atomic(const coda_table *t, int digits, emitter emit,
                                const char *path, coda_error *err)
{
    coda_outfile o;
    coda_status st = coda_outfile_open(&o, path, err);
    if (st != CODA_OK)
        return st;
    coda_wbuf *w = coda_wbuf_new(o.fp);
    if (!w) {
        coda_outfile_abort(&o);
        return coda_error_nomem(err);
    }
    emit(t, digits, coda_wbuf_sink, w);
    coda_wbuf_flush(w);
    coda_free(w);
    return coda_outfile_commit(&o, err);
}

static void emit_json(const coda_table *t, int digits, coda_sink sink, void *ud)
{
    coda_json_records(t, sink, ud);
}

static void emit_jsonl(const coda_table *t, int digits, coda_sink sink, void *ud)
{
    coda_jsonl(t, sink, ud);
}

coda_status coda_json_write(const coda_table *t, const char *path,
                            coda_error *err)
{
    return write_atomic(t, 0, emit_json, path, err);
}

coda_status coda_jsonl_write(const coda_table *t, const char *path,
                             coda_error *err)
{
    return write_atomic(t, 0, emit_jsonl, path, err);
}

coda_status coda_markdown_write(const coda_table *t, int digits,
                                const char *path, coda_error *err)
{
    return write_atomic(t, digits, coda_markdown, path, err);
}

void coda_jsonl(const coda_table *t, coda_sink sink, void *ud)
{
    for (size_t r = 0; r < t->nrow; r++) {
        for (size_t c = 0; c < t->ncol; c++) {
            sink(ud, c ? "," : "{", 1);
            coda_json_string(t->cols[c].name, strlen(t->cols[c].name), sink, ud);
            sink(ud, ":", 1);
            json_value(&t->cols[c], r, sink, ud);
        }
        sink(ud, t->ncol ? "}\n" : "{}\n", t->ncol ? 2 : 3);
    }
}


/* The reference for byte c, or NULL when c stands for itself (quotes
 * too, unless quotes). */
static const char *html_ref(unsigned char c, int quotes)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return quotes ? "&quot;" : NULL;
    case '\'': return quotes ? "&#39;" : NULL;
    case '\t': case '\n': case '\r': return NULL;
    default: return c < 0x20 || c == 0x7F ? "&#xFFFD;" : NULL;
    }
}

static void html_escape(const char *s, size_t len, int quotes,
                        coda_sink sink, void *ud)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *ref = html_ref((unsigned char)s[i], quotes);
        if (!ref)
            continue;
        sink(ud, s + run, i - run);
        emit_str(sink, ud, ref);
        run = i + 1;
    }
    sink(ud, s + run, len - run);
}

void coda_html_escape(const char *s, size_t len, coda_sink sink, void *ud)
{
    html_escape(s, len, 1, sink, ud);
}

void coda_html_escape_text(const char *s, size_t len, coda_sink sink,
                           void *ud)
{
    html_escape(s, len, 0, sink, ud);
}


static void md_text(const char *s, size_t len, coda_sink sink, void *ud)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '|' && s[i] != '\n' && s[i] != '\r')
            continue;
        sink(ud, s + run, i - run);
        emit_str(sink, ud, s[i] == '|' ? "\\|" : s[i] == '\n' ? "<br>" : "");
        run = i + 1;
    }
    sink(ud, s + run, len - run);
}

static void md_cell(const coda_column *c, size_t r, int digits, coda_sink sink,
                    void *ud)
{
    char buf[48];
    if (coda_is_missing(c, r))
        return;
    switch (c->type) {
    case CODA_INTEGER:
        snprintf(buf, sizeof buf, "%" PRId64, c->v.i[r]);
        emit_str(sink, ud, buf);
        break;
    case CODA_NUMBER: emit_str(sink, ud, coda_format_half_up(c->v.d[r], digits, buf)); break;
    case CODA_BOOLEAN: emit_str(sink, ud, c->v.b[r] ? "true" : "false"); break;
    case CODA_STRING: md_text(c->v.s.p[r], c->v.s.len[r], sink, ud); break;
    case CODA_MULTI:
        for (uint64_t i = c->v.m.off[r]; i < c->v.m.off[r + 1]; i++) {
            uint32_t id = c->v.m.ids[i];
            if (i > c->v.m.off[r])
                sink(ud, "; ", 2);
            md_text(c->v.m.labels->s[id], c->v.m.labels->len[id], sink, ud);
        }
        break;
    }
}

static void count_width(void *ud, const char *s, size_t len)
{
    size_t *w = ud;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        i += coda_utf8_decode(s + i, len - i, &cp);
        *w += (size_t)coda_utf8_cp_width(cp);
    }
}

/* The width of a header cell: the name as md_text writes it. */
static size_t name_width(const char *s)
{
    size_t w = 0;
    md_text(s, strlen(s), count_width, &w);
    return w;
}

/* The index of a constant "base" column, or -1. */
static long constant_base(const coda_table *t)
{
    long b = coda_table_find(t, "base");
    if (b < 0 || t->cols[b].type != CODA_INTEGER || t->nrow == 0 ||
        t->cols[b].missing)
        return -1;
    for (size_t r = 1; r < t->nrow; r++)
        if (t->cols[b].v.i[r] != t->cols[b].v.i[0])
            return -1;
    return b;
}

static void md_pad(coda_sink sink, void *ud, size_t n)
{
    while (n--)
        sink(ud, " ", 1);
}

static int right_aligned(const coda_column *c)
{
    return c->type == CODA_INTEGER || c->type == CODA_NUMBER;
}

/* One table line: header (r = -1), rule (r = -2) or row r. */
static void md_line(const coda_table *t, long skip, const size_t *w,
                    long r, int digits, coda_sink sink, void *ud)
{
    for (size_t c = 0; c < t->ncol; c++) {
        if ((long)c == skip)
            continue;
        const coda_column *col = &t->cols[c];
        sink(ud, "| ", 2);
        if (r == -2) {
            for (size_t i = 0; i + 1 < w[c]; i++)
                sink(ud, "-", 1);
            sink(ud, right_aligned(col) ? ":" : "-", 1);
            sink(ud, " ", 1);
            continue;
        }
        size_t cw = 0;
        if (r == -1)
            cw = name_width(col->name);
        else
            md_cell(col, (size_t)r, digits, count_width, &cw);
        if (right_aligned(col) && r >= 0)
            md_pad(sink, ud, w[c] - cw);
        if (r == -1)
            md_text(col->name, strlen(col->name), sink, ud);
        else
            md_cell(col, (size_t)r, digits, sink, ud);
        if (!(right_aligned(col) && r >= 0))
            md_pad(sink, ud, w[c] - cw);
        sink(ud, " ", 1);
    }
    sink(ud, "|\n", 2);
}

void coda_markdown(const coda_table *t, int digits, coda_sink sink, void *ud)
{
    size_t w[256];
    size_t ncol = t->ncol < 256 ? t->ncol : 256;
    coda_table view = *t;
    view.ncol = ncol;
    long base = constant_base(&view);
    digits = digits < 0 ? 0 : digits > 20 ? 20 : digits;
    for (size_t c = 0; c < ncol; c++) {
        w[c] = name_width(t->cols[c].name);
        w[c] = w[c] < 3 ? 3 : w[c];
        for (size_t r = 0; r < t->nrow; r++) {
            size_t cw = 0;
            md_cell(&t->cols[c], r, digits, count_width, &cw);
            w[c] = cw > w[c] ? cw : w[c];
        }
    }
    md_line(&view, base, w, -1, digits, sink, ud);
    md_line(&view, base, w, -2, digits, sink, ud);
    for (size_t r = 0; r < t->nrow; r++)
        md_line(&view, base, w, (long)r, digits, sink, ud);
    if (base >= 0) {
        char buf[64];
        snprintf(buf, sizeof buf, "\nBase: n = %" PRId64 "\n",
                 t->cols[base].v.i[0]);
        emit_str(sink, ud, buf);
    }
}

