/* project_docs.c - a project's documents: adding them (and their
 * attributes), a changed text with its manual segments re-anchored, and
 * listing them. */
#include "project_int.h"

#include "base_alloc.h"
#include "base_strbuf.h"
#include "base_utf8.h"
#include "base_uuid.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s without a byte-order mark and with CRLF made LF, in a new buffer. */
static char *normalise(const char *s, size_t len, size_t *out)
{
    char *t = coda_malloc(len + 1);
    size_t i = len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0, o = 0;
    for (; t && i < len; i++)
        if (!(s[i] == '\r' && i + 1 < len && s[i + 1] == '\n'))
            t[o++] = s[i];
    if (t)
        t[o] = '\0';
    *out = o;
    return t;
}

/* --- attributes ------------------------------------------------------- */

/* Row r of column col as text into b (multi: labels joined by ";"). */
static void value_text(const coda_column *col, size_t r, coda_strbuf *b)
{
    char num[64];
    switch (col->type) {
    case CODA_INTEGER:
        snprintf(num, sizeof num, "%" PRId64, col->v.i[r]);
        coda_strbuf_puts(b, num);
        break;
    case CODA_NUMBER:
        snprintf(num, sizeof num, "%.17g", col->v.d[r]);
        coda_strbuf_puts(b, num);
        break;
    case CODA_BOOLEAN:
        coda_strbuf_puts(b, col->v.b[r] ? "true" : "false");
        break;
    case CODA_STRING:
        coda_strbuf_add(b, col->v.s.p[r], col->v.s.len[r]);
        break;
    case CODA_MULTI:
        for (uint64_t k = col->v.m.off[r]; k < col->v.m.off[r + 1]; k++) {
            uint32_t id = col->v.m.ids[k];
            if (k > col->v.m.off[r])
                coda_strbuf_puts(b, ";");
            coda_strbuf_add(b, col->v.m.labels->s[id], col->v.m.labels->len[id]);
        }
        break;
    }
}

static coda_status set_attribute(coda_project *p, int64_t doc,
                                 const char *name, const char *value,
                                 coda_error *err)
{
    static const char sql[] =
        "INSERT INTO attribute_names(name) VALUES (?2) ON CONFLICT DO NOTHING;";
    static const char put[] =
        "INSERT OR REPLACE INTO attributes(document, name, value) SELECT ?1,"
        " id, ?3 FROM attribute_names WHERE name = ?2";
    sqlite3_stmt *st;
    coda_status s = CODA_OK;
    for (int k = 0; k < 2 && s == CODA_OK; k++) {
        s = coda_pj_prepare(p, k ? put : sql, &st, err);
        if (s != CODA_OK)
            break;
        if (k)
            sqlite3_bind_int64(st, 1, doc);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
        if (k)
            sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            s = coda_pj_dberr(p, err);
        sqlite3_finalize(st);
    }
    return s;
}

static coda_status set_attributes(coda_project *p, int64_t doc,
                                  const coda_table *t, size_t r, size_t cdoc,
                                  size_t ctext, coda_error *err)
{
    coda_status s = CODA_OK;
    for (size_t c = 0; c < t->ncol && s == CODA_OK; c++) {
        if (c == cdoc || c == ctext || coda_is_missing(&t->cols[c], r))
            continue;
        coda_strbuf b = { 0 };
        coda_strbuf_puts(&b, "");
        value_text(&t->cols[c], r, &b);
        s = b.failed ? coda_error_nomem(err)
                     : set_attribute(p, doc, t->cols[c].name, b.p, err);
        coda_free(b.p);
    }
    return s;
}

/* --- a changed text ----------------------------------------------------- */

