/* project_seg.c - a project's segments: listing them with their status,
 * decisions on them, and manual codings. */
#include "project_int.h"

#include "base_alloc.h"
#include "base_strbuf.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* A segment and its latest decision (%s: of everyone, s.decision, or
 * of the reviewer); its status from that decision (see project.h).  The
 * CROSS JOIN keeps documents the outer loop, so that the segments come in
 * order from their index and a page needs no sort of them all. */
static const char seg_select[] =
    "SELECT s.id, d.name, s.unit, s.speaker, s.code, s.start, s.stop,"
    " s.char_start, s.char_stop, s.text, s.origin, c.name, CASE WHEN s.gone"
    " THEN 'gone' WHEN dec.decision = 'accept' THEN 'accepted' WHEN"
    " dec.decision = 'reject' THEN 'rejected' WHEN s.origin = 'manual' THEN"
    " 'accepted' ELSE 'pending' END AS st, s.codebook, s.pattern_row,"
    " CASE WHEN dec.decision <> 'pending' THEN dc.name END,"
    " CASE WHEN dec.decision <> 'pending' THEN dec.time END, s.created,"
    " s.note FROM documents d CROSS JOIN segments s ON s.document = d.id"
    " JOIN coders c ON c.id = s.coder LEFT JOIN decisions dec ON dec.id = %s"
    " LEFT JOIN coders dc ON dc.id = dec.coder WHERE 1";

static const char reviewer_decision[] =
    "(SELECT max(x.id) FROM decisions x WHERE x.segment = s.id AND x.coder ="
    " (SELECT id FROM coders WHERE name = :reviewer))";

static const coda_pj_col seg_cols[] = {
    { "id", CODA_INTEGER }, { "doc", CODA_STRING }, { "unit", CODA_INTEGER },
    { "speaker", CODA_STRING }, { "code", CODA_STRING },
    { "start", CODA_INTEGER }, { "stop", CODA_INTEGER },
    { "char_start", CODA_INTEGER }, { "char_stop", CODA_INTEGER },
    { "text", CODA_STRING }, { "origin", CODA_STRING },
    { "coder", CODA_STRING }, { "status", CODA_STRING },
    { "codebook_version", CODA_INTEGER }, { "pattern_row", CODA_INTEGER },
    { "decided_by", CODA_STRING }, { "decided_at", CODA_STRING },
    { "created", CODA_STRING }, { "note", CODA_STRING } };
#define NSEG_COLS (sizeof seg_cols / sizeof *seg_cols)

static int one_of(const char *s, const char *const *set)
{
    for (; *set; set++)
        if (!strcmp(s, *set))
            return 1;
    return 0;
}

static coda_status check_filter(const coda_seg_filter *f, coda_error *err)
{
    static const char *const statuses[] = { "pending", "accepted", "rejected",
                                            "gone", NULL };
    static const char *const origins[] = { "auto", "manual", NULL };
    if (f->status && !one_of(f->status, statuses))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "unknown status "
                              "\"%s\" (pending, accepted, rejected, gone)",
                              f->status);
    if (f->origin && !one_of(f->origin, origins))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "unknown origin "
                              "\"%s\" (auto, manual)", f->origin);
    return CODA_OK;
}

/* The conditions of f but its status. */
static int wrap_open(const coda_seg_filter *f)
{
    return f->reviewer && f->status && strcmp(f->status, "gone") != 0;
}

static void where(const coda_seg_filter *f, coda_strbuf *w)
{
    if (f->id)
        coda_strbuf_puts(w, " AND s.id = :id");
    if (f->doc)
        coda_strbuf_puts(w, " AND d.name = :doc");
    if (f->code)
        coda_strbuf_puts(w, " AND s.code = :code");
    if (f->coder)
        coda_strbuf_puts(w, " AND c.name = :coder");
    if (f->origin)
        coda_strbuf_puts(w, " AND s.origin = :origin");
    if (f->speaker)
        coda_strbuf_puts(w, " AND s.speaker = :speaker");
}

/* The status condition: on the stored status, or (for a reviewer) on the
 * computed one, by wrapping the query; *wrap says which. */
