/* project_merge.c - the segments a coding run found, merged with those
 * stored: one found again keeps its id and decisions (and comes back when
 * it was gone), a new one is inserted pending, a stored one not found is
 * marked gone.  Matching is by (document, text rev, code, start, stop) in a
 * hash table, so the run costs one pass over each side. */
#include "project_int.h"

#include "base_alloc.h"
#include "coder.h"
#include "base_strbuf.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* --- a hash table of spans ---------------------------------------------- */

typedef struct span_key {
    int64_t doc, start, stop;
    const char *code;
} span_key;

typedef struct span_map {
    size_t *slot;               /* row + 1; 0 = empty */
    size_t mask;
} span_map;

static uint64_t key_hash(const span_key *k)
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *c = k->code; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211ULL;
    h ^= (uint64_t)k->doc * 0x9E3779B97F4A7C15ULL;
    h ^= (uint64_t)k->start * 0xC2B2AE3D27D4EB4FULL;
    h ^= (uint64_t)k->stop * 0x165667B19E3779F9ULL;
    return h ^ (h >> 29);
}

static int map_init(span_map *m, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 1)
        cap *= 2;
    m->slot = coda_calloc(cap, sizeof *m->slot);
    m->mask = cap - 1;
    return m->slot != NULL;
}

/* Where key k is, or the empty slot it would go in; keys[i] is row i's. */
static size_t map_find(const span_map *m, const span_key *keys,
                       const span_key *k)
{
    size_t i = (size_t)key_hash(k) & m->mask;
    while (m->slot[i]) {
        const span_key *o = &keys[m->slot[i] - 1];
        if (o->doc == k->doc && o->start == k->start && o->stop == k->stop &&
            !strcmp(o->code, k->code))
            break;
        i = (i + 1) & m->mask;
    }
    return i;
}

/* --- the stored auto segments -------------------------------------------- */

typedef struct stored {
    coda_table *t;      /* id, document, code, start, stop, gone, pattern_row */
    span_key *keys;
    uint8_t *seen;
    span_map map;
} stored;

static void stored_free(stored *s)
{
    coda_table_free(s->t);
    coda_free(s->keys);
    coda_free(s->seen);
    coda_free(s->map.slot);
}

/* The auto segments of the documents' current texts. */
static coda_status load_stored(coda_project *p, stored *s, coda_error *err)
{
    static const coda_pj_col cols[] = {
        { "id", CODA_INTEGER }, { "document", CODA_INTEGER },
        { "code", CODA_STRING }, { "start", CODA_INTEGER },
        { "stop", CODA_INTEGER }, { "gone", CODA_INTEGER },
        { "pattern_row", CODA_INTEGER } };
    coda_status r = coda_pj_query(p, "SELECT s.id, s.document, s.code, "
                                     "s.start, s.stop, s.gone, s.pattern_row "
                                     "FROM segments s JOIN documents d ON d.id"
                                     " = s.document AND d.rev = s.rev WHERE "
                                     "s.origin = 'auto'", cols, 7, &s->t, err);
    if (r != CODA_OK)
        return r;
    size_t n = s->t->nrow;
    s->keys = coda_calloc(n ? n : 1, sizeof *s->keys);
    s->seen = coda_calloc(n ? n : 1, 1);
    if (!s->keys || !s->seen || !map_init(&s->map, n))
        return coda_error_nomem(err);
    const coda_column *c = s->t->cols;
    for (size_t i = 0; i < n; i++) {
        s->keys[i] = (span_key){ c[1].v.i[i], c[3].v.i[i], c[4].v.i[i],
                                 c[2].v.s.p[i] };
        s->map.slot[map_find(&s->map, s->keys, &s->keys[i])] = i + 1;
    }
    return CODA_OK;
}

/* --- which alternative of a code produced a segment ---------------------- */

/* A codebook of every alternative of cb's codes with more than one, each
 * its own code "r<i>_<j>" (code i, row j); NULL in *out when there is
 * none. */
