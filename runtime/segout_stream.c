/* segout_stream.c - coded segments written batch by batch into one output
 * file: each batch's segments appended as it is coded, the file renamed
 * into place when the last is in (base_outfile.h), so that a run that
 * fails leaves the old file as it was. */
#include "segout_int.h"

#include "base_alloc.h"
#include "base_outfile.h"
#include "csv_io.h"
#include "writers.h"

#include <string.h>

struct coda_segout_stream {
    coda_segout_format format;
    coda_outfile out;
    char *path;                 /* html: the pages go beside it */
    coda_wbuf *wb;              /* jsonl: the buffer in front of out */
    coda_kwic_spool kwic;       /* kwic: the lines held back */
    coda_html_spool html;       /* html: the pages held back */
    size_t batches;
};

void coda_segout_stream_opts_init(coda_segout_stream_opts *o)
{
    coda_segout_kwic_opts_init(&o->kwic);
    coda_segout_html_opts_init(&o->html);
    o->cb = NULL;
}

/* The writer of format f's scratch or buffer, its file open. */
static coda_status start(coda_segout_stream *w, const char *path,
                         const coda_segout_stream_opts *o, coda_error *err)
{
    switch (w->format) {
    case CODA_SEGOUT_JSONL:
        return (w->wb = coda_wbuf_new(w->out.fp)) ? CODA_OK
                                                  : coda_error_nomem(err);
    case CODA_SEGOUT_KWIC:
        return coda_kwic_spool_open(&w->kwic, o->kwic.context, err);
    case CODA_SEGOUT_HTML:
        if (!(w->path = coda_strndup(path, strlen(path))))
            return coda_error_nomem(err);
        return coda_html_spool_open(&w->html, o->cb, &o->html, err);
    default:
        return CODA_OK;
    }
}

coda_status coda_segout_open(const char *path, coda_segout_format f,
                             const coda_segout_stream_opts *o,
                             coda_segout_stream **out, coda_error *err)
{
    coda_segout_stream_opts def;
    if (!o)
        coda_segout_stream_opts_init(&def), o = &def;
    if (f == CODA_SEGOUT_HTML && !o->cb)
        return coda_error_set(err, CODA_EARG, path, 0, 0, "review pages "
                              "need the codebook the segments were coded "
                              "with");
    coda_segout_stream *w = coda_calloc(1, sizeof *w);
    if (!w)
        return coda_error_nomem(err);
    w->format = f;
    coda_status st = coda_outfile_open(&w->out, path, err);
    if (st != CODA_OK) {
        coda_free(w);
        return st;
    }
    setvbuf(w->out.fp, NULL, _IOFBF, 1 << 20);
    if ((st = start(w, path, o, err)) != CODA_OK) {
        coda_segout_abort(w);
        return st;
    }
    *out = w;
    return CODA_OK;
}

coda_status coda_segout_add(coda_segout_stream *w, const coda_table *seg,
                            const coda_table *corpus, coda_error *err)
{
    coda_status st = CODA_OK;
    if (w->format == CODA_SEGOUT_CSV)
        st = coda_csv_write_fp(seg, w->out.fp, NULL, w->batches == 0, err);
    else if (w->format == CODA_SEGOUT_JSONL)
        coda_jsonl(seg, coda_wbuf_sink, w->wb);
    else if (!corpus)
        st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "a keyword-in-"
                            "context listing or review pages need the "
                            "segments' corpus");
    else if (w->format == CODA_SEGOUT_KWIC)
        st = coda_kwic_spool_add(&w->kwic, seg, corpus, err);
    else
        st = coda_html_spool_add(&w->html, seg, corpus, err);
    w->batches++;
    return st;
}

/* Free what w holds besides its file. */
static void stop(coda_segout_stream *w)
{
    coda_free(w->wb);
    coda_kwic_spool_free(&w->kwic);
    coda_html_spool_free(&w->html);
    coda_free(w->path);
    coda_free(w);
}

coda_status coda_segout_commit(coda_segout_stream *w, coda_error *err)
{
    coda_status st;
    if (w->wb)
        coda_wbuf_flush(w->wb);
    if (w->format == CODA_SEGOUT_KWIC)
        st = coda_kwic_spool_commit(&w->kwic, &w->out, err);
    else if (w->format == CODA_SEGOUT_HTML)
        st = coda_html_spool_commit(&w->html, &w->out, w->path, NULL, err);
    else
        st = coda_outfile_commit(&w->out, err);
    stop(w);
    return st;
}

void coda_segout_abort(coda_segout_stream *w)
{
    if (!w)
        return;
    coda_outfile_abort(&w->out);
    stop(w);
}