static void status_where(const coda_seg_filter *f, coda_strbuf *w, int *wrap)
{
    int gone = f->status && !strcmp(f->status, "gone");
    *wrap = f->reviewer && f->status && !gone;
    if (gone)
        coda_strbuf_puts(w, " AND s.gone = 1");
    else if (!f->with_gone || f->status)
        coda_strbuf_puts(w, " AND s.gone = 0");
    if (f->status && !gone && !f->reviewer)
        coda_strbuf_puts(w, " AND s.status = :status");
}

/* The query for f: "SELECT ..." or "SELECT count(*) ...". */
static void build_sql(const coda_seg_filter *f, int count, coda_strbuf *b)
{
    char sel[sizeof seg_select + sizeof reviewer_decision];
    int wrap;
    snprintf(sel, sizeof sel, seg_select,
             f->reviewer ? reviewer_decision : "s.decision");
    if (count && !wrap_open(f)) {       /* the joins the conditions need */
        coda_strbuf_puts(b, "SELECT count(*) FROM segments s JOIN documents d"
                            " ON d.id = s.document JOIN coders c ON c.id ="
                            " s.coder WHERE 1");
        where(f, b);
        status_where(f, b, &wrap);
        return;
    }
    coda_strbuf_puts(b, count ? "SELECT count(*) FROM (" : "");
    coda_strbuf_puts(b, wrap_open(f) ? "SELECT * FROM (" : "");
    coda_strbuf_puts(b, sel);
    where(f, b);
    status_where(f, b, &wrap);
    if (wrap)
        coda_strbuf_puts(b, ") WHERE st = :status");
    if (!count)
        coda_strbuf_puts(b, wrap ? " ORDER BY 2, 6, 7, 5, 1"   /* the index's */
                               : " ORDER BY d.name, s.start, s.stop, s.code,"
                                 " s.rev, s.origin, s.coder");
    if (!count && f->limit)
        coda_strbuf_puts(b, " LIMIT :limit OFFSET :offset");
    coda_strbuf_puts(b, count ? ")" : "");
}

