/* project_memo.c - memos on a project, document, code or segment, and the
 * list of coders with what each has done. */
#include "project_int.h"

#include "base_alloc.h"
#include "base_utf8.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* The target of a memo exists. */
static coda_status check_target(coda_project *p, const char *on,
                                const char *target, coda_error *err)
{
    int exists = 0;
    int64_t id = 0;
    coda_status s = CODA_OK;
    if (!strcmp(on, "project"))
        return target ? coda_error_set(err, CODA_EARG, NULL, 0, 0,
                                       "a memo on the project has no target")
                      : CODA_OK;
    if (!target)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "a memo on a %s needs its target", on);
    if (!strcmp(on, "document")) {
        s = coda_pj_doc_id(p, target, &id, err);
        exists = id != 0;
    } else if (!strcmp(on, "code")) {
        s = coda_pj_code_exists(p, target, &exists, err);
    } else {
        char *end;
        long long v = strtoll(target, &end, 10);
        coda_seg_filter f = { 0 };
        size_t n = 0;
        f.id = v;
        f.with_gone = 1;
        if (*end || v <= 0)
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "a segment is "
                                  "named by its id, not \"%s\"", target);
        s = coda_project_count(p, &f, &n, err);
        exists = n > 0;
    }
    if (s == CODA_OK && !exists)
        s = coda_error_set(err, CODA_EARG, NULL, 0, 0, "no %s \"%s\" in the "
                           "project", on, target);
    return s;
}

static coda_status insert_memo(coda_project *p, const char *on,
                               const char *target, const char *text,
                               const char *coder, const char *time,
                               int64_t *id, coda_error *err)
{
    int64_t cid;
    sqlite3_stmt *st;
    coda_status s = check_target(p, on, target, err);
    if (s == CODA_OK)
        s = coda_pj_coder(p, coder, 1, &cid, err);
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "INSERT INTO memos(kind, target, coder, time, "
                               "text) VALUES (?1, ?2, ?3, ?4, ?5)", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, on, -1, SQLITE_STATIC);
    if (target)
        sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, cid);
    sqlite3_bind_text(st, 4, time, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, text, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    *id = sqlite3_last_insert_rowid(p->db);
    sqlite3_finalize(st);
    return s;
}

/* CODA_EARG unless on is a kind of memo target. */
static coda_status check_kind(const char *on, coda_error *err)
{
    static const char *const kinds[] = { "project", "document", "code",
                                         "segment" };
    for (size_t k = 0; on && k < 4; k++)
        if (!strcmp(on, kinds[k]))
            return CODA_OK;
    return coda_error_set(err, CODA_EARG, NULL, 0, 0, "a memo is on "
                          "\"project\", \"document\", \"code\" or "
                          "\"segment\", not \"%s\"", on ? on : "");
}

coda_status coda_project_memo(coda_project *p, const char *on,
                              const char *target, const char *text,
                              const char *coder, const char *time,
                              int64_t *id, coda_error *err)
{
    char now[32];
    const char *t = coda_pj_time(time, now);
    size_t bad;
    if (check_kind(on, err) != CODA_OK)
        return CODA_EARG;
    if (!text || !*text || !coda_utf8_valid(text, strlen(text), &bad))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "a memo needs text (UTF-8)");
    if (!t)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "a time is "
                              "YYYY-MM-DDTHH:MM:SSZ, not \"%s\"", time);
    coda_status s = coda_pj_begin(p, err);
    if (s == CODA_OK)
        s = coda_pj_end(p, insert_memo(p, on, target, text, coder, t, id, err),
                        err);
    return s;
}

coda_status coda_project_memos(coda_project *p, const char *on,
                               const char *target, coda_table **out,
                               coda_error *err)
{
    static const coda_pj_col cols[] = {
        { "id", CODA_INTEGER }, { "on", CODA_STRING },
        { "target", CODA_STRING }, { "coder", CODA_STRING },
        { "time", CODA_STRING }, { "text", CODA_STRING } };
    sqlite3_stmt *st;
    if (on && check_kind(on, err) != CODA_OK)
        return CODA_EARG;
    coda_status s = coda_pj_prepare(p, "SELECT m.id, m.kind, m.target, c.name,"
                                       " m.time, m.text FROM memos m JOIN "
                                       "coders c ON c.id = m.coder WHERE (?1 "
                                       "IS NULL OR m.kind = ?1) AND (?2 IS "
                                       "NULL OR m.target = ?2) ORDER BY m.id",
                                    &st, err);
    if (s != CODA_OK)
        return s;
    if (on)
        sqlite3_bind_text(st, 1, on, -1, SQLITE_STATIC);
    if (target)
        sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
    s = coda_pj_table(p, st, cols, 6, out, err);
    sqlite3_finalize(st);
    return s;
}

coda_status coda_project_coders(coda_project *p, coda_table **out,
                                coda_error *err)
{
    static const coda_pj_col cols[] = {
        { "coder", CODA_STRING }, { "segments", CODA_INTEGER },
        { "decisions", CODA_INTEGER }, { "memos", CODA_INTEGER } };
    return coda_pj_query(p,
        "SELECT c.name, ifnull(s.n, 0), ifnull(d.n, 0), ifnull(m.n, 0) FROM"
        " coders c LEFT JOIN (SELECT coder, sum(n) AS n FROM tallies WHERE"
        " status <> 'gone' GROUP BY coder) s ON s.coder = c.id LEFT JOIN (SELECT"
        " coder, count(*) AS n FROM decisions GROUP BY coder) d ON d.coder ="
        " c.id LEFT JOIN (SELECT coder, count(*) AS n FROM memos GROUP BY"
        " coder) m ON m.coder = c.id WHERE ifnull(s.n, 0) + ifnull(d.n, 0) +"
        " ifnull(m.n, 0) > 0 ORDER BY c.name <> 'auto', c.id", cols, 4, out, err);
}