static coda_status split_rows(const coda_codebook *cb, coda_codebook **out,
                              coda_error *err)
{
    coda_codebook *rows = NULL;
    coda_status s = CODA_OK;
    for (size_t i = 0; i < coda_codebook_size(cb) && s == CODA_OK; i++) {
        coda_code_info info;
        coda_codebook_info(cb, i, &info);
        for (size_t j = 0; info.nrows > 1 && j < info.nrows && s == CODA_OK;
             j++) {
            coda_code_row row;
            char name[48];
            coda_codebook_row(cb, i, j, &row);
            snprintf(name, sizeof name, "r%zu_%zu", i, j);
            row.code = name;
            row.parent = row.description = row.color = "";
            row.example = row.counterexample = "";
            if (!rows && !(rows = coda_codebook_new()))
                s = coda_error_nomem(err);
            else if (*row.pattern)
                s = coda_codebook_add_row(rows, &row, err);
        }
    }
    if (s == CODA_OK && rows)
        s = coda_codebook_compile(rows, 0, err);
    if (s != CODA_OK) {
        coda_codebook_free(rows);
        rows = NULL;
    }
    *out = rows;
    return s;
}

/* The code index of each segment of r (codes as cb numbers them). */
static coda_status code_index(const coda_codebook *cb, const coda_table *seg,
                              size_t **out, coda_error *err)
{
    size_t *ix = coda_calloc(seg->nrow ? seg->nrow : 1, sizeof *ix);
    if (!ix)
        return coda_error_nomem(err);
    const char *last = NULL;
    long k = -1;
    for (size_t i = 0; i < seg->nrow; i++) {
        const char *c = seg->cols[3].v.s.p[i];
        if (!last || strcmp(c, last) != 0)
            k = coda_codebook_find(cb, c), last = c;
        ix[i] = (size_t)k;
    }
    *out = ix;
    return CODA_OK;
}

/* The corpus row of each segment (segments come in corpus order). */
static coda_status seg_rows(const coda_pj_run *r, const coda_table *seg,
                            size_t **out, coda_error *err)
{
    size_t *rows = coda_calloc(seg->nrow ? seg->nrow : 1, sizeof *rows);
    if (!rows)
        return coda_error_nomem(err);
    const coda_column *doc = &r->corpus->cols[0], *unit = &r->corpus->cols[1];
    size_t row = r->first;
    for (size_t i = 0; i < seg->nrow; i++) {
        while (row < r->corpus->nrow &&
               (unit->v.i[row] != seg->cols[1].v.i[i] ||
                strcmp(doc->v.s.p[row], seg->cols[0].v.s.p[i]) != 0))
            row++;
        if (row == r->corpus->nrow) {
            coda_free(rows);
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "a segment of "
                                  "no unit (document \"%s\")",
                                  seg->cols[0].v.s.p[i]);
        }
        rows[i] = row;
    }
    *out = rows;
    return CODA_OK;
}

/* What is known of each segment found: its corpus row, code, pattern row. */
typedef struct found {
    size_t *row, *code;
    int64_t *prow;              /* 0: unknown */
} found;

static void found_free(found *f)
{
    coda_free(f->row);
    coda_free(f->code);
    coda_free(f->prow);
}

/* Code only the units that hold a segment of a code with alternatives
 * (a corpus of just those), with each alternative alone; a found
 * segment's pattern row is the first alternative giving the same span. */
