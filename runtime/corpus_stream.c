/* corpus_stream.c - a corpus read in batches of whole documents, so that
 * what is held at once is one batch's text and units, not the corpus's.
 * The documents are named (and their ids checked) when the stream opens,
 * and noted as inputs then, so that no output opened before their turn
 * comes can replace one; their text is read batch by batch through the same steps as
 * coda_corpus_read (corpus.c). */
#include "corpus_int.h"

#include "base_alloc.h"
#include "base_inputs.h"
#include "docin.h"

#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

struct coda_corpus_stream {
    coda_corpus_opts o;         /* warnings and documents set per batch */
    size_t batch_bytes;
    coda_cdoc *docs;            /* every document, its text not read */
    coda_cdoc *batch;           /* the batch's documents, texts read */
    size_t bcap;
    size_t n, next;
    char **files;               /* their paths (files), or NULL */
    size_t nfiles;
    const char *const *texts;   /* their texts (in memory: the caller's) */
    const size_t *lens;
    const char *name;           /* in memory: what errors call the input */
    coda_docin_stream *in;      /* documents read from a stream, or NULL */
    int started;                /* a batch was given (one, even if empty) */
};

static coda_status stream_new(const coda_corpus_opts *o, size_t batch_bytes,
                              coda_corpus_stream **out, coda_error *err)
{
    coda_corpus_stream *s = coda_calloc(1, sizeof *s);
    if (!s)
        return coda_error_nomem(err);
    if (o)
        s->o = *o;
    else
        coda_corpus_opts_init(&s->o);
    s->o.warnings = NULL;
    s->o.documents = NULL;
    s->batch_bytes = batch_bytes ? batch_bytes : 1;
    *out = s;
    return CODA_OK;
}

coda_status coda_corpus_stream_paths(const char *const *paths, size_t n,
                                     const coda_corpus_opts *o,
                                     size_t batch_bytes,
                                     coda_corpus_stream **out,
                                     coda_error *err)
{
    coda_corpus_stream *s;
    if (stream_new(o, batch_bytes, &s, err) != CODA_OK)
        return CODA_ENOMEM;
    coda_status st = coda_corpus_files(paths, n, &s->o, &s->files,
                                       &s->nfiles, err);
    if (st == CODA_OK)
        st = coda_corpus_file_docs((const char *const *)s->files, s->nfiles,
                                   &s->o, &s->docs, err);
    for (size_t i = 0; st == CODA_OK && i < s->nfiles; i++)
        st = coda_input_note(-1, s->files[i], err);  /* before any output */
    if (st != CODA_OK) {
        coda_corpus_stream_free(s);
        return st;
    }
    s->n = s->nfiles;
    *out = s;
    return CODA_OK;
}

coda_status coda_corpus_stream_mem(const char *const *ids,
                                   const char *const *texts,
                                   const size_t *lens, size_t n,
                                   const char *name, const coda_corpus_opts *o,
                                   size_t batch_bytes,
                                   coda_corpus_stream **out, coda_error *err)
{
    if (o && !coda_corpus_is_utf8(o->encoding))
        return coda_error_set(err, CODA_EARG, name, 0, 0, "an encoding is "
                              "for files; documents in memory are UTF-8");
    coda_corpus_stream *s;
    if (stream_new(o, batch_bytes, &s, err) != CODA_OK)
        return CODA_ENOMEM;
    coda_status st = CODA_OK;
    if (!(s->docs = coda_calloc(n ? n : 1, sizeof *s->docs)))
        st = coda_error_nomem(err);
    for (size_t i = 0; st == CODA_OK && i < n; i++, s->n++)
        if (!(s->docs[i].id = coda_strndup(ids[i], strlen(ids[i]))))
            st = coda_error_nomem(err);
    if (st == CODA_OK)
        st = coda_corpus_unique_ids(s->docs, n, name, err);
    if (st != CODA_OK) {
        coda_corpus_stream_free(s);
        return st;
    }
    s->texts = texts;
    s->lens = lens;
    s->name = name;
    *out = s;
    return CODA_OK;
}

coda_status coda_corpus_stream_file(FILE *fp, const char *name,
                                    const coda_corpus_opts *o,
                                    size_t batch_bytes,
                                    coda_corpus_stream **out,
                                    coda_error *err)
{
    if (o && !coda_corpus_is_utf8(o->encoding))
        return coda_error_set(err, CODA_EARG, name, 0, 0, "an encoding is "
                              "for files; documents read as data are UTF-8");
    coda_corpus_stream *s;
    if (stream_new(o, batch_bytes, &s, err) != CODA_OK)
        return CODA_ENOMEM;
    coda_status st = coda_docin_stream_open(fp, name, s->o.max_record,
                                                s->o.copy, &s->in, err);
    if (st != CODA_OK) {
        coda_corpus_stream_free(s);
        return st;
    }
    s->name = name;
    *out = s;
    return CODA_OK;
}