static void bind_name(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i && v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static void bind_filter(sqlite3_stmt *st, const coda_seg_filter *f)
{
    int i = sqlite3_bind_parameter_index(st, ":id");
    if (i)
        sqlite3_bind_int64(st, i, f->id);
    bind_name(st, ":doc", f->doc);
    bind_name(st, ":code", f->code);
    bind_name(st, ":coder", f->coder);
    bind_name(st, ":origin", f->origin);
    bind_name(st, ":speaker", f->speaker);
    bind_name(st, ":reviewer", f->reviewer);
    bind_name(st, ":status", f->status);
    if ((i = sqlite3_bind_parameter_index(st, ":limit")))
        sqlite3_bind_int64(st, i, (sqlite3_int64)(f->limit > INT64_MAX
                                                  ? INT64_MAX : f->limit));
    if ((i = sqlite3_bind_parameter_index(st, ":offset")))
        sqlite3_bind_int64(st, i, (sqlite3_int64)(f->offset > INT64_MAX
                                                  ? INT64_MAX : f->offset));
}

static coda_status prepare_filter(coda_project *p, const coda_seg_filter *f,
                                  int count, sqlite3_stmt **st,
                                  coda_error *err)
{
    coda_seg_filter none = { 0 };
    if (!f)
        f = &none;
    coda_status s = check_filter(f, err);
    if (s != CODA_OK)
        return s;
    coda_strbuf sql = { 0 };
    build_sql(f, count, &sql);
    s = sql.failed ? coda_error_nomem(err) : coda_pj_prepare(p, sql.p, st, err);
    coda_free(sql.p);
    if (s == CODA_OK)
        bind_filter(*st, f);
    return s;
}

coda_status coda_project_segments(coda_project *p, const coda_seg_filter *f,
                                  coda_table **out, coda_error *err)
{
    sqlite3_stmt *st = NULL;
    coda_status s = prepare_filter(p, f, 0, &st, err);
    if (s == CODA_OK)
        s = coda_pj_table(p, st, seg_cols, NSEG_COLS, out, err);
    sqlite3_finalize(st);
    return s;
}

/* A count by code, coder and status only: from the tallies, no scan. */
static int tally_count(const coda_seg_filter *f)
{
    return !f->id && !f->doc && !f->origin && !f->speaker && !f->reviewer;
}

static coda_status count_tallies(coda_project *p, const coda_seg_filter *f,
                                 size_t *n, coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p,
        "SELECT ifnull(sum(n), 0) FROM tallies WHERE (?1 IS NULL OR code ="
        " ?1) AND (?2 IS NULL OR coder = (SELECT id FROM coders WHERE name ="
        " ?2)) AND CASE WHEN ?3 IS NOT NULL THEN status = ?3 WHEN ?4 THEN 1"
        " ELSE status <> 'gone' END", &st, err);
    if (s != CODA_OK)
        return s;
    if (f->code)
        sqlite3_bind_text(st, 1, f->code, -1, SQLITE_STATIC);
    if (f->coder)
        sqlite3_bind_text(st, 2, f->coder, -1, SQLITE_STATIC);
    if (f->status)
        sqlite3_bind_text(st, 3, f->status, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, f->with_gone);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(st, 0);
    else
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

coda_status coda_project_count(coda_project *p, const coda_seg_filter *f,
                               size_t *n, coda_error *err)
{
    coda_seg_filter none = { 0 };
    if (!f)
        f = &none;
    if (tally_count(f)) {
        coda_status s = check_filter(f, err);
        return s == CODA_OK ? count_tallies(p, f, n, err) : s;
    }

    sqlite3_stmt *st = NULL;
    coda_status s = prepare_filter(p, f, 1, &st, err);
    if (s == CODA_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            *n = (size_t)sqlite3_column_int64(st, 0);
        else
            s = coda_pj_dberr(p, err);
    }
    sqlite3_finalize(st);
    return s;
}

/* --- decisions ------------------------------------------------------------ */

static coda_status segment_exists(coda_project *p, int64_t id,
                                  coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, "SELECT 1 FROM segments WHERE id = ?1",
                                    &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        s = coda_error_set(err, CODA_EARG, NULL, 0, 0, "no segment %" PRId64,
                           id);
    else if (rc != SQLITE_ROW)
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

static coda_status insert_decision(coda_project *p, int64_t id,
                                   const char *decision, const char *coder,
                                   const char *time, coda_error *err)
{
    int64_t cid;
    sqlite3_stmt *st;
    coda_status s = segment_exists(p, id, err);
    if (s == CODA_OK)
        s = coda_pj_coder(p, coder, 1, &cid, err);
    if (s == CODA_OK)
        s = coda_pj_tally(p, id, -1, err);
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "INSERT INTO decisions(segment, coder, "
                               "decision, time) VALUES (?1, ?2, ?3, ?4)", &st,
                            err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, cid);
    sqlite3_bind_text(st, 3, decision, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, time, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "UPDATE segments SET decision ="
                               " last_insert_rowid(), status = CASE ?2 WHEN"
                               " 'accept' THEN 'accepted' WHEN 'reject' THEN"
                               " 'rejected' WHEN 'pending' THEN CASE origin"
                               " WHEN 'manual' THEN 'accepted' ELSE 'pending'"
                               " END END WHERE id = ?1", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, decision, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s == CODA_OK ? coda_pj_tally(p, id, 1, err) : s;
}

coda_status coda_project_decide(coda_project *p, int64_t id,
                                const char *decision, const char *coder,
                                const char *time, coda_error *err)
{
    static const char *const kinds[] = { "accept", "reject", "pending", NULL };
    char now[32];
    const char *t = coda_pj_time(time, now);
    if (!decision || !one_of(decision, kinds))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "a decision is "
                              "\"accept\", \"reject\" or \"pending\", not "
                              "\"%s\"", decision ? decision : "");
    if (!t)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "a time is "
                              "YYYY-MM-DDTHH:MM:SSZ, not \"%s\"", time);
    coda_status s = coda_pj_begin(p, err);
    if (s == CODA_OK)
        s = coda_pj_end(p, insert_decision(p, id, decision, coder, t, err),
                        err);
    return s;
}