static coda_status alternatives(const coda_pj_run *r, const coda_codebook *cb,
                                const coda_codebook *rows, found *f,
                                int threads, coda_error *err)
{
    /* the units to code again: those of the chunk's segments of such codes
     * (rows come in order), as a corpus of their own */
    size_t *need = coda_calloc(r->seg->nrow ? r->seg->nrow : 1, sizeof *need);
    size_t nneed = 0;
    if (!need)
        return coda_error_nomem(err);
    for (size_t i = 0; i < r->seg->nrow; i++) {
        coda_code_info info;
        coda_codebook_info(cb, f->code[i], &info);
        if (info.nrows > 1 && (nneed == 0 || need[nneed - 1] != f->row[i]))
            need[nneed++] = f->row[i];
    }
    coda_code_opts co;
    coda_code_opts_init(&co);
    co.threads = threads;
    coda_table *alt = NULL, *sub = NULL;
    size_t *arows = NULL;
    coda_pj_run v = *r;
    coda_status s = coda_table_take(r->corpus, need, nneed, &sub) == CODA_OK
                        ? CODA_OK : coda_error_nomem(err);
    if (s == CODA_OK)
        s = coda_code(rows, sub, &co, &alt, err);
    v.corpus = sub;
    v.first = 0;
    if (s == CODA_OK)
        s = seg_rows(&v, alt, &arows, err);
    for (size_t i = 0; s == CODA_OK && i < alt->nrow; i++)
        arows[i] = need[arows[i]];          /* back to the corpus's rows */
    coda_table_free(sub);
    coda_free(need);
    span_key *keys = NULL;
    span_map m = { 0 };
    size_t n = alt ? alt->nrow : 0;
    if (s == CODA_OK && (!(keys = coda_calloc(n ? n : 1, sizeof *keys)) ||
                         !map_init(&m, n)))
        s = coda_error_nomem(err);
    char *names = s == CODA_OK ? coda_calloc(n ? n : 1, 16) : NULL;
    size_t *alt_row = s == CODA_OK ? coda_calloc(n ? n : 1, sizeof *alt_row)
                                   : NULL;
    if (s == CODA_OK && (!names || !alt_row))
        s = coda_error_nomem(err);
    for (size_t i = 0; s == CODA_OK && i < n; i++) {
        size_t ci, cj;
        sscanf(alt->cols[3].v.s.p[i], "r%zu_%zu", &ci, &cj);
        snprintf(names + 16 * i, 16, "%zu", ci);
        keys[i] = (span_key){ (int64_t)arows[i], alt->cols[4].v.i[i],
                              alt->cols[5].v.i[i], names + 16 * i };
        alt_row[i] = cj + 1;
        size_t at = map_find(&m, keys, &keys[i]);
        if (!m.slot[at])                /* the first alternative wins */
            m.slot[at] = i + 1;
    }
    for (size_t i = 0; s == CODA_OK && i < r->seg->nrow; i++) {
        char name[16];
        snprintf(name, sizeof name, "%zu", f->code[i]);
        span_key k = { (int64_t)f->row[i], r->seg->cols[4].v.i[i],
                       r->seg->cols[5].v.i[i], name };
        size_t at = map_find(&m, keys, &k);
        if (m.slot[at])
            f->prow[i] = (int64_t)alt_row[m.slot[at] - 1];
    }
    coda_free(arows);
    coda_free(keys);
    coda_free(m.slot);
    coda_free(names);
    coda_free(alt_row);
    coda_table_free(alt);
    return s;
}

static coda_status find_rows(const coda_pj_run *r, const coda_codebook *cb,
                             int threads, found *f, coda_error *err)
{
    size_t n = r->seg->nrow;
    coda_status s = seg_rows(r, r->seg, &f->row, err);
    if (s == CODA_OK)
        s = code_index(cb, r->seg, &f->code, err);
    if (s == CODA_OK && !(f->prow = coda_calloc(n ? n : 1, sizeof *f->prow)))
        s = coda_error_nomem(err);
    for (size_t i = 0; s == CODA_OK && i < n; i++) {
        coda_code_info info;
        coda_codebook_info(cb, f->code[i], &info);
        f->prow[i] = info.nrows == 1;
    }
    coda_codebook *rows = NULL;
    if (s == CODA_OK)
        s = split_rows(cb, &rows, err);
    if (s == CODA_OK && rows)
        s = alternatives(r, cb, rows, f, threads, err);
    coda_codebook_free(rows);
    return s;
}

/* --- writing ------------------------------------------------------------- */

/* New segments go in BATCH rows a statement: one statement run per row
 * costs more than the row. */
#define BATCH 64
#define NPARAM 14

typedef struct pending {
    size_t i, d, b, len;
} pending;

typedef struct writer {
    sqlite3_stmt *ins, *batch, *revive, *prow, *gone;
    pending wait[BATCH];        /* rows bound into batch, not yet run */
    size_t nwait;
    int64_t version, auto_id;
    char now[32], note[64];
    size_t cdoc, cbyte, cchar;  /* where the character count is */
    size_t *added;              /* new segments by code (cb's index) */
    size_t ncodes;
} writer;

static void writer_free(writer *w)
{
    coda_free(w->added);
    sqlite3_finalize(w->ins);
    sqlite3_finalize(w->batch);
    sqlite3_finalize(w->revive);
    sqlite3_finalize(w->prow);
    sqlite3_finalize(w->gone);
}

