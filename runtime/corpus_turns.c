/* corpus_turns.c - the turns of a text transcript: a line with a label of
 * its format opens one, with the label's time; a turn ends where the next
 * starts. */
#include "corpus_int.h"

#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

coda_status coda_turns_push(coda_turns *ts, const coda_turn *t)
{
    if (ts->n == ts->cap) {
        size_t cap = ts->cap ? ts->cap * 2 : 64;
        coda_turn *v = coda_reallocarray(ts->v, cap, sizeof *v);
        if (!v)
            return CODA_ENOMEM;
        ts->v = v;
        ts->cap = cap;
    }
    ts->v[ts->n++] = *t;
    return CODA_OK;
}

void coda_turns_free(coda_turns *ts)
{
    coda_free(ts->v);
    memset(ts, 0, sizeof *ts);
}

long coda_line_of(const char *s, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        line += s[i] == '\n';
    return line;
}

coda_status coda_doc_warn(const coda_doc_ctx *c, long line, const char *fmt,
                          ...)
{
    if (!c || !c->w)
        return CODA_OK;
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c->file && line > 0)
        return coda_warn(c->w, "%s:%ld: %s", c->file, line, msg);
    if (c->file)
        return coda_warn(c->w, "%s: %s", c->file, msg);
    if (line > 0)
        return coda_warn(c->w, "document \"%s\", line %ld: %s", c->id, line,
                         msg);
    return coda_warn(c->w, "document \"%s\": %s", c->id, msg);
}

static int blank(const char *s, size_t a, size_t b)
{
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\f' ||
                     s[a] == '\v' || s[a] == '\r'))
        a++;
    return a == b;
}

static coda_status bad_time(const coda_doc_ctx *c, const char *s,
                            const coda_label *l)
{
    return coda_doc_warn(c, coda_line_of(s, l->time_at), "\"%.*s\" is not a "
                         "time (minutes and seconds run from 00 to 59); the "
                         "turn has no start_time",
                         (int)(l->time_end - l->time_at), s + l->time_at);
}

/* Each turn ends where the next one starts, in time too. */
static void close_turns(coda_turns *ts, size_t len)
{
    for (size_t k = 0; k < ts->n; k++) {
        int last = k + 1 == ts->n;
        ts->v[k].end = last ? len : ts->v[k + 1].from;
        ts->v[k].t1 = last ? -1 : ts->v[k + 1].t0;
    }
}

coda_status coda_text_turns(const char *s, size_t len, coda_text_format f,
                            const coda_doc_ctx *c, coda_turns *ts)
{
    coda_status st = CODA_OK;
    memset(ts, 0, sizeof *ts);
    for (size_t i = 0; i < len && st == CODA_OK;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        coda_label l;
        coda_shape sh = coda_line_shape(s, i, e, &l);
        if (sh != SHAPE_NONE && coda_shape_opens(f, sh, s, &l)) {
            coda_turn t = { i, l.text, 0, l.name, l.nlen, 1,
                            l.has_time == 1 ? l.secs : -1, -1 };
            st = coda_turns_push(ts, &t);
            if (st == CODA_OK && l.has_time < 0)
                st = bad_time(c, s, &l);
        } else if (!ts->n && !blank(s, i, e)) {
            coda_turn t = { i, i, 0, 0, 0, 0, -1, -1 };
            st = coda_turns_push(ts, &t);
        }
        i = e + 1;
    }
    if (st != CODA_OK) {
        coda_turns_free(ts);
        return CODA_ENOMEM;
    }
    close_turns(ts, len);
    return CODA_OK;
}
