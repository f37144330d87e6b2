/* project_codebook.c - a project's codebook versions (each kept as
 * canonical CSV with its hash) and its codes, manual-only ones included. */
#include "project_int.h"

#include "base_alloc.h"
#include "base_strbuf.h"
#include "base_uuid.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void csv_field(coda_strbuf *b, const char *s, int last)
{
    coda_strbuf_puts(b, "\"");
    for (const char *q = s; *q; q++) {
        if (*q == '"')
            coda_strbuf_puts(b, "\"");     /* a quote is doubled */
        coda_strbuf_add(b, q, 1);
    }
    coda_strbuf_puts(b, last ? "\"\n" : "\",");
}

/* cb's rows as CSV with every field quoted, code by code. */
static void canonical_csv(const coda_codebook *cb, coda_strbuf *b)
{
    coda_strbuf_puts(b, "code,parent,description,color,pattern,flags,exclude,"
                        "example,counterexample\n");
    for (size_t i = 0; i < coda_codebook_size(cb); i++) {
        coda_code_info info;
        coda_codebook_info(cb, i, &info);
        coda_code_info pi = { 0 };
        if (info.parent >= 0)
            coda_codebook_info(cb, (size_t)info.parent, &pi);
        for (size_t j = 0; j < (info.nrows ? info.nrows : 1); j++) {
            coda_code_row r = { 0 };
            if (info.nrows)
                coda_codebook_row(cb, i, j, &r);
            const char *f[9] = { info.name, pi.name ? pi.name : "",
                                 j ? "" : info.description,
                                 j ? "" : info.color,
                                 r.pattern ? r.pattern : "",
                                 r.flags ? r.flags : "",
                                 r.exclude ? r.exclude : "",
                                 r.example ? r.example : "",
                                 r.counterexample ? r.counterexample : "" };
            for (int k = 0; k < 9; k++)
                csv_field(b, f[k], k == 8);
        }
    }
}

static coda_status find_version(coda_project *p, const char *hash,
                                int64_t *version, coda_error *err)
{
    return coda_pj_lookup(p, "SELECT version FROM codebooks WHERE hash = ?1",
                          hash, version, err);
}

static coda_status insert_version(coda_project *p, const coda_codebook *cb,
                                  const coda_strbuf *text, const char *hash,
                                  const char *source, int64_t *version,
                                  coda_error *err)
{
    char now[32];
    size_t rows = 0;
    for (size_t i = 0; i < coda_codebook_size(cb); i++) {
        coda_code_info info;
        coda_codebook_info(cb, i, &info);
        rows += info.nrows;
    }
    coda_pj_now(now);
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, "INSERT INTO codebooks(hash, source, "
                                       "text, codes, rows, added) VALUES (?1,"
                                       " ?2, ?3, ?4, ?5, ?6)", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    if (source)
        sqlite3_bind_text(st, 2, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, text->p, (int)text->n, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)coda_codebook_size(cb));
    sqlite3_bind_int64(st, 5, (sqlite3_int64)rows);
    sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    *version = sqlite3_last_insert_rowid(p->db);
    sqlite3_finalize(st);
    return s;
}

/* Make cb's codes the project's codes of version. */
static coda_status update_codes(coda_project *p, const coda_codebook *cb,
                                int64_t version, coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p,
        "INSERT INTO codes(name, parent, description, color, origin, version,"
        " pos) VALUES (?1, ?2, ?3, ?4, 'codebook', ?5, ?6) ON CONFLICT(name)"
        " DO UPDATE SET parent = ?2, description = ?3, color = ?4, origin ="
        " 'codebook', version = ?5, pos = ?6", &st, err);
    for (size_t i = 0; s == CODA_OK && i < coda_codebook_size(cb); i++) {
        coda_code_info info, pi;
        coda_codebook_info(cb, i, &info);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        sqlite3_bind_text(st, 1, info.name, -1, SQLITE_STATIC);
        if (info.parent >= 0) {
            coda_codebook_info(cb, (size_t)info.parent, &pi);
            sqlite3_bind_text(st, 2, pi.name, -1, SQLITE_STATIC);
        }
        if (*info.description)
            sqlite3_bind_text(st, 3, info.description, -1, SQLITE_STATIC);
        if (*info.color)
            sqlite3_bind_text(st, 4, info.color, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, version);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)i);
        if (sqlite3_step(st) != SQLITE_DONE)
            s = coda_pj_dberr(p, err);
    }
    sqlite3_finalize(st);
    return s;
}

