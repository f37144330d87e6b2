/* coder_build.c - the segments Dataset from the segments the jobs found:
 * doc, speaker and code strings are shared, only the match text is copied. */
#include "coder_int.h"

#include "base_alloc.h"

#include <string.h>

static const char *const seg_cols[] = { "doc", "unit", "speaker", "code",
                                        "start", "stop", "match" };
static const coda_type seg_types[] = { CODA_STRING, CODA_INTEGER,
                                       CODA_STRING, CODA_STRING, CODA_INTEGER,
                                       CODA_INTEGER, CODA_STRING };

static coda_status make_table(const run *ru, size_t n, coda_table **out)
{
    coda_table *t = NULL;
    coda_status st = coda_table_create(n, 7, &t);
    for (size_t c = 0; c < 7 && st == CODA_OK; c++)
        st = coda_table_init_column(t, c, seg_cols[c], seg_types[c]);
    for (size_t i = 0; i < ru->t->npools && st == CODA_OK; i++)
        st = coda_table_add_pool(t, ru->t->pools[i]);
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

/* Share the corpus's string (row r of column c) as row o of column oc. */
static void share(coda_table *t, size_t oc, size_t o, const coda_table *src,
                  long c, size_t r)
{
    const coda_column *sc = &src->cols[c];
    t->cols[oc].v.s.p[o] = sc->v.s.p[r];
    t->cols[oc].v.s.len[o] = sc->v.s.len[r];
}

static coda_status fill(const run *ru, coda_table *t, size_t o, const seg *s,
                        const char **names, uint32_t *lens)
{
    const coda_table *c = ru->t;
    coda_status st = CODA_OK;
    share(t, 0, o, c, ru->doc, s->row);
    t->cols[1].v.i[o] = c->cols[ru->unit].v.i[s->row];
    if (ru->speaker < 0 || coda_is_missing(&c->cols[ru->speaker], s->row))
        st = coda_table_set_missing(t, 2, o);
    else
        share(t, 2, o, c, ru->speaker, s->row);
    if (st == CODA_OK && !names[s->code]) {
        const char *name = ru->view[s->code].name;
        st = coda_table_set_string(t, 3, o, name, strlen(name));
        names[s->code] = t->cols[3].v.s.p[o];
        lens[s->code] = t->cols[3].v.s.len[o];
    }
    t->cols[3].v.s.p[o] = names[s->code];
    t->cols[3].v.s.len[o] = lens[s->code];
    t->cols[4].v.i[o] = (int64_t)s->start + 1;
    t->cols[5].v.i[o] = (int64_t)s->end;
    if (st == CODA_OK)
        st = coda_table_set_string(t, 6, o, c->cols[ru->text].v.s.p[s->row] +
                                   s->start, s->end - s->start);
    return st;
}

coda_status coder_build(const run *ru, const job *jobs, size_t nj,
                        coda_table **out, coda_error *err)
{
    size_t n = 0, o = 0, ncb = coda_codebook_size(ru->cb);
    for (size_t i = 0; i < nj; i++)
        n += jobs[i].n;
    const char **names = coda_calloc(ncb ? ncb : 1, sizeof *names);
    uint32_t *lens = coda_calloc(ncb ? ncb : 1, sizeof *lens);
    coda_table *t = NULL;
    coda_status st = names && lens ? make_table(ru, n, &t) : CODA_ENOMEM;
    for (size_t i = 0; i < nj && st == CODA_OK; i++)
        for (size_t k = 0; k < jobs[i].n && st == CODA_OK; k++)
            st = fill(ru, t, o++, &jobs[i].segs[k], names, lens);
    coda_free(names);
    coda_free(lens);
    if (st != CODA_OK) {
        coda_table_free(t);
        return coda_error_nomem(err);
    }
    *out = t;
    return CODA_OK;
}
