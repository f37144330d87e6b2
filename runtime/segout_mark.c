/* segout_mark.c - one unit's text as HTML with its coded spans marked:
 * a sweep over the spans' ends, so overlapping spans of several codes
 * become pieces each marked with every code open over it. */
#include "segout_int.h"

#include "base_alloc.h"
#include "writers.h"

#include <stdlib.h>

struct coda_mark_ev {
    size_t pos;
    uint32_t code;
    int open;                   /* 1 a span starts, 0 it ends */
};

coda_status coda_marker_init(coda_marker *m, const char *const *names,
                             size_t ncodes, coda_error *err)
{
    memset(m, 0, sizeof *m);
    m->names = names;
    m->count = coda_calloc(ncodes ? ncodes : 1, sizeof *m->count);
    m->active = coda_calloc(ncodes ? ncodes : 1, sizeof *m->active);
    if (!m->count || !m->active) {
        coda_marker_free(m);
        return coda_error_nomem(err);
    }
    return CODA_OK;
}

void coda_marker_free(coda_marker *m)
{
    coda_free(m->count);
    coda_free(m->active);
    coda_free(m->ev);
    memset(m, 0, sizeof *m);
}

/* By position; at one position ends before starts (adjacent spans do not
 * overlap), then by code. */
static int ev_cmp(const void *pa, const void *pb)
{
    const struct coda_mark_ev *a = pa, *b = pb;
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    if (a->open != b->open)
        return a->open - b->open;
    return (a->code > b->code) - (a->code < b->code);
}

/* The events of the segments rows[0..n), sorted; empty spans left out. */
static coda_status events(coda_marker *m, const coda_segview *v,
                          const size_t *rows, size_t n, const uint32_t *code,
                          size_t *nev, coda_error *err)
{
    if (2 * n > m->cap) {
        struct coda_mark_ev *ev = coda_reallocarray(m->ev, 2 * n, sizeof *ev);
        if (!ev)
            return coda_error_nomem(err);
        m->ev = ev;
        m->cap = 2 * n;
    }
    *nev = 0;
    for (size_t i = 0; i < n; i++) {
        size_t r = rows[i], a = (size_t)v->start->v.i[r] - 1,
               b = (size_t)v->stop->v.i[r];
        if (a == b)
            continue;
        m->ev[(*nev)++] = (struct coda_mark_ev){ a, code[r], 1 };
        m->ev[(*nev)++] = (struct coda_mark_ev){ b, code[r], 0 };
    }
    if (*nev > 1)
        qsort(m->ev, *nev, sizeof *m->ev, ev_cmp);
    return CODA_OK;
}

static void put(coda_wbuf *fp, const char *s)
{
    coda_wbuf_puts(fp, s);
}

/* pre, then code c's class number (1-based). */
static void put_class(coda_wbuf *fp, const char *pre, uint32_t c)
{
    char num[24];
    put(fp, pre);
    coda_wbuf_add(fp, num, coda_int_text((int64_t)c + 1, num));
}

static void put_piece(const coda_marker *m, coda_wbuf *fp, const char *s,
                      size_t len)
{
    if (!m->nactive) {
        coda_html_escape(s, len, coda_wbuf_sink, fp);
        return;
    }
    put(fp, "<mark class=\"");
    for (size_t i = 0; i < m->nactive; i++)
        put_class(fp, i ? " c" : "c", m->active[i]);
    put(fp, "\" title=\"");
    for (size_t i = 0; i < m->nactive; i++) {
        const char *name = m->names[m->active[i]];
        if (i)
            put(fp, ", ");
        coda_html_escape(name, strlen(name), coda_wbuf_sink, fp);
    }
    put(fp, "\">");
    coda_html_escape(s, len, coda_wbuf_sink, fp);
    put(fp, "</mark>");
}

/* Open or close a span of code c; a code's last span closing gets its tag. */
static void apply(coda_marker *m, coda_wbuf *fp, const struct coda_mark_ev *e)
{
    uint32_t c = e->code;
    size_t i = 0;
    while (i < m->nactive && m->active[i] < c)
        i++;
    if (e->open && m->count[c]++ == 0) {
        memmove(m->active + i + 1, m->active + i,
                (m->nactive++ - i) * sizeof *m->active);
        m->active[i] = c;
    } else if (!e->open && --m->count[c] == 0) {
        memmove(m->active + i, m->active + i + 1,
                (--m->nactive - i) * sizeof *m->active);
        put_class(fp, "<sup class=\"tag c", c);
        put(fp, "\">");
        coda_html_escape(m->names[c], strlen(m->names[c]), coda_wbuf_sink, fp);
        put(fp, "</sup>");
    }
}

coda_status coda_marker_write(coda_marker *m, coda_wbuf *fp, const char *text,
                              size_t len, const coda_segview *v,
                              const size_t *rows, size_t n,
                              const uint32_t *code, coda_error *err)
{
    size_t nev = 0, at = 0;
    coda_status st = events(m, v, rows, n, code, &nev, err);
    if (st != CODA_OK)
        return st;
    for (size_t i = 0; i < nev; i++) {
        if (m->ev[i].pos > at) {
            put_piece(m, fp, text + at, m->ev[i].pos - at);
            at = m->ev[i].pos;
        }
        apply(m, fp, &m->ev[i]);
    }
    coda_html_escape(text + at, len - at, coda_wbuf_sink, fp);
    return CODA_OK;
}