coda_status coda_pj_store_codebook(coda_project *p, const coda_codebook *cb,
                                   const char *source, int64_t *version,
                                   int *is_new, coda_error *err)
{
    coda_strbuf text = { 0 };
    canonical_csv(cb, &text);
    if (text.failed) {
        coda_free(text.p);
        return coda_error_nomem(err);
    }
    char hash[41];
    coda_sha1_hex(text.p, text.n, hash);
    coda_status s = find_version(p, hash, version, err);
    *is_new = s == CODA_OK && *version == 0;
    if (*is_new)
        s = insert_version(p, cb, &text, hash, source, version, err);
    if (s == CODA_OK)
        s = update_codes(p, cb, *version, err);
    coda_free(text.p);
    return s;
}

coda_status coda_project_codebook(coda_project *p, int64_t version,
                                  coda_codebook **out, coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, version > 0
        ? "SELECT text, version FROM codebooks WHERE version = ?1"
        : "SELECT text, version FROM codebooks ORDER BY version DESC LIMIT 1",
        &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, version);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char name[64];
        snprintf(name, sizeof name, "codebook version %" PRId64,
                 (int64_t)sqlite3_column_int64(st, 1));
        s = coda_codebook_read_mem((const char *)sqlite3_column_text(st, 0),
                                   (size_t)sqlite3_column_bytes(st, 0), name,
                                   0, out, err);
    } else if (rc == SQLITE_DONE) {
        s = version > 0
            ? coda_error_set(err, CODA_EARG, p->path, 0, 0,
                             "no codebook version %" PRId64, version)
            : coda_error_set(err, CODA_EARG, p->path, 0, 0,
                             "no codebook yet: code the project first");
    } else {
        s = coda_pj_dberr(p, err);
    }
    sqlite3_finalize(st);
    return s;
}

coda_status coda_project_codebooks(coda_project *p, coda_table **out,
                                   coda_error *err)
{
    static const coda_pj_col cols[] = {
        { "version", CODA_INTEGER }, { "hash", CODA_STRING },
        { "source", CODA_STRING }, { "codes", CODA_INTEGER },
        { "rows", CODA_INTEGER }, { "added", CODA_STRING } };
    return coda_pj_query(p, "SELECT version, hash, source, codes, rows, added "
                          "FROM codebooks ORDER BY version", cols, 6, out,
                       err);
}

/* A code's path: its ancestors' names and its own joined by "/" (a
 * recursive query; a cycle cannot be stored, parents being checked). */
static const char codes_sql[] =
    "WITH RECURSIVE up(id, name, anc, depth) AS ("
    " SELECT id, name, parent, 0 FROM codes"
    " UNION ALL SELECT up.id, c.name || '/' || up.name, c.parent, depth + 1"
    " FROM up JOIN codes c ON c.name = up.anc WHERE depth <= 200)"
    " SELECT c.name, c.parent, (SELECT name FROM up WHERE up.id = c.id AND"
    " up.anc IS NULL), c.description, c.color, c.origin, c.origin = 'manual'"
    " OR c.version = (SELECT CAST(value AS INTEGER) FROM settings WHERE key ="
    " 'codebook'), ifnull(n.n, 0) FROM codes c LEFT JOIN (SELECT code,"
    " sum(n) AS n FROM tallies WHERE status <> 'gone' GROUP BY code) n ON"
    " n.code = c.name ORDER BY c.origin = 'manual', c.pos, c.id";

coda_status coda_project_codes(coda_project *p, coda_table **out,
                               coda_error *err)
{
    static const coda_pj_col cols[] = {
        { "code", CODA_STRING }, { "parent", CODA_STRING },
        { "path", CODA_STRING }, { "description", CODA_STRING },
        { "color", CODA_STRING }, { "origin", CODA_STRING },
        { "current", CODA_BOOLEAN }, { "segments", CODA_INTEGER } };
    return coda_pj_query(p, codes_sql, cols, 8, out, err);
}

