/* project_units.c - a stored document's units (turns, sentences ...) with
 * their byte spans, so that a segment can say which unit it lies in; and
 * a coding run's chunk of units: made from its documents, and freed. */
#include "project_int.h"

#include "base_alloc.h"
#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct grow {
    coda_pj_units *u;
    size_t cap;
} grow;

static int more(coda_pj_units *u, size_t cap)
{
    void *a = coda_reallocarray(u->start, cap, sizeof *u->start);
    if (a)
        u->start = a;
    void *b = a ? coda_reallocarray(u->end, cap, sizeof *u->end) : NULL;
    if (b)
        u->end = b;
    void *c = b ? coda_reallocarray(u->spk_start, cap, sizeof *u->spk_start)
                : NULL;
    if (c)
        u->spk_start = c;
    void *d = c ? coda_reallocarray(u->spk_len, cap, sizeof *u->spk_len) : NULL;
    if (d)
        u->spk_len = d;
    void *e = d ? coda_reallocarray(u->has_speaker, cap, sizeof *u->has_speaker)
                : NULL;
    if (e)
        u->has_speaker = e;
    return e != NULL;
}

static coda_status on_unit(void *ud, const coda_unit *cu)
{
    grow *g = ud;
    coda_pj_units *u = g->u;
    if (u->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        if (!more(u, cap))
            return CODA_ENOMEM;
        g->cap = cap;
    }
    u->start[u->n] = cu->start;
    u->end[u->n] = cu->start + cu->len;
    u->spk_start[u->n] = cu->spk_start;
    u->spk_len[u->n] = cu->spk_len;
    u->has_speaker[u->n] = cu->has_speaker;
    u->n++;
    return CODA_OK;
}

coda_status coda_pj_units_split(const char *text, size_t len,
                                const char *unit, coda_pj_units *u,
                                coda_error *err)
{
    coda_unit_kind kind = CODA_UNIT_TURN;
    memset(u, 0, sizeof *u);
    if (unit && !coda_unit_parse(unit, &kind))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "unknown unit \"%s\" (document, paragraph, "
                              "turn, sentence)", unit);
    grow g = { u, 0 };
    if (coda_corpus_units(text, len, kind, on_unit, &g) != CODA_OK) {
        coda_pj_units_free(u);
        return coda_error_nomem(err);
    }
    return CODA_OK;
}

void coda_pj_units_free(coda_pj_units *u)
{
    coda_free(u->start);
    coda_free(u->end);
    coda_free(u->spk_start);
    coda_free(u->spk_len);
    coda_free(u->has_speaker);
    memset(u, 0, sizeof *u);
}

size_t coda_pj_unit_at(const coda_pj_units *u, size_t off)
{
    size_t lo = 0, hi = u->n;       /* first unit ending after off */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u->end[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < u->n ? lo + 1 : 0;
}

coda_status coda_pj_unit(coda_project *p, char buf[16], coda_error *err)
{
    char *v = NULL;
    coda_status s = coda_pj_setting(p, "unit", &v, err);
    snprintf(buf, 16, "%s", v ? v : "turn");
    coda_free(v);
    return s;
}

/* Corpus rows of document d (row_doc, row_start and the four columns). */
static coda_status fill_doc(coda_pj_run *c, const coda_table *docs, size_t d,
                            const coda_pj_units *u, size_t *row)
{
    const char *t = docs->cols[2].v.s.p[d];
    coda_table *ct = c->corpus;
    coda_status s = CODA_OK;
    for (size_t k = 0; k < u->n && s == CODA_OK; k++, (*row)++) {
        c->row_doc[*row] = d;
        c->row_start[*row] = u->start[k];
        ct->cols[1].v.i[*row] = (int64_t)k + 1;
        s = coda_table_set_string(ct, 0, *row, docs->cols[1].v.s.p[d],
                                  docs->cols[1].v.s.len[d]);
        if (s == CODA_OK)
            s = u->has_speaker[k]
                ? coda_table_set_string(ct, 2, *row, t + u->spk_start[k],
                                        u->spk_len[k])
                : coda_table_set_missing(ct, 2, *row);
        if (s == CODA_OK)
            s = coda_table_set_string(ct, 3, *row, t + u->start[k],
                                      u->end[k] - u->start[k]);
    }
    return s;
}

static coda_status make_corpus(coda_pj_run *c, size_t n)
{
    static const char *const names[] = { "doc", "unit", "speaker", "text" };
    c->row_doc = coda_calloc(n ? n : 1, sizeof *c->row_doc);
    c->row_start = coda_calloc(n ? n : 1, sizeof *c->row_start);
    coda_status s = c->row_doc && c->row_start
                        ? coda_table_create(n, 4, &c->corpus) : CODA_ENOMEM;
    for (size_t k = 0; k < 4 && s == CODA_OK; k++)
        s = coda_table_init_column(c->corpus, k, names[k],
                                   k == 1 ? CODA_INTEGER : CODA_STRING);
    return s;
}

coda_status coda_pj_units_corpus(const coda_table *docs, size_t d0, size_t d1,
                                 const char *unit, coda_pj_run *c,
                                 coda_error *err)
{
    size_t nd = d1 - d0, n = 0, row = 0;
    coda_pj_units *u = coda_calloc(nd ? nd : 1, sizeof *u);
    coda_status s = u ? CODA_OK : coda_error_nomem(err);
    for (size_t d = 0; d < nd && s == CODA_OK; d++) {
        const coda_column *text = &docs->cols[2];
        s = coda_pj_units_split(text->v.s.p[d0 + d], text->v.s.len[d0 + d],
                                unit, &u[d], err);
        n += u[d].n;
    }
    if (s == CODA_OK && make_corpus(c, n) != CODA_OK)
        s = coda_error_nomem(err);
    for (size_t d = 0; d < nd && s == CODA_OK; d++)
        if (fill_doc(c, docs, d0 + d, &u[d], &row) != CODA_OK)
            s = coda_error_nomem(err);
    for (size_t d = 0; u && d < nd; d++)
        coda_pj_units_free(&u[d]);
    coda_free(u);
    if (s != CODA_OK)
        coda_pj_chunk_free(c);
    return s;
}

void coda_pj_chunk_free(coda_pj_run *r)
{
    coda_table_free(r->corpus);
    coda_table_free(r->seg);
    coda_free(r->row_doc);
    coda_free(r->row_start);
    r->corpus = r->seg = NULL;
    r->row_doc = r->row_start = NULL;
}

void coda_pj_run_free(coda_pj_run *r)
{
    coda_table_free(r->docs);
    coda_pj_chunk_free(r);
}
