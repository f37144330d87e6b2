/* segout_hspool.c - review pages made batch by batch: each batch's units,
 * their segments marked, go to a scratch file in corpus order and are cut
 * into pages of whole units as they come, a page closed by the unit that
 * brings its text to page_bytes; what the pages' heads need (their
 * number, counts, first and last documents) is kept, and the pages are
 * written out at the end (segout_html.c). */
#include "segout_int.h"

#include "base_alloc.h"
#include "base_outfile.h"

#include <stdio.h>
#include <string.h>

void coda_segout_html_opts_init(coda_segout_html_opts *o)
{
    o->page_bytes = 256 * 1024;
    o->title = "Coded transcripts";
}

coda_status coda_html_spool_open(coda_html_spool *k, const coda_codebook *cb,
                                 const coda_segout_html_opts *o,
                                 coda_error *err)
{
    memset(k, 0, sizeof *k);
    k->cb = cb;
    k->o = *o;
    k->ncodes = coda_codebook_size(cb);
    k->names = coda_calloc(k->ncodes + 1, sizeof *k->names);
    k->count = coda_calloc(k->ncodes + 1, sizeof *k->count);
    coda_status st = k->names && k->count ? CODA_OK : coda_error_nomem(err);
    for (size_t i = 0; st == CODA_OK && i < k->ncodes; i++) {
        coda_code_info info;
        coda_codebook_info(cb, i, &info);
        k->names[i] = info.name;
    }
    if (st == CODA_OK)
        st = coda_marker_init(&k->m, k->names, k->ncodes, err);
    if (st == CODA_OK)
        st = coda_scratch_open(&k->fp, err);
    if (st == CODA_OK && !(k->w = coda_wbuf_new(k->fp)))
        st = coda_error_nomem(err);
    if (st != CODA_OK)
        coda_html_spool_free(k);
    return st;
}

void coda_html_spool_free(coda_html_spool *k)
{
    for (size_t i = 0; i < k->npages; i++) {
        coda_free(k->pages[i].first);
        coda_free(k->pages[i].last);
    }
    coda_free(k->pages);
    coda_free(k->names);
    coda_free(k->count);
    coda_free(k->prev);
    coda_free(k->w);
    coda_marker_free(&k->m);
    if (k->fp)
        fclose(k->fp);
    memset(k, 0, sizeof *k);
}

/* Where the next byte of the scratch file goes. */
static long long spool_at(const coda_html_spool *k)
{
    return (long long)ftello(k->fp) + (long long)k->w->n;
}

/* A new page, its first unit of document doc next. */
static coda_status open_page(coda_html_spool *k, const char *doc,
                             coda_error *err)
{
    if (k->npages == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 16;
        coda_page_info *g = coda_reallocarray(k->pages, cap, sizeof *g);
        if (!g)
            return coda_error_nomem(err);
        k->pages = g;
        k->cap = cap;
    }
    coda_page_info *p = &k->pages[k->npages];
    memset(p, 0, sizeof *p);
    if (!(p->first = coda_strndup(doc, strlen(doc))))
        return coda_error_nomem(err);
    p->off = spool_at(k);
    k->npages++;
    k->open = 1;
    k->full = 0;
    k->fill = 0;
    return CODA_OK;
}

/* End the last page: its section closed, its last document kept. */
static coda_status close_page(coda_html_spool *k, coda_error *err)
{
    coda_page_info *p = &k->pages[k->npages - 1];
    if (p->units)
        coda_wbuf_puts(k->w, "</section>\n");
    p->end = spool_at(k);
    k->open = 0;
    const char *last = k->prev ? k->prev : p->first;
    return (p->last = coda_strndup(last, strlen(last))) ? CODA_OK
                                                        : coda_error_nomem(err);
}

/* The document of the last unit, now doc. */
static coda_status set_prev(coda_html_spool *k, const char *doc,
                            coda_error *err)
{
    if (k->prev && !strcmp(k->prev, doc))
        return CODA_OK;
    coda_free(k->prev);
    k->prev = coda_strndup(doc, strlen(doc));
    return k->prev ? CODA_OK : coda_error_nomem(err);
}

/* Corpus row r of rv onto the pages. */
static coda_status put_row(coda_html_spool *k, const coda_segout_plan *rv,
                           size_t r, coda_error *err)
{
    const char *doc = coda_segout_plan_doc(rv, r);
    coda_status st = k->open && k->full ? close_page(k, err) : CODA_OK;
    if (st == CODA_OK && !k->open)
        st = open_page(k, doc, err);
    if (st != CODA_OK)
        return st;
    coda_page_info *p = &k->pages[k->npages - 1];
    int first = p->units == 0, same = k->prev && !strcmp(doc, k->prev);
    if (first || !same)
        coda_segout_section(k->w, doc, first, first && same);
    st = coda_segout_unit(k->w, rv, &k->m, r, err);
    size_t len;
    coda_segview_str(rv->v.ctext, r, &len);
    p->units++;
    p->segs += rv->first[r + 1] - rv->first[r];
    k->fill += len;
    k->full = k->fill >= k->o.page_bytes;
    return st == CODA_OK ? set_prev(k, doc, err) : st;
}

coda_status coda_html_spool_add(coda_html_spool *k, const coda_table *seg,
                                const coda_table *corpus, coda_error *err)
{
    coda_segout_plan rv = { .cb = k->cb, .names = k->names,
                            .ncodes = k->ncodes };
    coda_status st = coda_segview_open(&rv.v, seg, corpus, err);
    if (st != CODA_OK)
        return st;
    st = coda_segout_plan_make(&rv, err);
    for (size_t r = 0; st == CODA_OK && r < corpus->nrow; r++)
        st = put_row(k, &rv, r, err);
    for (size_t r = 0; st == CODA_OK && r < seg->nrow; r++)
        k->count[rv.code[r]]++;
    if (st == CODA_OK) {
        k->nseg += seg->nrow;
        k->nunits += corpus->nrow;
    }
    coda_segout_plan_free(&rv);
    return st;
}

coda_status coda_html_spool_end(coda_html_spool *k, coda_error *err)
{
    coda_status st = CODA_OK;
    if (k->npages == 0)
        st = open_page(k, "", err);
    if (st == CODA_OK && k->open)
        st = close_page(k, err);
    coda_wbuf_flush(k->w);
    if (st == CODA_OK && (ferror(k->fp) || fflush(k->fp) != 0))
        st = coda_error_set(err, CODA_EIO, NULL, 0, 0, "cannot write the "
                            "review's temporary file");
    return st;
}
