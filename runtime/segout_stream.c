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
    size_t batches;
};

int coda_segout_format_parse(const char *name, coda_segout_format *f)
{
    static const char *const names[] = { "csv", "jsonl" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0) {
            *f = (coda_segout_format)i;
            return 1;
        }
    return 0;
}

coda_status coda_segout_open(const char *path, coda_segout_format f,
                             coda_segout_stream **out, coda_error *err)
{
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
    if (f == CODA_SEGOUT_JSONL && !(w->wb = coda_wbuf_new(w->out.fp))) {
        coda_segout_abort(w);
        return coda_error_nomem(err);
    }
    *out = w;
    return CODA_OK;
}

coda_status coda_segout_add(coda_segout_stream *w, const coda_table *seg,
                            coda_error *err)
{
    coda_status st = CODA_OK;
    if (w->format == CODA_SEGOUT_CSV)
        st = coda_csv_write_fp(seg, w->out.fp, NULL, w->batches == 0, err);
    else
        coda_jsonl(seg, coda_wbuf_sink, w->wb);
    w->batches++;
    return st;
}

coda_status coda_segout_commit(coda_segout_stream *w, coda_error *err)
{
    if (w->wb)
        coda_wbuf_flush(w->wb);
    coda_free(w->wb);
    coda_status st = coda_outfile_commit(&w->out, err);
    coda_free(w);
    return st;
}

void coda_segout_abort(coda_segout_stream *w)
{
    if (!w)
        return;
    coda_free(w->wb);
    coda_outfile_abort(&w->out);
    coda_free(w);
}
