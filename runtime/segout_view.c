/* segout_view.c - the segment writers' view of a segment Dataset beside
 * its corpus: columns checked once, units found by hash. */
#include "segout_int.h"

#include "base_alloc.h"

#include <inttypes.h>
#include <string.h>

const char *coda_segview_str(const coda_column *c, size_t r, size_t *len)
{
    if (!c || coda_is_missing(c, r)) {
        *len = 0;
        return "";
    }
    *len = c->v.s.len[r];
    return c->v.s.p[r];
}

/* Column name of t, of type; NULL (and an error unless optional) when
 * absent or of another type. */
static const coda_column *column(const coda_table *t, const char *what,
                                 const char *name, coda_type type,
                                 int optional, coda_error *err)
{
    long c = coda_table_find(t, name);
    if (c >= 0 && t->cols[c].type == type)
        return &t->cols[c];
    if (c < 0 && optional)
        return NULL;
    coda_error_set(err, CODA_EARG, NULL, 0, 0, "the %s need %s column "
                   "\"%s\"", what, type == CODA_STRING ? "a string"
                   : "an integer", name);
    return NULL;
}

static coda_status find_columns(coda_segview *v, coda_error *err)
{
    const coda_table *s = v->seg, *c = v->corpus;
    const char *sw = "segments", *cw = "corpus's units";
    if (!(v->doc = column(s, sw, "doc", CODA_STRING, 0, err)) ||
        !(v->unit = column(s, sw, "unit", CODA_INTEGER, 0, err)) ||
        !(v->code = column(s, sw, "code", CODA_STRING, 0, err)) ||
        !(v->start = column(s, sw, "start", CODA_INTEGER, 0, err)) ||
        !(v->stop = column(s, sw, "stop", CODA_INTEGER, 0, err)) ||
        !(v->cdoc = column(c, cw, "doc", CODA_STRING, 0, err)) ||
        !(v->cunit = column(c, cw, "unit", CODA_INTEGER, 0, err)) ||
        !(v->ctext = column(c, cw, "text", CODA_STRING, 0, err)))
        return CODA_EARG;
    v->speaker = column(s, sw, "speaker", CODA_STRING, 1, err);
    v->match = column(s, sw, "match", CODA_STRING, 1, err);
    v->cspeaker = column(c, cw, "speaker", CODA_STRING, 1, err);
    coda_error_clear(err);
    return CODA_OK;
}

size_t coda_segview_hash(const char *s, size_t len, int64_t unit)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
    h ^= (uint64_t)unit * 0x9e3779b97f4a7c15u;
    return (size_t)(h ^ (h >> 29));
}

/* The slot of (doc, unit): where its corpus row is, or the empty slot
 * where it would go. */
static size_t slot_of(const coda_segview *v, const char *doc, size_t len,
                      int64_t unit)
{
    size_t i = coda_segview_hash(doc, len, unit) & v->mask;
    for (;; i = (i + 1) & v->mask) {
        size_t row = v->slots[i];
        if (!row)
            return i;
        row--;
        if (v->cunit->v.i[row] == unit && v->cdoc->v.s.len[row] == len &&
            !memcmp(v->cdoc->v.s.p[row], doc, len))
            return i;
    }
}

static coda_status index_units(coda_segview *v, coda_error *err)
{
    size_t n = v->corpus->nrow, cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    if (!(v->slots = coda_calloc(cap, sizeof *v->slots)))
        return coda_error_nomem(err);
    v->mask = cap - 1;
    for (size_t r = 0; r < n; r++) {
        if (coda_is_missing(v->cdoc, r) || coda_is_missing(v->cunit, r))
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "unit %zu of "
                                  "the corpus has no doc or unit", r + 1);
        size_t i = slot_of(v, v->cdoc->v.s.p[r], v->cdoc->v.s.len[r],
                           v->cunit->v.i[r]);
        if (v->slots[i])
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "the corpus "
                                  "holds unit %" PRId64 " of \"%s\" twice",
                                  v->cunit->v.i[r], v->cdoc->v.s.p[r]);
        v->slots[i] = r + 1;
    }
    return CODA_OK;
}