/* INSERT of rows rows, NPARAM parameters each. */
static coda_status prepare_insert(coda_project *p, size_t rows,
                                  sqlite3_stmt **st, coda_error *err)
{
    coda_strbuf b = { 0 };
    coda_strbuf_puts(&b, "INSERT INTO segments(document, rev, code, start, "
                         "stop, char_start, char_stop, unit, speaker, text, "
                         "coder, codebook, pattern_row, created, origin, "
                         "status) VALUES ");
    for (size_t r = 0; r < rows; r++)
        coda_strbuf_puts(&b, r ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,'auto','pending')"
                               : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,'auto','pending')");
    coda_status s = b.failed ? coda_error_nomem(err)
                             : coda_pj_prepare(p, b.p, st, err);
    coda_free(b.p);
    return s;
}

static coda_status writer_init(coda_project *p, writer *w, int64_t version,
                               coda_error *err)
{
    memset(w, 0, sizeof *w);
    w->version = version;
    w->auto_id = p->auto_id;
    w->cdoc = (size_t)-1;
    coda_pj_now(w->now);
    snprintf(w->note, sizeof w->note, "not produced by codebook version %"
             PRId64, version);
    coda_status s = prepare_insert(p, 1, &w->ins, err);
    if (s == CODA_OK)
        s = prepare_insert(p, BATCH, &w->batch, err);
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "UPDATE segments SET gone = 0, note = NULL, "
                               "pattern_row = ?2, unit = ?3, speaker = ?4 "
                               "WHERE id = ?1", &w->revive, err);
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "UPDATE segments SET pattern_row = ?2 WHERE "
                               "id = ?1", &w->prow, err);
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "UPDATE segments SET gone = 1, note = ?2 "
                               "WHERE id = ?1", &w->gone, err);
    return s;
}

/* The 1-based character position of byte offset off (0-based) of document
 * d's text, counting on from the last (starts rise within a document). */