/* "origin/parent" of code name, or NULL when there is no such code. */
static coda_status code_row(coda_project *p, const char *name,
                            char **origin_parent, coda_error *err)
{
    return coda_pj_lookup_text(p, "SELECT origin || '/' || ifnull(parent, "
                                  "'') FROM codes WHERE name = ?1", name,
                               origin_parent, err);
}

coda_status coda_pj_code_exists(coda_project *p, const char *name, int *exists,
                                coda_error *err)
{
    int64_t one = 0;
    coda_status s = coda_pj_lookup(p, "SELECT 1 FROM codes WHERE name = ?1",
                                   name, &one, err);
    *exists = one == 1;
    return s;
}

static coda_status insert_manual_code(coda_project *p, const char *name,
                                      const char *parent, const char *desc,
                                      const char *color, coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, "INSERT INTO codes(name, parent, "
                                       "description, color, origin, pos) "
                                       "VALUES (?1, ?2, ?3, ?4, 'manual', "
                                       "1000000000)", &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, parent && *parent ? parent : NULL, -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(st, 3, desc && *desc ? desc : NULL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, color && *color ? color : NULL, -1,
                      SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

/* A code name: 1-200 bytes, no control characters, no "/" (the path
 * separator). */
static int code_name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 200)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == '/' || s[i] == 0x7f)
            return 0;
    return 1;
}

static int color_ok(const char *c)
{
    if (!c || !*c)
        return 1;
    if (strlen(c) != 7 || c[0] != '#')
        return 0;
    for (int i = 1; i < 7; i++)
        if (!strchr("0123456789abcdefABCDEF", c[i]))
            return 0;
    return 1;
}

static coda_status check_new_code(coda_project *p, const char *name,
                                  const char *parent, const char *color,
                                  coda_error *err)
{
    if (!code_name_ok(name))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "a code name is 1-200 bytes without control "
                              "characters or \"/\"");
    if (!color_ok(color))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "a colour is \"#rrggbb\", not \"%s\"", color);
    int exists = 1;
    coda_status s = parent && *parent
        ? coda_pj_code_exists(p, parent, &exists, err) : CODA_OK;
    if (s == CODA_OK && !exists)
        s = coda_error_set(err, CODA_EARG, NULL, 0, 0,
                           "no parent code \"%s\"", parent);
    int64_t depth = 0;      /* the new code's ancestors: parent's + 1 */
    if (s == CODA_OK && parent && *parent)
        s = coda_pj_lookup(p, "WITH RECURSIVE up(name, n) AS (SELECT ?1, 1"
                              " UNION ALL SELECT c.parent, n + 1 FROM up JOIN"
                              " codes c ON c.name = up.name WHERE c.parent IS"
                              " NOT NULL AND n <= 200) SELECT max(n) FROM up",
                           parent, &depth, err);
    if (s == CODA_OK && depth > CODA_CODE_DEPTH)
        s = coda_error_set(err, CODA_EARG, NULL, 0, 0, "code \"%s\" would "
                           "have more than %d ancestors (codes nest at most "
                           "%d deep)", name, CODA_CODE_DEPTH, CODA_CODE_DEPTH);
    return s;
}

coda_status coda_project_add_code(coda_project *p, const char *name,
                                  const char *parent, const char *description,
                                  const char *color, coda_error *err)
{
    coda_status s = check_new_code(p, name, parent, color, err);
    char *op = NULL;
    if (s == CODA_OK)
        s = code_row(p, name, &op, err);
    if (s == CODA_OK && op) {
        char want[512];
        snprintf(want, sizeof want, "manual/%s", parent ? parent : "");
        if (strcmp(op, want) != 0)
            s = coda_error_set(err, CODA_EARG, NULL, 0, 0,
                               "there is a code \"%s\" already", name);
    } else if (s == CODA_OK) {
        s = coda_pj_begin(p, err);
        if (s == CODA_OK)
            s = coda_pj_end(p, insert_manual_code(p, name, parent,
                                                  description, color, err),
                            err);
    }
    coda_free(op);
    return s;
}
