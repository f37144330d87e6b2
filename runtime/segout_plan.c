/* segout_plan.c - a batch of segments made ready to be marked in its
 * corpus: each segment checked against its unit and its code found, the
 * segments grouped by unit; and the names of a review's pages. */
#include "segout_int.h"

#include "base_alloc.h"

#include <stdio.h>
#include <string.h>

void coda_segout_plan_free(coda_segout_plan *rv)
{
    coda_segview_close(&rv->v);
    coda_free(rv->code);
    coda_free(rv->first);
    coda_free(rv->order);
}

/* The codebook index of segment r's code. */
static coda_status code_of(const coda_segout_plan *rv, size_t r, uint32_t *out,
                           coda_error *err)
{
    size_t len;
    const char *name = coda_segview_str(rv->v.code, r, &len);
    long i = strlen(name) == len ? coda_codebook_find(rv->cb, name) : -1;
    if (i < 0)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "segment %zu: code "
                              "\"%.*s\" is not in the codebook", r + 1,
                              coda_clip(name, 200), name);
    *out = (uint32_t)i;
    return CODA_OK;
}

/* Segment r's unit (checked) and code: one look-up a run of one code. */
static coda_status resolve(coda_segout_plan *rv, size_t r, size_t *row, coda_error *err)
{
    coda_segspan sp;
    coda_status st = coda_segview_span(&rv->v, r, &sp, err);
    if (st != CODA_OK)
        return st;
    *row = sp.row;
    size_t len;
    const char *name = coda_segview_str(rv->v.code, r, &len);
    uint32_t last = r ? rv->code[r - 1] : 0;
    if (r && strlen(rv->names[last]) == len && !memcmp(name, rv->names[last], len)) {
        rv->code[r] = last;
        return CODA_OK;
    }
    return code_of(rv, r, &rv->code[r], err);
}

/* Each segment's code and unit, and the segments grouped by unit. */
static coda_status group(coda_segout_plan *rv, coda_error *err)
{
    size_t nseg = rv->v.seg->nrow, nrow = rv->v.corpus->nrow;
    size_t *row = coda_calloc(nseg ? nseg : 1, sizeof *row);
    rv->code = coda_calloc(nseg ? nseg : 1, sizeof *rv->code);
    rv->first = coda_calloc(nrow + 2, sizeof *rv->first);
    rv->order = coda_calloc(nseg ? nseg : 1, sizeof *rv->order);
    coda_status st = row && rv->code && rv->first && rv->order
                   ? CODA_OK : coda_error_nomem(err);
    for (size_t r = 0; r < nseg && st == CODA_OK; r++)
        if ((st = resolve(rv, r, &row[r], err)) == CODA_OK)
            rv->first[row[r] + 2]++;
    for (size_t r = 0; r < nrow && st == CODA_OK; r++)
        rv->first[r + 2] += rv->first[r + 1];
    for (size_t r = 0; r < nseg && st == CODA_OK; r++)
        rv->order[rv->first[row[r] + 1]++] = r;
    coda_free(row);
    return st;
}

coda_status coda_segout_plan_make(coda_segout_plan *rv, coda_error *err)
{
    return group(rv, err);
}

const char *coda_segout_plan_doc(const coda_segout_plan *rv, size_t r)
{
    size_t len;
    return coda_segview_str(rv->v.cdoc, r, &len);
}

size_t coda_segout_page_name(const char *path, size_t i, size_t n, char *buf,
                             size_t size)
{
    size_t len = strlen(path), digits = 1;
    for (size_t k = n; k >= 10; k /= 10)
        digits++;
    if (len > 5 && !strcmp(path + len - 5, ".html"))
        len -= 5;
    else if (len > 4 && !strcmp(path + len - 4, ".htm"))
        len -= 4;
    int w = snprintf(buf, size, "%.*s-%0*zu.html", (int)len, path, (int)digits,
                     i);
    return w < 0 ? 0 : (size_t)w;
}
