/* segout_html.c - coded segments as static HTML review pages: the pages
 * made (segout_hspool.c) each written to its own file, then the index, or
 * one page alone. */
#include "segout_int.h"

#include "base_alloc.h"
#include "base_inputs.h"
#include "base_outfile.h"

#include <stdio.h>

/* The file name of page i into path[4096]; CODA_EARG when too long, or
 * when the file is one this run read. */
static coda_status page_path(const coda_html_spool *k, const char *base,
                             size_t i, char *path, coda_error *err)
{
    if (coda_segout_page_name(base, i, k->npages, path, 4096) >= 4096)
        return coda_error_set(err, CODA_EARG, base, 0, 0, "the name of a "
                              "page would be too long");
    return coda_input_check_output(path, err);
}

/* Page i (its units copied from the scratch file) into o, committed. */
static coda_status write_page(const coda_html_spool *k, const char *base,
                              size_t i, coda_outfile *o, coda_error *err)
{
    const coda_page_info *p = &k->pages[i - 1];
    coda_wbuf *w = coda_wbuf_new(o->fp);
    coda_status st = w ? CODA_OK : coda_error_nomem(err);
    if (st == CODA_OK && fseeko(k->fp, (off_t)p->off, SEEK_SET) != 0)
        st = coda_error_set(err, CODA_EIO, NULL, 0, 0, "cannot read the "
                            "review's temporary file");
    if (st == CODA_OK) {
        coda_segout_page_head(w, k, base, i);
        coda_wbuf_flush(w);
        char buf[1 << 16];
        for (long long left = p->end - p->off; left > 0 && st == CODA_OK;) {
            size_t n = fread(buf, 1, left < (long long)sizeof buf
                                     ? (size_t)left : sizeof buf, k->fp);
            if (n == 0)
                st = coda_error_set(err, CODA_EIO, NULL, 0, 0, "cannot read "
                                    "the review's temporary file");
            coda_wbuf_add(w, buf, n);
            left -= (long long)n;
        }
        coda_segout_page_foot(w, k, base, i);
        coda_wbuf_flush(w);
    }
    coda_free(w);
    if (st != CODA_OK) {
        coda_outfile_abort(o);
        return st;
    }
    return coda_outfile_commit(o, err);
}

/* Every page to its own file, checked first, then the index into out. */
static coda_status write_pages(const coda_html_spool *k, coda_outfile *out,
                               const char *base, coda_error *err)
{
    char path[4096];            /* no page over an input, before any is written */
    coda_status st = CODA_OK;
    if (!out->tmp)
        st = coda_error_set(err, CODA_EARG, base, 0, 0, "the review takes "
                            "%zu pages, which cannot go to a stream; write it "
                            "to a file", k->npages);
    for (size_t i = 1; i <= k->npages && st == CODA_OK; i++)
        st = page_path(k, base, i, path, err);
    for (size_t i = 1; i <= k->npages && st == CODA_OK; i++) {
        coda_outfile o;
        st = page_path(k, base, i, path, err);
        if (st == CODA_OK)
            st = coda_outfile_open(&o, path, err);
        if (st == CODA_OK)
            st = write_page(k, base, i, &o, err);
    }
    coda_wbuf *w = st == CODA_OK ? coda_wbuf_new(out->fp) : NULL;
    if (st == CODA_OK && !w)
        st = coda_error_nomem(err);
    if (st == CODA_OK) {
        coda_segout_index(w, k, base);
        coda_wbuf_flush(w);
    }
    coda_free(w);
    if (st != CODA_OK) {
        coda_outfile_abort(out);
        return st;
    }
    return coda_outfile_commit(out, err);
}

coda_status coda_html_spool_commit(coda_html_spool *k, coda_outfile *out,
                                   const char *path, size_t *npages,
                                   coda_error *err)
{
    coda_status st = coda_html_spool_end(k, err);
    if (st != CODA_OK)
        coda_outfile_abort(out);
    else if (k->npages == 1)
        st = write_page(k, path, 1, out, err);
    else
        st = write_pages(k, out, path, err);
    if (npages)
        *npages = st == CODA_OK ? k->npages : 0;
    return st;
}

coda_status coda_segout_html(const coda_table *seg, const coda_table *corpus,
                             const coda_codebook *cb,
                             const coda_segout_html_opts *o, const char *path,
                             size_t *npages, coda_error *err)
{
    coda_html_spool k;
    coda_outfile out;
    coda_status st = coda_html_spool_open(&k, cb, o, err);
    if (st != CODA_OK)
        return st;
    st = coda_html_spool_add(&k, seg, corpus, err);
    if (st == CODA_OK)
        st = coda_outfile_open(&out, path, err);
    if (st == CODA_OK)
        st = coda_html_spool_commit(&k, &out, path, npages, err);
    else if (npages)
        *npages = 0;
    coda_html_spool_free(&k);
    return st;
}
