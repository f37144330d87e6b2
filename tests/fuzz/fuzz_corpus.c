/* fuzz_corpus.c - splitting transcripts into units, on arbitrary bytes.
 *
 * coda_corpus_units runs on the raw text with each unit kind, and every
 * unit must be in bounds, in order, non-overlapping, non-empty and trimmed,
 * its speaker label 1-64 bytes without ':' before its text; each sentence
 * must lie inside a turn of the same speaker.  Then coda_corpus_split
 * splits the text as one to three documents into a corpus Dataset whose
 * units must be numbered 1, 2, ... per document, and whose texts must be
 * non-empty valid UTF-8 (or an EUTF8 error with its offset, or an EPARSE
 * error for text forced to be subtitles that is none).
 *
 * Input: 2 option bytes, then the text.
 *   0  bits 0-1 unit kind for the corpus (document, paragraph, turn,
 *      sentence), bit 2 replace invalid UTF-8, bits 3-5 the format (auto,
 *      plain, timestamped, rev, otter, qa, vtt, srt)
 *   1  bits 0-1 number of documents - 1 (1-3), bits 2-7 where to cut */
#include "fuzz.h"

#include "corpus.h"
#include "base_utf8.h"

typedef struct seen {
    const char *s;
    size_t len, n, last_end, cap;
    coda_unit *u;
    coda_unit_kind kind;
} seen;

static int space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static coda_status on_unit(void *ud, const coda_unit *u)
{
    seen *sn = ud;
    FZ_CHECK(u->len > 0, "kind %d: an empty unit at %zu", sn->kind, u->start);
    FZ_CHECK(u->start <= sn->len && u->len <= sn->len - u->start,
             "kind %d: unit [%zu, +%zu) past %zu bytes", sn->kind, u->start,
             u->len, sn->len);
    FZ_CHECK(u->start >= sn->last_end, "kind %d: unit at %zu overlaps the "
             "one ending at %zu", sn->kind, u->start, sn->last_end);
    FZ_CHECK(!space(sn->s[u->start]) && !space(sn->s[u->start + u->len - 1]),
             "kind %d: unit at %zu not trimmed", sn->kind, u->start);
    if (u->has_speaker) {
        FZ_CHECK(sn->kind == CODA_UNIT_TURN || sn->kind == CODA_UNIT_SENTENCE,
                 "kind %d: a speaker", sn->kind);
        FZ_CHECK(u->spk_len >= 1 && u->spk_len <= 64, "speaker of %zu bytes",
                 u->spk_len);
        FZ_CHECK(u->spk_start + u->spk_len <= u->start,
                 "speaker [%zu, +%zu) not before its text at %zu",
                 u->spk_start, u->spk_len, u->start);
        FZ_CHECK(!memchr(sn->s + u->spk_start, ':', u->spk_len) &&
                 !memchr(sn->s + u->spk_start, '\n', u->spk_len),
                 "speaker at %zu holds ':' or a line end", u->spk_start);
    }
    sn->last_end = u->start + u->len;
    if (sn->n == sn->cap) {
        sn->cap = sn->cap ? sn->cap * 2 : 64;
        sn->u = realloc(sn->u, sn->cap * sizeof *sn->u);
        FZ_CHECK(sn->u != NULL, "out of memory");
    }
    sn->u[sn->n++] = *u;
    return CODA_OK;
}

static void units(const char *s, size_t len, coda_unit_kind kind, seen *sn)
{
    memset(sn, 0, sizeof *sn);
    sn->s = s;
    sn->len = len;
    sn->kind = kind;
    coda_status st = coda_corpus_units(s, len, kind, on_unit, sn);
    FZ_CHECK(st == CODA_OK, "kind %d: status %d", kind, (int)st);
}