static size_t char_at(writer *w, size_t d, const char *text, size_t off)
{
    if (w->cdoc != d || off < w->cbyte)
        w->cdoc = d, w->cbyte = 0, w->cchar = 0;
    w->cchar += coda_pj_chars(text + w->cbyte, off - w->cbyte);
    w->cbyte = off;
    return w->cchar + 1;
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

static void bind_prow(sqlite3_stmt *st, int i, int64_t prow)
{
    if (prow)
        sqlite3_bind_int64(st, i, prow);
    else
        sqlite3_bind_null(st, i);
}

/* Bind found segment i (document d, bytes [b, b + len) of its text) as
 * the row whose first parameter is k. */
static void bind_new(writer *w, sqlite3_stmt *st, int k, const coda_pj_run *r,
                     const found *f, const pending *n)
{
    const coda_table *seg = r->seg;
    size_t i = n->i, d = n->d, b = n->b, len = n->len;
    const char *text = r->docs->cols[2].v.s.p[d];
    size_t cs = char_at(w, d, text, b);
    sqlite3_bind_int64(st, k, r->docs->cols[0].v.i[d]);
    sqlite3_bind_int64(st, k + 1, r->docs->cols[3].v.i[d]);
    sqlite3_bind_text(st, k + 2, seg->cols[3].v.s.p[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, k + 3, (sqlite3_int64)b + 1);
    sqlite3_bind_int64(st, k + 4, (sqlite3_int64)(b + len));
    sqlite3_bind_int64(st, k + 5, (sqlite3_int64)cs);
    sqlite3_bind_int64(st, k + 6,
                       (sqlite3_int64)(cs + coda_pj_chars(text + b, len) - 1));
    sqlite3_bind_int64(st, k + 7, seg->cols[1].v.i[i]);
    if (!coda_is_missing(&seg->cols[2], i))
        sqlite3_bind_text(st, k + 8, seg->cols[2].v.s.p[i],
                          (int)seg->cols[2].v.s.len[i], SQLITE_STATIC);
    else
        sqlite3_bind_null(st, k + 8);
    sqlite3_bind_text(st, k + 9, text + b, (int)len, SQLITE_STATIC);
    sqlite3_bind_int64(st, k + 10, w->auto_id);
    sqlite3_bind_int64(st, k + 11, w->version);
    bind_prow(st, k + 12, f->prow[i]);
    sqlite3_bind_text(st, k + 13, w->now, -1, SQLITE_STATIC);
}

/* Queue a new segment; a full batch is inserted. */
static int insert_new(writer *w, const coda_pj_run *r, const found *f,
                      size_t i, size_t d, size_t b, size_t len)
{
    pending *n = &w->wait[w->nwait];
    *n = (pending){ i, d, b, len };
    bind_new(w, w->batch, (int)(w->nwait * NPARAM) + 1, r, f, n);
    if (++w->nwait < BATCH)
        return 1;
    w->nwait = 0;
    return step_done(w->batch);
}

/* Insert the rows of a batch not yet full, one by one. */
static int flush_new(writer *w, const coda_pj_run *r, const found *f)
{
    size_t n = w->nwait;
    w->nwait = 0;
    w->cdoc = (size_t)-1;          /* the character count starts again */
    for (size_t k = 0; k < n; k++) {
        bind_new(w, w->ins, 1, r, f, &w->wait[k]);
        if (!step_done(w->ins))
            return 0;
    }
    return 1;
}

/* A stored segment found again: back from gone, or a new pattern row. */
static int found_again(writer *w, const coda_pj_run *r, stored *old,
                       size_t k, const found *f, size_t i,
                       coda_code_result *res)
{
    const coda_column *c = old->t->cols;
    old->seen[k] = 1;
    int64_t id = c[0].v.i[k], prow = f->prow[i];
    int same_row = coda_is_missing(&c[6], k) ? prow == 0 : c[6].v.i[k] == prow;
    if (!c[5].v.i[k]) {
        res->kept++;
        if (same_row)
            return 1;
        sqlite3_bind_int64(w->prow, 1, id);
        bind_prow(w->prow, 2, prow);
        return step_done(w->prow);
    }
    res->revived++;
    const coda_column *spk = &r->seg->cols[2];
    sqlite3_clear_bindings(w->revive);
    sqlite3_bind_int64(w->revive, 1, id);
    bind_prow(w->revive, 2, prow);
    sqlite3_bind_int64(w->revive, 3, r->seg->cols[1].v.i[i]);
    if (!coda_is_missing(spk, i))
        sqlite3_bind_text(w->revive, 4, spk->v.s.p[i], (int)spk->v.s.len[i],
                          SQLITE_STATIC);
    return step_done(w->revive);
}

static coda_status write_found(coda_project *p, writer *w, const coda_pj_run *r,
                               stored *old, const found *f,
                               coda_code_result *res, coda_error *err)
{
    const coda_table *seg = r->seg;
    for (size_t i = 0; i < seg->nrow; i++) {
        size_t row = f->row[i], d = r->row_doc[row];
        size_t b = r->row_start[row] + (size_t)seg->cols[4].v.i[i] - 1;
        size_t len = (size_t)(seg->cols[5].v.i[i] - seg->cols[4].v.i[i] + 1);
        span_key k = { r->docs->cols[0].v.i[d], (int64_t)b + 1,
                       (int64_t)(b + len), seg->cols[3].v.s.p[i] };
        size_t at = map_find(&old->map, old->keys, &k);
        int ok = old->map.slot[at]
            ? found_again(w, r, old, old->map.slot[at] - 1, f, i, res)
            : (res->added++, w->added[f->code[i]]++,
               insert_new(w, r, f, i, d, b, len));
        if (!ok)
            return coda_pj_dberr(p, err);
    }
    res->found += seg->nrow;
    return flush_new(w, r, f) ? CODA_OK : coda_pj_dberr(p, err);
}

static int in_scope(const coda_project_code_opts *o, const char *code)
{
    for (size_t i = 0; o->codes && i < o->ncodes; i++)
        if (!strcmp(o->codes[i], code))
            return 1;
    return o->codes == NULL;
}

/* Stored segments in scope not found again, and not gone yet, go. */
static coda_status write_gone(coda_project *p, writer *w, const stored *old,
                              const coda_project_code_opts *o,
                              coda_code_result *res, coda_error *err)
{
    const coda_column *c = old->t->cols;
    for (size_t k = 0; k < old->t->nrow; k++) {
        if (old->seen[k] || c[5].v.i[k] || !in_scope(o, c[2].v.s.p[k]))
            continue;
        sqlite3_bind_int64(w->gone, 1, c[0].v.i[k]);
        sqlite3_bind_text(w->gone, 2, w->note, -1, SQLITE_STATIC);
        if (!step_done(w->gone))
            return coda_pj_dberr(p, err);
        res->gone++;
    }
    return CODA_OK;
}

/* Every auto segment the run produced now names its version. */
static coda_status set_version(coda_project *p, int64_t version, int scoped,
                               coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, scoped
        ? "UPDATE segments SET codebook = ?1 WHERE origin = 'auto' AND gone ="
          " 0 AND codebook IS NOT ?1 AND code IN (SELECT code FROM "
          "temp.scope)"
        : "UPDATE segments SET codebook = ?1 WHERE origin = 'auto' AND gone ="
          " 0 AND codebook IS NOT ?1", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, version);
    if (!step_done(st))
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

/* Segments of a chunk: where they are, then into the file. */
static coda_status merge_chunk(coda_project *p, writer *w, stored *old,
                               const coda_codebook *cb, const coda_pj_run *c,
                               int threads, coda_code_result *res,
                               coda_error *err)
{
    found f = { 0 };
    coda_status s = find_rows(c, cb, threads, &f, err);
    if (s == CODA_OK)
        s = write_found(p, w, c, old, &f, res, err);
    found_free(&f);
    return s;
}

/* About 4 MB of text a chunk: coding one takes as long as writing the
 * segments of the one before. */
#define CHUNK_BYTES (4u << 20)

static coda_status merge_all(coda_project *p, writer *w, stored *old,
                             const coda_codebook *cb, const coda_pj_run *r,
                             const char *unit, const coda_code_opts *co,
                             coda_code_result *res, coda_error *err)
{
    coda_pj_pipe *pp = NULL;
    coda_status s = coda_pj_pipe_start(cb, r->docs, unit, co, CHUNK_BYTES,
                                       &pp, err);
    for (int done = 0; s == CODA_OK && !done;) {
        coda_pj_run c = { .docs = r->docs };
        s = coda_pj_pipe_next(pp, &c, &done, err);
        if (s == CODA_OK && !done) {
            res->units += c.corpus->nrow;
            s = merge_chunk(p, w, old, cb, &c, co->threads, res, err);
        }
        coda_pj_chunk_free(&c);
    }
    coda_pj_pipe_stop(pp);
    return s;
}

/* Add the new segments, all pending and the auto-coder's, to the tallies. */
static coda_status tally_added(coda_project *p, const coda_codebook *cb,
                               const writer *w, coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, "INSERT INTO tallies VALUES (?1, ?2, "
                                       "'pending', ?3) ON CONFLICT DO UPDATE "
                                       "SET n = n + ?3", &st, err);
    for (size_t i = 0; s == CODA_OK && i < w->ncodes; i++) {
        coda_code_info info;
        if (!w->added[i])
            continue;
        coda_codebook_info(cb, i, &info);
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, info.name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, w->auto_id);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)w->added[i]);
        if (sqlite3_step(st) != SQLITE_DONE)
            s = coda_pj_dberr(p, err);
    }
    sqlite3_finalize(st);
    return s;
}

