/* project_manual.c - a coder's manual coding of a span of a document. */
#include "project_int.h"

#include "base_alloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef struct span {
    size_t start, end;          /* bytes, 0-based, end exclusive */
    size_t cstart, cend;        /* characters, the same */
} span;

static int boundary(const char *t, size_t len, size_t off)
{
    return off >= len || ((unsigned char)t[off] & 0xC0) != 0x80;
}

/* m's span in text[0..len), checked. */
static coda_status find_span(const coda_manual *m, const char *text,
                             size_t len, span *sp, coda_error *err)
{
    size_t n = m->chars ? coda_pj_chars(text, len) : len;
    if (m->start < 1 || m->stop < m->start || (uint64_t)m->stop > n)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "span %" PRId64 "-%" PRId64 " is not within "
                              "document \"%s\" (1-%zu %s)", m->start, m->stop,
                              m->doc, n, m->chars ? "characters" : "bytes");
    if (m->chars) {
        sp->cstart = (size_t)m->start - 1;
        sp->cend = (size_t)m->stop;
        sp->start = coda_pj_char_byte(text, len, sp->cstart);
        sp->end = coda_pj_char_byte(text, len, sp->cend);
        return CODA_OK;
    }
    sp->start = (size_t)m->start - 1;
    sp->end = (size_t)m->stop;
    if (!boundary(text, len, sp->start) || !boundary(text, len, sp->end))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "span %" PRId64 "-%" PRId64 " of document "
                              "\"%s\" cuts a character in two", m->start,
                              m->stop, m->doc);
    sp->cstart = coda_pj_chars(text, sp->start);
    sp->cend = sp->cstart + coda_pj_chars(text + sp->start,
                                          sp->end - sp->start);
    return CODA_OK;
}

static coda_status ensure_code(coda_project *p, const coda_manual *m,
                               coda_error *err)
{
    int exists = 0;
    coda_status s = m->code ? coda_pj_code_exists(p, m->code, &exists, err)
                            : coda_error_set(err, CODA_EARG, NULL, 0, 0,
                                             "a coding needs a code");
    if (s != CODA_OK || exists)
        return s;
    if (!m->new_code)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "no code \"%s\" in the project (a new code "
                              "must be asked for as one)", m->code);
    return coda_project_add_code(p, m->code, NULL, NULL, NULL, err);
}

/* The coder's same coding of the span, already there (0: none). */
static coda_status same_coding(coda_project *p, const coda_manual *m,
                               int64_t doc, const span *sp, int64_t coder,
                               int64_t *id, coda_error *err)
{
    sqlite3_stmt *st;
    *id = 0;
    coda_status s = coda_pj_prepare(p, "SELECT s.id FROM segments s JOIN "
                                       "documents d ON d.id = s.document AND"
                                       " d.rev = s.rev WHERE s.document = ?1 "
                                       "AND s.start = ?2 AND s.stop = ?3 AND "
                                       "s.code = ?4 AND s.origin = ?6 "
                                       "AND s.coder = ?5", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)sp->start + 1);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)sp->end);
    sqlite3_bind_text(st, 4, m->code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, coder);
    sqlite3_bind_text(st, 6, m->auto_origin ? "auto" : "manual", -1,
                      SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

/* Insert the segment, or find (and revive) the coder's same coding. */
static coda_status insert(coda_project *p, const coda_manual *m,
                          int64_t doc, const char *text, size_t len,
                          const span *sp, int64_t coder, const char *time,
                          int64_t *id, coda_error *err)
{
    char unit[16];
    coda_pj_units u;
    coda_status s = coda_pj_unit(p, unit, err);
    if (s == CODA_OK)
        s = coda_pj_units_split(text, len, unit, &u, err);
    if (s != CODA_OK)
        return s;
    size_t k = coda_pj_unit_at(&u, sp->start);
    int64_t had = 0;
    sqlite3_stmt *st;
    s = same_coding(p, m, doc, sp, coder, &had, err);
    if (s == CODA_OK && had)
        s = coda_pj_tally(p, had, -1, err);
    if (s == CODA_OK)
        s = coda_pj_prepare(p,
        "INSERT INTO segments(document, rev, code, start, stop, char_start,"
        " char_stop, unit, speaker, text, origin, coder, status, created)"
        " SELECT ?1, rev, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?12, ?10,"
        " ?13, ?11 FROM documents WHERE id = ?1 ON CONFLICT DO UPDATE"
        " SET gone = 0, note = NULL RETURNING id", &st, err);
    if (s == CODA_OK) {
        sqlite3_bind_int64(st, 1, doc);
        sqlite3_bind_text(st, 2, m->code, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)sp->start + 1);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)sp->end);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)sp->cstart + 1);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)sp->cend);
        if (k)
            sqlite3_bind_int64(st, 7, (sqlite3_int64)k);
        if (k && u.has_speaker[k - 1])
            sqlite3_bind_text(st, 8, text + u.spk_start[k - 1],
                              (int)u.spk_len[k - 1], SQLITE_STATIC);
        sqlite3_bind_text(st, 9, text + sp->start, (int)(sp->end - sp->start),
                          SQLITE_STATIC);
        sqlite3_bind_int64(st, 10, coder);
        sqlite3_bind_text(st, 11, time, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 12, m->auto_origin ? "auto" : "manual", -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(st, 13, m->auto_origin ? "pending" : "accepted", -1,
                          SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            *id = sqlite3_column_int64(st, 0);
        else
            s = coda_pj_dberr(p, err);
        sqlite3_finalize(st);
    }
    coda_pj_units_free(&u);
    return s == CODA_OK ? coda_pj_tally(p, *id, 1, err) : s;
}

static coda_status add_coding(coda_project *p, const coda_manual *m,
                              const char *time, int64_t *id, coda_error *err)
{
    int64_t doc = 0, coder = 0;
    char *text = NULL;
    size_t len = 0;
    span sp = { 0 };
    coda_status s = m->auto_origin ? (coder = p->auto_id, CODA_OK)
                                   : coda_pj_coder(p, m->coder, 1, &coder, err);
    if (s == CODA_OK && !m->doc)
        s = coda_error_set(err, CODA_EARG, NULL, 0, 0,
                           "a coding needs a document");
    if (s == CODA_OK)
        s = coda_pj_doc_id(p, m->doc, &doc, err);
    if (s == CODA_OK)
        s = coda_project_text(p, m->doc, &text, &len, err);
    if (s == CODA_OK)
        s = find_span(m, text, len, &sp, err);
    if (s == CODA_OK)
        s = ensure_code(p, m, err);
    if (s == CODA_OK)
        s = insert(p, m, doc, text, len, &sp, coder, time, id, err);
    coda_free(text);
    return s;
}

coda_status coda_project_add_coding(coda_project *p, const coda_manual *m,
                                    int64_t *id, coda_error *err)
{
    char now[32];
    const char *t = coda_pj_time(m->time, now);
    if (!t)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "a time is "
                              "YYYY-MM-DDTHH:MM:SSZ, not \"%s\"", m->time);
    coda_status s = coda_pj_begin(p, err);
    if (s == CODA_OK)
        s = coda_pj_end(p, add_coding(p, m, t, id, err), err);
    return s;
}