/* Each sentence inside a turn with the same speaker. */
static void sentences_in_turns(const seen *sent, const seen *turn)
{
    size_t t = 0;
    for (size_t i = 0; i < sent->n; i++) {
        const coda_unit *u = &sent->u[i];
        while (t < turn->n && turn->u[t].start + turn->u[t].len <= u->start)
            t++;
        FZ_CHECK(t < turn->n && turn->u[t].start <= u->start &&
                 u->start + u->len <= turn->u[t].start + turn->u[t].len,
                 "sentence [%zu, +%zu) in no turn", u->start, u->len);
        FZ_CHECK(u->has_speaker == turn->u[t].has_speaker &&
                 (!u->has_speaker || u->spk_start == turn->u[t].spk_start),
                 "sentence at %zu: not its turn's speaker", u->start);
    }
}

static void check_corpus(const coda_table *t, size_t ndocs)
{
    FZ_CHECK(t->ncol == 4 || t->ncol == 7, "%zu columns", t->ncol);
    const coda_column *doc = &t->cols[0], *unit = &t->cols[1],
                      *text = &t->cols[3];
    int64_t expect = 1;
    for (size_t r = 0; r < t->nrow; r++) {
        if (r > 0 && strcmp(doc->v.s.p[r], doc->v.s.p[r - 1]) != 0)
            expect = 1;
        FZ_CHECK(unit->v.i[r] == expect, "row %zu: unit %lld, expected %lld",
                 r + 1, (long long)unit->v.i[r], (long long)expect);
        expect++;
        size_t bad;
        FZ_CHECK(!coda_is_missing(text, r) && text->v.s.len[r] > 0,
                 "row %zu: no text", r + 1);
        FZ_CHECK(coda_utf8_valid(text->v.s.p[r], text->v.s.len[r], &bad),
                 "row %zu: invalid UTF-8 at %zu", r + 1, bad);
    }
    (void)ndocs;
    fz_walk(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = { data, size };
    unsigned o = fz_byte(&in), cut = fz_byte(&in);
    const char *s = (const char *)in.p;
    size_t len = in.n;

    seen all[4];
    for (int k = 0; k < 4; k++)
        units(s, len, (coda_unit_kind)k, &all[k]);
    FZ_CHECK(all[CODA_UNIT_DOCUMENT].n <= 1, "%zu documents",
             all[CODA_UNIT_DOCUMENT].n);
    sentences_in_turns(&all[CODA_UNIT_SENTENCE], &all[CODA_UNIT_TURN]);
    for (int k = 0; k < 4; k++)
        free(all[k].u);

    /* One to three documents, cut at fractions of the text. */
    size_t ndocs = (cut & 3) % 3 + 1, at[4] = { 0, len, len, len };
    if (ndocs >= 2)
        at[1] = len * ((cut >> 2) & 7) / 8;
    if (ndocs == 3)
        at[2] = at[1] + (len - at[1]) * (cut >> 5) / 8;
    const char *ids[3] = { "d1", "d2", "d3" }, *texts[3];
    size_t lens[3];
    for (size_t i = 0; i < ndocs; i++) {
        texts[i] = s + at[i];
        lens[i] = (i + 1 < ndocs ? at[i + 1] : len) - at[i];
    }
    coda_corpus_opts co;
    coda_corpus_opts_init(&co);
    co.unit = (coda_unit_kind)(o & 3);
    co.replace_invalid = (o >> 2) & 1;
    co.format = (coda_text_format)((o >> 3) & 7);
    coda_table *t = NULL;
    coda_error err;
    coda_error_clear(&err);
    coda_status st = coda_corpus_split(ids, texts, lens, ndocs, "fuzz", &co,
                                       &t, &err);
    if (st == CODA_OK) {
        check_corpus(t, ndocs);
        coda_table_free(t);
    } else {
        fz_check_error(st, &err);
        /* UTF-16 and UTF-32 text is refused even when replacing */
        int sub = co.format == CODA_FORMAT_VTT || co.format == CODA_FORMAT_SRT;
        FZ_CHECK((st == CODA_EPARSE && sub) ||
                 (st == CODA_EUTF8 && (!co.replace_invalid ||
                                       strstr(err.msg, "UTF-16") ||
                                       strstr(err.msg, "UTF-32"))),
                 "status %s: %s", coda_strerror(st), err.msg);
        FZ_CHECK(st == CODA_EPARSE || err.offset >= 0,
                 "invalid UTF-8 without an offset: %s", err.msg);
    }
    return 0;
}