coda_status coda_pj_merge(coda_project *p, const coda_codebook *cb,
                          const coda_pj_run *r, const char *unit,
                          const coda_code_opts *co,
                          const coda_project_code_opts *o,
                          coda_code_result *res, coda_error *err)
{
    stored old = { 0 };
    writer w;
    /* The writer inserts origin 'auto' and status 'pending' as constants;
     * SQLite would check each row's status against its list of three
     * through a temporary table built per row, a third of a run's work. */
    coda_status s = coda_pj_exec(p, "PRAGMA ignore_check_constraints = ON",
                                 err);
    if (s != CODA_OK)
        return s;
    s = writer_init(p, &w, res->version, err);
    w.ncodes = coda_codebook_size(cb);
    if (s == CODA_OK && !(w.added = coda_calloc(w.ncodes + 1, sizeof *w.added)))
        s = coda_error_nomem(err);
    if (s == CODA_OK)
        s = load_stored(p, &old, err);
    if (s == CODA_OK)
        s = merge_all(p, &w, &old, cb, r, unit, co, res, err);
    if (s == CODA_OK)
        s = write_gone(p, &w, &old, o, res, err);
    /* new segments carry the version already; only the found again need it */
    if (s == CODA_OK && res->kept + res->revived > 0)
        s = set_version(p, res->version, o->codes != NULL, err);
    if (s == CODA_OK)   /* a first run only added: count those, no scan */
        s = old.t->nrow ? coda_pj_retally(p, err) : tally_added(p, cb, &w, err);
    writer_free(&w);
    stored_free(&old);
    coda_status off = coda_pj_exec(p, "PRAGMA ignore_check_constraints = OFF",
                                   s == CODA_OK ? err : NULL);
    return s == CODA_OK ? off : s;
}