/* The start of the occurrence of needle in text nearest to near, or -1. */
static long long nearest(const char *text, size_t len, const char *needle,
                         size_t nlen, size_t near)
{
    long long best = -1;
    size_t bestd = (size_t)-1;
    for (const char *q = text; nlen && q + nlen <= text + len;) {
        q = memmem(q, (size_t)(text + len - q), needle, nlen);
        if (!q)
            break;
        size_t at = (size_t)(q - text), d = at > near ? at - near : near - at;
        if (d < bestd)
            bestd = d, best = (long long)at;
        q++;
    }
    return best;
}

typedef struct doc_text {
    int64_t id;
    const char *text, *hash;
    int64_t rev;                /* the new text's */
    size_t len;
    coda_pj_units units;
} doc_text;

static coda_status mark_gone(coda_project *p, int64_t seg, const char *note,
                             coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_tally(p, seg, -1, err);
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "UPDATE segments SET gone = 1, note = ?2 WHERE"
                               " id = ?1", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, seg);
    sqlite3_bind_text(st, 2, note, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s == CODA_OK ? coda_pj_tally(p, seg, 1, err) : s;
}

/* Move segment seg to byte offset at of the new text (slen bytes, clen
 * characters); *moved 0 when the same coding is there already. */
static coda_status move_segment(coda_project *p, const doc_text *d,
                                int64_t seg, size_t at, size_t slen,
                                size_t clen, int *moved, coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p,
        "UPDATE OR IGNORE segments SET rev = ?2, start = ?3, stop = ?4,"
        " char_start = ?5, char_stop = ?6, unit = ?7, speaker = ?8, note ="
        " 're-anchored after the document changed' WHERE id = ?1", &st, err);
    if (s != CODA_OK)
        return s;
    size_t cs = coda_pj_chars(d->text, at) + 1;
    size_t u = coda_pj_unit_at(&d->units, at);
    sqlite3_bind_int64(st, 1, seg);
    sqlite3_bind_int64(st, 2, d->rev);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)at + 1);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)(at + slen));
    sqlite3_bind_int64(st, 5, (sqlite3_int64)cs);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)(cs + clen - 1));
    if (u)
        sqlite3_bind_int64(st, 7, (sqlite3_int64)u);
    if (u && d->units.has_speaker[u - 1])
        sqlite3_bind_text(st, 8, d->text + d->units.spk_start[u - 1],
                          (int)d->units.spk_len[u - 1], SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    *moved = sqlite3_changes(p->db) > 0;
    sqlite3_finalize(st);
    return s;
}

/* Move manual segment seg (old start ostart, text stext) to the nearest
 * place its text is found in the new text, or mark it gone. */
static coda_status reanchor_one(coda_project *p, const doc_text *d,
                                int64_t seg, size_t ostart, const char *stext,
                                size_t slen, coda_add_result *res,
                                coda_error *err)
{
    long long at = nearest(d->text, d->len, stext, slen, ostart);
    int moved = 0;
    coda_status s = CODA_OK;
    if (at >= 0)
        s = move_segment(p, d, seg, (size_t)at, slen,
                         coda_pj_chars(stext, slen), &moved, err);
    if (s == CODA_OK && !moved)
        s = mark_gone(p, seg, at < 0 ? "its text is not in the document's "
                                       "new text"
                                     : "the same coding is already at its "
                                       "new place", err);
    if (s == CODA_OK)
        moved ? res->reanchored++ : res->lost++;
    return s;
}

static coda_status reanchor(coda_project *p, const doc_text *d,
                            coda_add_result *res,
                            coda_error *err)
{
    static const coda_pj_col cols[] = { { "id", CODA_INTEGER },
                                        { "start", CODA_INTEGER },
                                        { "text", CODA_STRING } };
    sqlite3_stmt *st;
    coda_table *segs = NULL;      /* read whole: the loop updates them */
    coda_status s = coda_pj_prepare(p, "SELECT id, start, text FROM segments"
                                       " WHERE document = ?1 AND rev = ?2 AND"
                                       " origin = 'manual' AND gone = 0", &st,
                                    err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, d->id);
    sqlite3_bind_int64(st, 2, d->rev - 1);
    s = coda_pj_table(p, st, cols, 3, &segs, err);
    sqlite3_finalize(st);
    for (size_t r = 0; s == CODA_OK && r < segs->nrow; r++)
        s = reanchor_one(p, d, segs->cols[0].v.i[r],
                         (size_t)segs->cols[1].v.i[r] - 1,
                         segs->cols[2].v.s.p[r], segs->cols[2].v.s.len[r],
                         res, err);
    coda_table_free(segs);
    return s;
}

