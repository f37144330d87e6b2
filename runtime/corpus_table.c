/* corpus_table.c - the Datasets a read of transcripts makes: its units
 * (doc, unit, speaker, text, and format and times when it has them) and
 * its documents (one row each, with the format read and counts). */
#include "corpus_int.h"

#include "base_alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const unit_cols[] = { "doc", "unit", "speaker", "text",
                                          "format", "start_time",
                                          "end_time" };

static coda_status set_time(coda_table *t, size_t c, size_t r, double v)
{
    if (v < 0)
        return coda_table_set_missing(t, c, r);
    t->cols[c].v.d[r] = v;
    return CODA_OK;
}

static coda_status fill_row(coda_table *t, size_t r, const coda_urow *u,
                            const coda_cdoc *d, int times)
{
    coda_status st = coda_table_set_string(t, 0, r, d->id, strlen(d->id));
    t->cols[1].v.i[r] = u->unit;
    if (st == CODA_OK && u->u.has_speaker)
        st = coda_table_set_string(t, 2, r, d->text + u->u.spk_start,
                                   u->u.spk_len);
    else if (st == CODA_OK)
        st = coda_table_set_missing(t, 2, r);
    if (st == CODA_OK)
        st = coda_table_set_string(t, 3, r, d->text + u->u.start, u->u.len);
    if (st != CODA_OK || !times)
        return st;
    const char *f = coda_format_name(d->fmt);
    st = coda_table_set_string(t, 4, r, f, strlen(f));
    if (st == CODA_OK)
        st = set_time(t, 5, r, u->u.start_time);
    return st == CODA_OK ? set_time(t, 6, r, u->u.end_time) : st;
}

static coda_type unit_type(size_t c)
{
    return c == 1 ? CODA_INTEGER : c >= 5 ? CODA_NUMBER : CODA_STRING;
}

coda_status coda_corpus_table(const coda_cdoc *docs, const coda_urow *rows,
                              size_t n, int times, coda_table **out)
{
    coda_table *t = NULL;
    size_t ncol = times ? 7 : 4;
    coda_status st = coda_table_create(n, ncol, &t);
    for (size_t c = 0; c < ncol && st == CODA_OK; c++)
        st = coda_table_init_column(t, c, unit_cols[c], unit_type(c));
    for (size_t r = 0; r < n && st == CODA_OK; r++)
        st = fill_row(t, r, &rows[r], &docs[rows[r].doc], times);
    if (st != CODA_OK) {
        coda_table_free(t);
        return CODA_ENOMEM;
    }
    *out = t;
    return CODA_OK;
}

/* --- documents ------------------------------------------------------------ */

typedef struct span {
    const char *p;
    size_t n;
} span;

static uint64_t hash(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603u;          /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211u;
    return h;
}

/* A power of two over twice n: the size of a set of n spans. */
static size_t set_size(size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    return cap;
}

/* The distinct speakers of the units rows[0..n) of document d, counted in
 * set (open addressing, set_size(n) slots). */
static size_t speakers(const coda_cdoc *d, const coda_urow *rows, size_t n,
                       span *set)
{
    size_t distinct = 0, mask = set_size(n) - 1;
    memset(set, 0, (mask + 1) * sizeof *set);
    for (size_t r = 0; r < n; r++) {
        if (!rows[r].u.has_speaker)
            continue;
        span s = { d->text + rows[r].u.spk_start, rows[r].u.spk_len };
        size_t i = hash(s.p, s.n) & mask;
        while (set[i].p && coda_bytes_cmp(set[i].p, set[i].n, s.p, s.n))
            i = (i + 1) & mask;
        if (!set[i].p)
            set[i] = s, distinct++;
    }
    return distinct;
}

static const char *const doc_cols[] = { "doc", "path", "format", "units",
                                        "speakers" };

static coda_status doc_row(coda_table *t, size_t i, const coda_cdoc *d,
                           size_t nspk)
{
    const char *f = coda_format_name(d->fmt);
    coda_status st = coda_table_set_string(t, 0, i, d->id, strlen(d->id));
    if (st == CODA_OK)
        st = d->path ? coda_table_set_string(t, 1, i, d->path,
                                             strlen(d->path))
                     : coda_table_set_missing(t, 1, i);
    if (st == CODA_OK)
        st = coda_table_set_string(t, 2, i, f, strlen(f));
    t->cols[3].v.i[i] = (int64_t)d->units;
    t->cols[4].v.i[i] = (int64_t)nspk;
    return st;
}

coda_status coda_corpus_doc_table(const coda_cdoc *docs, size_t nd,
                                  const coda_urow *rows, size_t n,
                                  coda_table **out)
{
    coda_table *t = NULL;
    size_t most = 0;
    for (size_t i = 0; i < nd; i++)
        most = docs[i].units > most ? docs[i].units : most;
    span *tmp = coda_malloc(set_size(most) * sizeof *tmp);
    coda_status st = tmp ? coda_table_create(nd, 5, &t) : CODA_ENOMEM;
    for (size_t c = 0; c < 5 && st == CODA_OK; c++)
        st = coda_table_init_column(t, c, doc_cols[c],
                                    c >= 3 ? CODA_INTEGER : CODA_STRING);
    for (size_t i = 0, r = 0; i < nd && st == CODA_OK; i++) {
        st = doc_row(t, i, &docs[i], speakers(&docs[i], rows + r,
                                              docs[i].units, tmp));
        r += docs[i].units;
    }
    coda_free(tmp);
    if (st != CODA_OK) {
        coda_table_free(t);
        return CODA_ENOMEM;
    }
    *out = t;
    return CODA_OK;
}
