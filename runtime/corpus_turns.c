/* corpus_turns.c - the turns of a text transcript: a line with a label of
 * its format opens one, with the label's time; a turn ends where the next
 * starts. */
#include "corpus_int.h"

#include "base_alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
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

/* In a timestamped transcript a plain "Name:" opens a turn only for a name
 * that some timed label has (so "Note: ..." in a turn's text stays text):
 * the timed labels' names are kept as sorted (offset, length) pairs. */
static int by_name(const void *a, const void *b, void *ctx)
{
    const char *s = ctx;
    const size_t *x = a, *y = b;
    return coda_bytes_cmp(s + x[0], x[1], s + y[0], y[1]);
}

/* 1 when some label line of shape TIMED or REV names s[a..a+n). */
static int known(const char *s, const size_t *pairs, size_t k, size_t a,
                 size_t n)
{
    size_t lo = 0, hi = k;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = coda_bytes_cmp(s + pairs[2 * mid], pairs[2 * mid + 1],
                               s + a, n);
        if (!c)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* The (offset, length) pairs of the timed labels' names, sorted. */
static coda_status timed_names(const char *s, size_t len, size_t **pairs,
                               size_t *k)
{
    size_t cap = 0;
    *pairs = NULL;
    *k = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        coda_label l;
        coda_shape sh = coda_line_shape(s, i, e, &l);
        if ((sh == SHAPE_TIMED || sh == SHAPE_REV) && *k == cap) {
            cap = cap ? cap * 2 : 16;
            size_t *g = coda_reallocarray(*pairs, cap, 2 * sizeof *g);
            if (!g)
                return CODA_ENOMEM;
            *pairs = g;
        }
        if (sh == SHAPE_TIMED || sh == SHAPE_REV)
            (*pairs)[2 * *k] = l.name, (*pairs)[2 * (*k)++ + 1] = l.nlen;
        i = e + 1;
    }
    if (*k)
        qsort_r(*pairs, *k, 2 * sizeof **pairs, by_name, (void *)(uintptr_t)s);
    return CODA_OK;
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

/* How a text's lines are read: its format, the names of its timed labels
 * (in timestamped and rev transcripts) and where warnings go. */
typedef struct reading {
    coda_text_format f;
    int timed;
    size_t *pairs, k;
    const coda_doc_ctx *c;
} reading;

/* The line s[i..e): a turn it opens (or the turn without a speaker that
 * text before any label makes). */
static coda_status line_turn(const char *s, size_t i, size_t e,
                             const reading *rd, coda_turns *ts)
{
    coda_label l;
    coda_shape sh = coda_line_shape(s, i, e, &l);
    if (rd->timed && sh == SHAPE_PLAIN &&
        !known(s, rd->pairs, rd->k, l.name, l.nlen))
        sh = SHAPE_NONE;
    if (sh != SHAPE_NONE && coda_shape_opens(rd->f, sh, s, &l)) {
        coda_turn t = { i, l.text, 0, l.name, l.nlen, 1,
                        l.has_time == 1 ? l.secs : -1, -1 };
        coda_status st = coda_turns_push(ts, &t);
        return st == CODA_OK && l.has_time < 0 ? bad_time(rd->c, s, &l) : st;
    }
    coda_turn t = { i, i, 0, 0, 0, 0, -1, -1 };
    return !ts->n && !blank(s, i, e) ? coda_turns_push(ts, &t) : CODA_OK;
}

coda_status coda_text_turns(const char *s, size_t len, coda_text_format f,
                            const coda_doc_ctx *c, coda_turns *ts)
{
    reading rd = { f, f == CODA_FORMAT_TIMESTAMPED || f == CODA_FORMAT_REV,
                   NULL, 0, c };
    coda_status st = rd.timed ? timed_names(s, len, &rd.pairs, &rd.k)
                              : CODA_OK;
    memset(ts, 0, sizeof *ts);
    for (size_t i = 0; i < len && st == CODA_OK;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        st = line_turn(s, i, e, &rd, ts);
        i = e + 1;
    }
    coda_free(rd.pairs);
    if (st != CODA_OK) {
        coda_turns_free(ts);
        return CODA_ENOMEM;
    }
    close_turns(ts, len);
    return CODA_OK;
}