coda_status coda_segview_open(coda_segview *v, const coda_table *seg,
                              const coda_table *corpus, coda_error *err)
{
    memset(v, 0, sizeof *v);
    v->seg = seg;
    v->corpus = corpus;
    coda_status st = find_columns(v, err);
    if (st == CODA_OK)
        st = index_units(v, err);
    if (st != CODA_OK)
        coda_segview_close(v);
    return st;
}

void coda_segview_close(coda_segview *v)
{
    coda_free(v->slots);
    v->slots = NULL;
}

static int on_char(const char *text, size_t len, size_t at)
{
    return at == len || ((unsigned char)text[at] & 0xC0) != 0x80;
}

static coda_status bad(const coda_segview *v, size_t r, const char *what,
                       coda_error *err)
{
    size_t len;
    const char *doc = coda_segview_str(v->doc, r, &len);
    return coda_error_set(err, CODA_EARG, NULL, 0, 0, "segment %zu (%.*s, "
                          "unit %" PRId64 "): %s", r + 1, coda_clip(doc, 200),
                          doc, v->unit->v.i[r], what);
}

/* 1 when corpus row c is segment r's unit. */
static int is_unit(const coda_segview *v, size_t r, size_t c)
{
    return c < v->corpus->nrow && v->cunit->v.i[c] == v->unit->v.i[r] &&
           v->cdoc->v.s.len[c] == v->doc->v.s.len[r] &&
           !memcmp(v->cdoc->v.s.p[c], v->doc->v.s.p[r], v->doc->v.s.len[r]);
}

/* Segment r's corpus row: the last one's or the next, else by hash. */
static int find_unit(coda_segview *v, size_t r, size_t *row)
{
    if (is_unit(v, r, v->hint) || is_unit(v, r, ++v->hint)) {
        *row = v->hint;
        return 1;
    }
    size_t i = slot_of(v, v->doc->v.s.p[r], v->doc->v.s.len[r],
                       v->unit->v.i[r]);
    if (!v->slots[i])
        return 0;
    *row = v->hint = v->slots[i] - 1;
    return 1;
}

coda_status coda_segview_span(coda_segview *v, size_t r, coda_segspan *sp,
                              coda_error *err)
{
    if (coda_is_missing(v->doc, r) || coda_is_missing(v->unit, r) ||
        coda_is_missing(v->start, r) || coda_is_missing(v->stop, r))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "segment %zu has "
                              "no doc, unit, start or stop", r + 1);
    if (!find_unit(v, r, &sp->row))
        return bad(v, r, "no such unit in the corpus", err);
    sp->text = v->ctext->v.s.p[sp->row];
    sp->len = coda_is_missing(v->ctext, sp->row) ? 0 : v->ctext->v.s.len[sp->row];
    int64_t a = v->start->v.i[r], b = v->stop->v.i[r];
    if (a < 1 || b < a - 1 || (uint64_t)b > sp->len)
        return bad(v, r, "start and stop are not a span of the unit's text",
                   err);
    sp->a = (size_t)a - 1;
    sp->b = (size_t)b;
    if (!on_char(sp->text, sp->len, sp->a) || !on_char(sp->text, sp->len, sp->b))
        return bad(v, r, "start or stop falls inside a character", err);
    size_t mlen;
    const char *m = coda_segview_str(v->match, r, &mlen);
    if (v->match && !coda_is_missing(v->match, r) &&
        (mlen != sp->b - sp->a || memcmp(m, sp->text + sp->a, mlen)))
        return bad(v, r, "the match is not the unit's text at start..stop "
                   "(was the corpus read with the options it was coded with?)",
                   err);
    return CODA_OK;
}