/* Keep the old text, store the new one, retire the auto segments of the
 * old text and re-anchor the manual ones. */
static coda_status replace_text(coda_project *p, doc_text *d,
                                coda_add_result *res,
                                coda_error *err)
{
    char sql[512], now[32], unit[16];
    coda_pj_now(now);
    snprintf(sql, sizeof sql,
             "INSERT INTO document_texts(document, rev, text, hash, replaced) "
             "SELECT id, rev, text, hash, '%s' FROM documents WHERE id = %" PRId64
             "; UPDATE segments SET gone = 1, note = 'the document''s text "
             "changed' WHERE document = %" PRId64 " AND origin = 'auto' AND "
             "gone = 0", now, d->id, d->id);
    coda_status s = coda_pj_exec(p, sql, err);
    sqlite3_stmt *st = NULL;
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "UPDATE documents SET text = ?2, hash = ?3, "
                               "bytes = ?4, chars = ?5, rev = rev + 1 WHERE "
                               "id = ?1", &st,
                            err);
    if (s == CODA_OK) {
        sqlite3_bind_int64(st, 1, d->id);
        sqlite3_bind_text(st, 2, d->text, (int)d->len, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, d->hash, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)d->len);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)coda_pj_chars(d->text, d->len));
        if (sqlite3_step(st) != SQLITE_DONE)
            s = coda_pj_dberr(p, err);
    }
    sqlite3_finalize(st);
    if (s == CODA_OK)
        s = coda_pj_unit(p, unit, err);
    if (s == CODA_OK)
        s = coda_pj_units_split(d->text, d->len, unit, &d->units, err);
    if (s == CODA_OK)
        s = reanchor(p, d, res, err);
    coda_pj_units_free(&d->units);
    res->changed++;
    return s;
}

/* --- adding ------------------------------------------------------------- */

static coda_status insert_doc(coda_project *p, const char *name,
                              const doc_text *d, int64_t *id, coda_error *err)
{
    char now[32];
    sqlite3_stmt *st;
    coda_pj_now(now);
    coda_status s = coda_pj_prepare(p, "INSERT INTO documents(name, text, hash,"
                                       " bytes, chars, added) VALUES (?1, ?2,"
                                       " ?3, ?4, ?5, ?6)", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, d->text, (int)d->len, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, d->hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)d->len);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)coda_pj_chars(d->text, d->len));
    sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    *id = sqlite3_last_insert_rowid(p->db);
    sqlite3_finalize(st);
    return s;
}

/* The stored hash and rev of document name (hash empty when new). */
static coda_status stored_hash(coda_project *p, const char *name,
                               int64_t *id, char hash[41], int64_t *rev,
                               coda_error *err)
{
    sqlite3_stmt *st;
    hash[0] = '\0';
    *id = 0;
    coda_status s = coda_pj_prepare(p, "SELECT id, hash, rev FROM documents "
                                       "WHERE "
                                       "name = ?1", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        snprintf(hash, 41, "%s", sqlite3_column_text(st, 1));
        *rev = sqlite3_column_int64(st, 2);
    } else if (rc != SQLITE_DONE) {
        s = coda_pj_dberr(p, err);
    }
    sqlite3_finalize(st);
    return s;
}