/* Whether document i is in the read: the one place where documents are
 * chosen (those of the shard asked for; coda_shard_has). */
static int keep(const coda_corpus_stream *s, size_t i)
{
    return coda_shard_has(s->o.shard_k, s->o.shard_n, s->docs[i].id);
}

/* The text of document i, read from its file or copied from memory. */
static coda_status load(coda_corpus_stream *s, coda_cdoc *d, size_t i,
                        coda_error *err)
{
    if (s->files)
        return coda_corpus_read_one(s->files[i], &s->o, d, err);
    d->text = coda_strndup(s->texts[i], s->lens[i]);
    d->len = s->lens[i];
    return d->text ? CODA_OK : coda_error_nomem(err);
}

/* Room for one more document in the batch. */
static coda_status batch_room(coda_corpus_stream *s, size_t nb,
                              coda_error *err)
{
    if (nb < s->bcap)
        return CODA_OK;
    size_t cap = s->bcap ? s->bcap * 2 : 64;
    coda_cdoc *g = coda_reallocarray(s->batch, cap, sizeof *g);
    if (!g)
        return coda_error_nomem(err);
    s->batch = g;
    s->bcap = cap;
    return CODA_OK;
}

/* The next documents into s->batch (their texts loaded), *nb of them:
 * whole documents until their text reaches the batch's bytes. */
static coda_status gather_batch(coda_corpus_stream *s, size_t *nb,
                                coda_error *err)
{
    size_t bytes = 0;
    coda_status st = CODA_OK;
    *nb = 0;
    while (st == CODA_OK && s->next < s->n && bytes < s->batch_bytes) {
        size_t i = s->next++;
        if (!keep(s, i) || (st = batch_room(s, *nb, err)) != CODA_OK)
            continue;
        coda_cdoc *d = &s->batch[(*nb)++];
        *d = s->docs[i];
        st = load(s, d, i, err);
        bytes += d->len;
    }
    return st;
}

/* The next documents of the stream s->in (those of the shard asked for)
 * into s->batch, *nb of them, ids and texts copied; *end at the end of the
 * input. */
static coda_status gather_read(coda_corpus_stream *s, size_t *nb, int *end,
                               coda_error *err)
{
    size_t c[3];
    coda_table *t;
    coda_status st = coda_docin_stream_next(s->in, s->batch_bytes, &t, c,
                                            err);
    *nb = 0;
    *end = st == CODA_OK && !t;
    for (size_t r = 0; st == CODA_OK && t && r < t->nrow; r++) {
        const coda_column *id = &t->cols[c[0]], *text = &t->cols[c[1]];
        if (!coda_shard_has(s->o.shard_k, s->o.shard_n, id->v.s.p[r]))
            continue;                   /* as keep() */
        if ((st = batch_room(s, *nb, err)) != CODA_OK)
            break;
        int miss = coda_is_missing(text, r);
        coda_cdoc *d = &s->batch[(*nb)++];
        memset(d, 0, sizeof *d);
        d->len = miss ? 0 : text->v.s.len[r];
        d->id = coda_strndup(id->v.s.p[r], id->v.s.len[r]);
        d->text = coda_strndup(miss ? "" : text->v.s.p[r], d->len);
        if (!d->id || !d->text)
            st = coda_error_nomem(err);
    }
    coda_table_free(t);
    return st;
}

coda_status coda_corpus_stream_next(coda_corpus_stream *s, coda_warnings *w,
                                    coda_table **documents, coda_table **out,
                                    coda_error *err)
{
    *out = NULL;
    if (s->started && s->next == s->n && !s->in)
        return CODA_OK;
    size_t nb;
    int end = 0;
    s->o.warnings = w;
    s->o.documents = documents;
    coda_status st = s->in ? gather_read(s, &nb, &end, err)
                           : gather_batch(s, &nb, err);
    if (st == CODA_OK && !end)
        st = coda_corpus_split_docs(s->batch, nb, s->name, &s->o, out, err);
    for (size_t i = 0; i < nb; i++) {
        coda_free(s->batch[i].text);
        if (s->in)
            coda_free(s->batch[i].id);  /* else s->docs' */
    }
    s->started = 1;
    return st;
}

int coda_corpus_stream_rereadable(const coda_corpus_stream *s)
{
    struct stat sb;
    for (size_t i = 0; i < s->nfiles; i++)
        if (stat(s->files[i], &sb) != 0 || !S_ISREG(sb.st_mode))
            return 0;
    return !s->in;
}

void coda_corpus_stream_free(coda_corpus_stream *s)
{
    if (!s)
        return;
    coda_corpus_docs_free(s->docs, s->n);
    coda_free(s->batch);
    coda_corpus_files_free(s->files, s->nfiles);
    coda_docin_stream_free(s->in);
    coda_free(s);
}
