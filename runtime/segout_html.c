/* segout_html.c - coded segments as static HTML review pages: the plan's
 * pages each to its own file, then the index, or one page alone. */
#include "segout_int.h"

#include "base_alloc.h"
#include "base_inputs.h"
#include "base_outfile.h"

#include <stdio.h>

/* Start writing o's file through rv's buffer. */
static coda_wbuf *buffer(const coda_segout_plan *rv, coda_outfile *o)
{
    rv->w->fp = o->fp;
    rv->w->n = 0;
    return rv->w;
}

/* Flush the buffer and commit o, or abort o after a failure. */
static coda_status finish(const coda_segout_plan *rv, coda_outfile *o, coda_status st,
                          coda_error *err)
{
    coda_wbuf_flush(rv->w);
    if (st == CODA_OK)
        return coda_outfile_commit(o, err);
    coda_outfile_abort(o);
    return st;
}

/* The file name of page i into path[4096]; CODA_EARG when too long, or
 * when the file is one this run read. */
static coda_status page_path(const coda_segout_plan *rv, size_t i, char *path,
                             coda_error *err)
{
    if (coda_segout_page_name(rv->path, i, rv->npages, path, 4096) >= 4096)
        return coda_error_set(err, CODA_EARG, rv->path, 0, 0, "the name of "
                              "a page would be too long");
    return coda_input_check_output(path, err);
}

/* Page i to its own file. */
static coda_status write_page(const coda_segout_plan *rv, coda_marker *m, size_t i,
                              coda_error *err)
{
    char path[4096];
    coda_outfile o;
    coda_status st = page_path(rv, i, path, err);
    if (st == CODA_OK)
        st = coda_outfile_open(&o, path, err);
    if (st != CODA_OK)
        return st;
    return finish(rv, &o, coda_segout_page(buffer(rv, &o), rv, m, i, err), err);
}

/* Every page, then the index into o (already open). */
static coda_status write_pages(const coda_segout_plan *rv, coda_outfile *o,
                               coda_error *err)
{
    coda_marker m;
    coda_status st = coda_marker_init(&m, rv->names, rv->ncodes, err);
    if (st == CODA_OK && rv->npages > 1 && !o->tmp)
        st = coda_error_set(err, CODA_EARG, rv->path, 0, 0, "the review "
                            "takes %zu pages, which cannot go to a stream; "
                            "write it to a file", rv->npages);
    char path[4096];            /* no page over an input, before any is written */
    for (size_t i = 1; rv->npages > 1 && i <= rv->npages && st == CODA_OK; i++)
        st = page_path(rv, i, path, err);
    for (size_t i = 1; rv->npages > 1 && i <= rv->npages && st == CODA_OK; i++)
        st = write_page(rv, &m, i, err);
    if (st == CODA_OK && rv->npages == 1)
        st = coda_segout_page(buffer(rv, o), rv, &m, 1, err);
    else if (st == CODA_OK)
        coda_segout_index(buffer(rv, o), rv);
    coda_marker_free(&m);
    return st;
}

coda_status coda_segout_html(const coda_table *seg, const coda_table *corpus,
                             const coda_codebook *cb,
                             const coda_segout_html_opts *o, const char *path,
                             size_t *npages, coda_error *err)
{
    coda_segout_plan rv = { .cb = cb, .o = o, .path = path };
    coda_outfile out;
    coda_status st = coda_segview_open(&rv.v, seg, corpus, err);
    if (st == CODA_OK)
        st = coda_segout_plan_make(&rv, err);
    if (st == CODA_OK)
        st = coda_outfile_open(&out, path, err);
    if (st == CODA_OK) {
        rv.w->fp = out.fp;
        st = finish(&rv, &out, write_pages(&rv, &out, err), err);
    }
    if (npages)
        *npages = st == CODA_OK ? rv.npages : 0;
    coda_segout_plan_free(&rv);
    return st;
}