static coda_status add_one(coda_project *p, const char *name,
                           const char *text, size_t len, int64_t *id,
                           coda_add_result *res, coda_error *err)
{
    doc_text d = { 0 };
    char hash[41], old[41];
    size_t bad;
    if (!coda_utf8_valid(text, len, &bad))
        return coda_error_set(err, CODA_EUTF8, NULL, 0, 0,
                              "document \"%s\": invalid UTF-8 at byte offset "
                              "%zu", name, bad);
    char *t = normalise(text, len, &d.len);
    if (!t)
        return coda_error_nomem(err);
    d.text = t;
    coda_sha1_hex(t, d.len, hash);
    d.hash = hash;
    int64_t rev = 0;
    coda_status s = stored_hash(p, name, id, old, &rev, err);
    if (s == CODA_OK && !*id) {
        s = insert_doc(p, name, &d, id, err);
        res->added++;
    } else if (s == CODA_OK && strcmp(old, hash) != 0) {
        d.id = *id;
        d.rev = rev + 1;
        s = replace_text(p, &d, res, err);
    } else if (s == CODA_OK) {
        res->unchanged++;
    }
    coda_free(t);
    return s;
}

/* The string column called name, or an error. */
static coda_status string_col(const coda_table *t, const char *name,
                              size_t *c, coda_error *err)
{
    long k = coda_table_find(t, name);
    if (k < 0 || t->cols[k].type != CODA_STRING)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "documents need a string column \"%s\"", name);
    *c = (size_t)k;
    return CODA_OK;
}

typedef struct name_ctx {
    const coda_column *col;
} name_ctx;

static int by_name(const void *a, const void *b, void *ctx)
{
    const coda_column *c = ((const name_ctx *)ctx)->col;
    return strcmp(c->v.s.p[*(const size_t *)a], c->v.s.p[*(const size_t *)b]);
}

/* Every name present, not empty and given once. */
static coda_status check_names(const coda_table *t, size_t cdoc,
                               size_t ctext, coda_error *err)
{
    const coda_column *c = &t->cols[cdoc];
    for (size_t r = 0; r < t->nrow; r++) {
        if (coda_is_missing(c, r) || c->v.s.len[r] == 0)
            return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                                  "document %zu has no name", r + 1);
        if (!coda_pj_name_ok(c->v.s.p[r], c->v.s.len[r], 255))
            return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                                  "document %zu: a name is 1-255 bytes of "
                                  "UTF-8 without control characters", r + 1);
        if (coda_is_missing(&t->cols[ctext], r))
            return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                                  "document \"%s\" has no text", c->v.s.p[r]);
    }
    size_t *ix = coda_calloc(t->nrow ? t->nrow : 1, sizeof *ix);
    if (!ix)
        return coda_error_nomem(err);
    for (size_t r = 0; r < t->nrow; r++)
        ix[r] = r;
    name_ctx ctx = { c };
    qsort_r(ix, t->nrow, sizeof *ix, by_name, &ctx);
    coda_status s = CODA_OK;
    for (size_t r = 1; r < t->nrow && s == CODA_OK; r++)
        if (!strcmp(c->v.s.p[ix[r - 1]], c->v.s.p[ix[r]]))
            s = coda_error_set(err, CODA_EARG, NULL, 0, 0,
                               "document \"%s\" is given twice (one row per "
                               "document: read a corpus with unit = "
                               "\"document\", or give its folder)",
                               c->v.s.p[ix[r]]);
    coda_free(ix);
    return s;
}

