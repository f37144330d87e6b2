/* csv_partcol.c - one part's column arrays (typing, growing, freeing) and
 * its failure record: what the parser's callbacks (csv_part.c) and the
 * values they store (csv_store.c) both use. */
#include "csv_int.h"

#include "base_alloc.h"

#include <string.h>

void part_fail(part *p, coda_status code, long line, size_t field,
               const char *what)
{
    const col_spec *sp = field < p->ctx->ncol ? &p->ctx->spec[field] : NULL;
    if (sp)
        coda_error_set(&p->err, code, p->ctx->name, line, (long)field + 1,
                       "column \"%s\" (field %zu): %s", sp->name, field + 1,
                       what);
    else
        coda_error_set(&p->err, code, p->ctx->name, line, 0, "%s", what);
    p->stop = 1;
}

void part_oom(part *p)
{
    coda_error_nomem(&p->err);
    p->err.line = p->line;
    p->stop = 1;
}

/* Bytes of one value for a column type (0 for untyped). */
static size_t width(int type)
{
    switch (type) {
    case CODA_INTEGER: case CODA_NUMBER: return 8;
    case CODA_BOOLEAN: return 1;
    default: return 0;
    }
}

int part_col_grow(part_col *c, size_t cap)
{
    uint8_t *m = coda_realloc(c->missing, cap);
    if (!m)
        return 0;
    c->missing = m;
    if (c->type == CODA_STRING) {
        const char **sp = coda_reallocarray(c->v.s.p, cap, sizeof *sp);
        if (!sp)
            return 0;
        c->v.s.p = sp;
        uint32_t *len = coda_reallocarray(c->v.s.len, cap, sizeof *len);
        if (!len)
            return 0;
        c->v.s.len = len;
    } else if (c->type == CODA_MULTI) {
        uint64_t *off = coda_reallocarray(c->v.m.off, cap + 1, sizeof *off);
        if (!off)
            return 0;
        c->v.m.off = off;
    } else if (width(c->type)) {
        void *v = coda_reallocarray(c->v.i, cap, width(c->type));
        if (!v)
            return 0;
        c->v.i = v;
    }
    return 1;
}

/* Give an untyped column its first type: arrays for cap rows, zero values
 * for the rows before (all missing). */
int part_set_type(part *p, part_col *c, int type)
{
    c->type = type;
    if (type == CODA_STRING) {
        c->v.s.p = coda_calloc(p->cap, sizeof *c->v.s.p);
        c->v.s.len = coda_calloc(p->cap, sizeof *c->v.s.len);
        if (!c->v.s.p || !c->v.s.len)      /* dedup: made when needed */
            return 0;
        for (size_t r = 0; r < p->nrow; r++)
            c->v.s.p[r] = "";
        return 1;
    }
    if (type == CODA_MULTI) {
        c->v.m.off = coda_calloc(p->cap + 1, sizeof *c->v.m.off);
        c->v.m.labels = coda_labels_new();
        return c->v.m.off && c->v.m.labels;
    }
    c->v.i = coda_calloc(p->cap, width(type));
    return c->v.i != NULL;
}

void part_col_free(part_col *pc)
{
    coda_free(pc->missing);
    if (pc->type == CODA_STRING) {
        coda_free(pc->v.s.p);
        coda_free(pc->v.s.len);
        coda_free(pc->v.s.dedup);
    } else if (pc->type == CODA_MULTI) {
        coda_free(pc->v.m.off);
        coda_free(pc->v.m.ids);
        coda_free(pc->v.m.cache);
        coda_labels_unref(pc->v.m.labels);
    } else {
        coda_free(pc->v.i);
    }
    memset(pc, 0, sizeof *pc);
    pc->type = TYPE_UNKNOWN;
}
