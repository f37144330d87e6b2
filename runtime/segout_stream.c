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
    coda_wbuf *wb;              /* jsonl: the buffer in front of out */
    coda_kwic_spool kwic;       /* kwic: the lines held back */
    size_t batches;
};

int coda_segout_format_parse(const char *name, coda_segout_format *f)
{
    static const char *const names[] = { "csv", "jsonl", "kwic" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0) {
            *f = (coda_segout_format)i;
            return 1;
        }
    return 0;
}

coda_status coda_segout_open(const char *path, coda_segout_format f,
                             const coda_segout_kwic_opts *kwic,
                             coda_segout_stream **out, coda_error *err)
{
    coda_segout_kwic_opts def;
    if (!kwic)
        coda_segout_kwic_opts_init(&def), kwic = &def;
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
    if (f == CODA_SEGOUT_JSONL && !(w->wb = coda_wbuf_new(w->out.fp)))
        st = coda_error_nomem(err);
    if (f == CODA_SEGOUT_KWIC)
        st = coda_kwic_spool_open(&w->kwic, kwic->context, err);
    if (st != CODA_OK) {
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
                            "context listing needs the segments' corpus");
    else
        st = coda_kwic_spool_add(&w->kwic, seg, corpus, err);
    w->batches++;
    return st;
}

coda_status coda_segout_commit(coda_segout_stream *w, coda_error *err)
{
    if (w->wb)
        coda_wbuf_flush(w->wb);
    coda_free(w->wb);
    coda_status st = w->format == CODA_SEGOUT_KWIC
                     ? coda_kwic_spool_commit(&w->kwic, &w->out, err)
                     : coda_outfile_commit(&w->out, err);
    coda_kwic_spool_free(&w->kwic);
    coda_free(w);
    return st;
}

void coda_segout_abort(coda_segout_stream *w)
{
    if (!w)
        return;
    coda_free(w->wb);
    coda_kwic_spool_free(&w->kwic);
    coda_outfile_abort(&w->out);
    coda_free(w);
}