coda_status coda_project_add(coda_project *p, const coda_table *docs,
                             coda_add_result *res, coda_error *err)
{
    size_t cdoc, ctext;
    memset(res, 0, sizeof *res);
    coda_status s = string_col(docs, "doc", &cdoc, err);
    if (s == CODA_OK)
        s = string_col(docs, "text", &ctext, err);
    if (s == CODA_OK)
        s = check_names(docs, cdoc, ctext, err);
    int rollback = s == CODA_OK && !p->in_tx && docs->nrow > 100 &&
                   coda_pj_journal(p, "delete");     /* see project_int.h */
    if (s == CODA_OK)
        s = coda_pj_begin(p, err);
    if (s != CODA_OK) {
        if (rollback)
            coda_pj_journal(p, "wal");
        return s;
    }
    const coda_column *n = &docs->cols[cdoc], *t = &docs->cols[ctext];
    for (size_t r = 0; r < docs->nrow && s == CODA_OK; r++) {
        int64_t id = 0;
        s = add_one(p, n->v.s.p[r], t->v.s.p[r], t->v.s.len[r], &id, res, err);
        if (s == CODA_OK)
            s = set_attributes(p, id, docs, r, cdoc, ctext, err);
    }
    if (s == CODA_OK && res->changed)   /* auto segments went */
        s = coda_pj_retally(p, err);
    s = coda_pj_end(p, s, err);
    if (rollback && !coda_pj_journal(p, "wal") && s == CODA_OK)
        s = coda_pj_dberr(p, err);
    return s;
}

/* --- listing -------------------------------------------------------------- */

static const coda_pj_col doc_cols[] = {
    { "doc", CODA_STRING }, { "hash", CODA_STRING }, { "bytes", CODA_INTEGER },
    { "chars", CODA_INTEGER }, { "added", CODA_STRING }
};
#define NDOC_COLS (sizeof doc_cols / sizeof *doc_cols)

/* The attribute names (their ids and names) that do not clash with the
 * fixed columns. */
static coda_status attribute_cols(coda_project *p, coda_table **names,
                                  coda_error *err)
{
    static const coda_pj_col cols[] = { { "id", CODA_INTEGER },
                                        { "name", CODA_STRING } };
    return coda_pj_query(p, "SELECT id, name FROM attribute_names WHERE name"
                            " NOT IN ('doc', 'hash', 'bytes', 'chars', "
                            "'added') ORDER BY id", cols, 2, names, err);
}

coda_status coda_project_documents(coda_project *p, coda_table **out,
                                   coda_error *err)
{
    coda_table *names = NULL;
    coda_status s = attribute_cols(p, &names, err);
    if (s != CODA_OK)
        return s;
    size_t na = names->nrow;
    coda_pj_col *cols = coda_calloc(NDOC_COLS + na, sizeof *cols);
    coda_strbuf sql = { 0 };
    coda_strbuf_puts(&sql, "SELECT name, hash, bytes, chars, added");
    if (cols)
        memcpy(cols, doc_cols, sizeof doc_cols);
    for (size_t a = 0; cols && a < na; a++) {
        char sub[128];
        snprintf(sub, sizeof sub, ", (SELECT value FROM attributes WHERE "
                 "document = d.id AND name = %" PRId64 ")",
                 names->cols[0].v.i[a]);
        coda_strbuf_puts(&sql, sub);
        cols[NDOC_COLS + a] = (coda_pj_col){ names->cols[1].v.s.p[a],
                                             CODA_STRING };
    }
    coda_strbuf_puts(&sql, " FROM documents d ORDER BY name");
    sqlite3_stmt *st = NULL;
    s = !cols || sql.failed ? coda_error_nomem(err)
                            : coda_pj_prepare(p, sql.p, &st, err);
    if (s == CODA_OK)
        s = coda_pj_table(p, st, cols, NDOC_COLS + na, out, err);
    sqlite3_finalize(st);
    coda_free(sql.p);
    coda_free(cols);
    coda_table_free(names);
    return s;
}

coda_status coda_project_text(coda_project *p, const char *doc, char **text,
                              size_t *len, coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, "SELECT text FROM documents WHERE "
                                       "name = ?1", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *len = (size_t)sqlite3_column_bytes(st, 0);
        *text = coda_strndup((const char *)sqlite3_column_text(st, 0), *len);
        if (!*text)
            s = coda_error_nomem(err);
    } else if (rc == SQLITE_DONE) {
        s = coda_error_set(err, CODA_EARG, p->path, 0, 0,
                           "no document \"%s\" in the project", doc);
    } else {
        s = coda_pj_dberr(p, err);
    }
    sqlite3_finalize(st);
    return s;
}
