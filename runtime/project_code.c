/* project_code.c - a coding run over a project: every document split into
 * units and coded, and the segments found merged with those stored, so
 * that a segment still produced keeps its id and decisions, a new one is
 * pending and one no longer produced is gone. */
#include "project_int.h"

#include "alloc.h"
#include "coder.h"
#include "corpus.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void coda_project_code_opts_init(coda_project_code_opts *o)
{
    memset(o, 0, sizeof *o);
}

/* The documents and their units, as a corpus the coder takes, with where
 * each corpus row lies in its document. */
typedef struct run {
    coda_table *docs;           /* id, name, text, hash */
    coda_table *corpus;         /* doc, unit, speaker, text */
    size_t *row_doc, *row_start;
} run;

static void run_free(run *r)
{
    coda_table_free(r->docs);
    coda_table_free(r->corpus);
    coda_free(r->row_doc);
    coda_free(r->row_start);
}

static coda_status load_docs(coda_project *p, run *r, coda_error *err)
{
    static const coda_pj_col cols[] = {
        { "id", CODA_INTEGER }, { "doc", CODA_STRING },
        { "text", CODA_STRING }, { "hash", CODA_STRING } };
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, "SELECT id, name, text, hash FROM "
                                       "documents ORDER BY name", &st, err);
    if (s == CODA_OK)
        s = coda_pj_table(p, st, cols, 4, &r->docs, err);
    sqlite3_finalize(st);
    return s;
}

/* Split every document (units[d]); the total in *n. */
static coda_status split_all(const run *r, const char *unit,
                             coda_pj_units *units, size_t *n, coda_error *err)
{
    const coda_column *text = &r->docs->cols[2];
    coda_status s = CODA_OK;
    *n = 0;
    for (size_t d = 0; d < r->docs->nrow && s == CODA_OK; d++) {
        s = coda_pj_units_split(text->v.s.p[d], text->v.s.len[d], unit,
                                &units[d], err);
        *n += units[d].n;
    }
    return s;
}

static coda_status fill_corpus(run *r, const coda_pj_units *units,
                               coda_error *err)
{
    static const char *const names[] = { "doc", "unit", "speaker", "text" };
    coda_table *c = r->corpus;
    coda_status s = CODA_OK;
    for (size_t k = 0; k < 4 && s == CODA_OK; k++)
        s = coda_table_init_column(c, k, names[k],
                                   k == 1 ? CODA_INTEGER : CODA_STRING);
    size_t row = 0;
    for (size_t d = 0; d < r->docs->nrow && s == CODA_OK; d++) {
        const char *t = r->docs->cols[2].v.s.p[d];
        const coda_pj_units *u = &units[d];
        for (size_t k = 0; k < u->n && s == CODA_OK; k++, row++) {
            r->row_doc[row] = d;
            r->row_start[row] = u->start[k];
            c->cols[1].v.i[row] = (int64_t)k + 1;
            s = coda_table_set_string(c, 0, row, r->docs->cols[1].v.s.p[d],
                                      r->docs->cols[1].v.s.len[d]);
            if (s == CODA_OK)
                s = u->has_speaker[k]
                    ? coda_table_set_string(c, 2, row, t + u->spk_start[k],
                                            u->spk_len[k])
                    : coda_table_set_missing(c, 2, row);
            if (s == CODA_OK)
                s = coda_table_set_string(c, 3, row, t + u->start[k],
                                          u->end[k] - u->start[k]);
        }
    }
    return s == CODA_OK ? CODA_OK : coda_error_nomem(err);
}

static coda_status build_corpus(coda_project *p, run *r, const char *unit,
                                coda_error *err)
{
    coda_status s = load_docs(p, r, err);
    if (s != CODA_OK)
        return s;
    size_t nd = r->docs->nrow, n = 0;
    coda_pj_units *units = coda_calloc(nd ? nd : 1, sizeof *units);
    s = units ? split_all(r, unit, units, &n, err) : coda_error_nomem(err);
    if (s == CODA_OK) {
        r->row_doc = coda_calloc(n ? n : 1, sizeof *r->row_doc);
        r->row_start = coda_calloc(n ? n : 1, sizeof *r->row_start);
        s = r->row_doc && r->row_start ? coda_table_create(n, 4, &r->corpus)
                                       : CODA_ENOMEM;
        s = s == CODA_OK ? fill_corpus(r, units, err) : coda_error_nomem(err);
    }
    for (size_t d = 0; units && d < nd; d++)
        coda_pj_units_free(&units[d]);
    coda_free(units);
    return s;
}

/* --- the segments found, into a temporary table --------------------------- */

static const char temp_sql[] =
    "DROP TABLE IF EXISTS temp.found; DROP TABLE IF EXISTS temp.scope;"
    "CREATE TEMP TABLE found(document INTEGER, hash TEXT, code TEXT, start"
    " INTEGER, stop INTEGER, char_start INTEGER, char_stop INTEGER, unit"
    " INTEGER, speaker TEXT, text TEXT, pattern_row INTEGER);"
    "CREATE TEMP TABLE scope(code TEXT PRIMARY KEY);"
    "CREATE INDEX temp.found_key ON found(document, code, start, stop);";

/* Where the walk over one document's segments is: byte and character. */
typedef struct cursor {
    size_t doc, byte, chr;
} cursor;

/* The 1-based character position of byte offset off (0-based) of text,
 * counting on from the cursor (segments come in order of start within a
 * document). */
static size_t char_at(cursor *c, size_t doc, const char *text, size_t off)
{
    if (c->doc != doc || off < c->byte)
        *c = (cursor){ doc, 0, 0 };
    c->chr += coda_pj_chars(text + c->byte, off - c->byte);
    c->byte = off;
    return c->chr + 1;
}

static void bind_found(sqlite3_stmt *ins, const run *r, const coda_table *seg,
                       size_t i, size_t row, cursor *cur)
{
    size_t d = r->row_doc[row];
    const char *text = r->docs->cols[2].v.s.p[d];
    size_t start = r->row_start[row] + (size_t)seg->cols[4].v.i[i] - 1;
    size_t len = (size_t)(seg->cols[5].v.i[i] - seg->cols[4].v.i[i] + 1);
    size_t cs = char_at(cur, d, text, start);
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    sqlite3_bind_int64(ins, 1, r->docs->cols[0].v.i[d]);
    sqlite3_bind_text(ins, 2, r->docs->cols[3].v.s.p[d], -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, seg->cols[3].v.s.p[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 4, (sqlite3_int64)start + 1);
    sqlite3_bind_int64(ins, 5, (sqlite3_int64)(start + len));
    sqlite3_bind_int64(ins, 6, (sqlite3_int64)cs);
    sqlite3_bind_int64(ins, 7,
                       (sqlite3_int64)(cs + coda_pj_chars(text + start, len) - 1));
    sqlite3_bind_int64(ins, 8, seg->cols[1].v.i[i]);
    if (!coda_is_missing(&seg->cols[2], i))
        sqlite3_bind_text(ins, 9, seg->cols[2].v.s.p[i],
                          (int)seg->cols[2].v.s.len[i], SQLITE_STATIC);
    sqlite3_bind_text(ins, 10, text + start, (int)len, SQLITE_STATIC);
}

/* The corpus row of segment i, walking on from *row (segments come in
 * corpus order). */
static size_t seg_row(const run *r, const coda_table *seg, size_t i,
                      size_t *row)
{
    const coda_column *doc = &r->corpus->cols[0], *unit = &r->corpus->cols[1];
    while (*row < r->corpus->nrow &&
           (unit->v.i[*row] != seg->cols[1].v.i[i] ||
            strcmp(doc->v.s.p[*row], seg->cols[0].v.s.p[i]) != 0))
        (*row)++;
    return *row;
}

static coda_status store_found(coda_project *p, const run *r,
                               const coda_table *seg, coda_error *err)
{
    sqlite3_stmt *ins;
    coda_status s = coda_pj_exec(p, temp_sql, err);
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "INSERT INTO temp.found VALUES (?1, ?2, ?3, ?4,"
                               " ?5, ?6, ?7, ?8, ?9, ?10, NULL)", &ins, err);
    if (s != CODA_OK)
        return s;
    size_t row = 0;
    cursor cur = { (size_t)-1, 0, 0 };
    for (size_t i = 0; i < seg->nrow && s == CODA_OK; i++) {
        if (seg_row(r, seg, i, &row) == r->corpus->nrow)
            s = coda_error_set(err, CODA_EARG, NULL, 0, 0, "a segment of no "
                               "unit (document \"%s\")", seg->cols[0].v.s.p[i]);
        else {
            bind_found(ins, r, seg, i, row, &cur);
            if (sqlite3_step(ins) != SQLITE_DONE)
                s = coda_pj_dberr(p, err);
        }
    }
    sqlite3_finalize(ins);
    return s;
}

/* --- merging ------------------------------------------------------------- */

#define SAME "s.document = f.document AND s.hash = f.hash AND s.code = " \
             "f.code AND s.start = f.start AND s.stop = f.stop"

static coda_status count_sql(coda_project *p, const char *sql, size_t *n,
                             coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, sql, &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, p->auto_id);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(st, 0);
    else
        s = coda_pj_dberr(p, err);
    sqlite3_finalize(st);
    return s;
}

/* Run sql with ?1 the auto-coder, ?2 the version, ?3 now; *n the rows it
 * changed. */
static coda_status change_sql(coda_project *p, const char *sql, int64_t v,
                              size_t *n, coda_error *err)
{
    char now[32];
    sqlite3_stmt *st;
    coda_pj_now(now);
    coda_status s = coda_pj_prepare(p, sql, &st, err);
    if (s != CODA_OK)
        return s;
    sqlite3_bind_int64(st, 1, p->auto_id);
    sqlite3_bind_int64(st, 2, v);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        s = coda_pj_dberr(p, err);
    *n = (size_t)sqlite3_changes(p->db);
    sqlite3_finalize(st);
    return s;
}

static coda_status merge(coda_project *p, int all, coda_code_result *res,
                         coda_error *err)
{
    size_t matched = 0;
    coda_status s = count_sql(p, "SELECT count(*) FROM temp.found", &res->found,
                              err);
    if (s == CODA_OK)
        s = count_sql(p, "SELECT count(*) FROM segments s JOIN temp.found f ON "
                         SAME " WHERE s.origin = 'auto' AND s.coder = ?1 AND "
                         "s.gone = 1", &res->revived, err);
    if (s == CODA_OK)
        s = change_sql(p, "UPDATE segments AS s SET gone = 0, note = NULL, "
                          "codebook = ?2, pattern_row = f.pattern_row, unit = "
                          "f.unit, speaker = f.speaker FROM temp.found f WHERE "
                          SAME " AND s.origin = 'auto' AND s.coder = ?1",
                       res->version, &matched, err);
    res->kept = matched - res->revived;
    if (s == CODA_OK)
        s = change_sql(p, all
            ? "UPDATE segments AS s SET gone = 1, note = 'not produced by "
              "codebook version ' || ?2 WHERE origin = 'auto' AND gone = 0 AND"
              " NOT EXISTS (SELECT 1 FROM temp.found f WHERE " SAME ")"
            : "UPDATE segments AS s SET gone = 1, note = 'not produced by "
              "codebook version ' || ?2 WHERE origin = 'auto' AND gone = 0 AND"
              " code IN (SELECT code FROM temp.scope) AND NOT EXISTS (SELECT 1"
              " FROM temp.found f WHERE " SAME ")", res->version, &res->gone,
            err);
    if (s == CODA_OK)
        s = change_sql(p, "INSERT INTO segments(document, hash, code, start, "
                          "stop, char_start, char_stop, unit, speaker, text, "
                          "origin, coder, codebook, pattern_row, created) "
                          "SELECT f.document, f.hash, f.code, f.start, f.stop,"
                          " f.char_start, f.char_stop, f.unit, f.speaker, "
                          "f.text, 'auto', ?1, ?2, f.pattern_row, ?3 FROM "
                          "temp.found f WHERE NOT EXISTS (SELECT 1 FROM "
                          "segments s WHERE " SAME " AND s.origin = 'auto' AND"
                          " s.coder = ?1) ORDER BY f.rowid", res->version,
                       &res->added, err);
    if (s == CODA_OK)
        s = coda_pj_exec(p, "DROP TABLE temp.found; DROP TABLE temp.scope",
                         err);
    return s;
}

/* --- which alternative of a code produced a segment ----------------------- */

/* A codebook of every alternative of cb's codes with more than one, each
 * its own code "r<i>_<j>" (code i, row j); NULL in *out when there is
 * none. */
static coda_status split_rows(const coda_codebook *cb, coda_codebook **out,
                              coda_error *err)
{
    coda_codebook *rows = NULL;
    coda_status s = CODA_OK;
    *out = NULL;
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
    if (s != CODA_OK)
        coda_codebook_free(rows);
    else
        *out = rows;
    return s;
}

static coda_status mark_row(coda_project *p, sqlite3_stmt *up, const run *r,
                            const coda_codebook *cb, const coda_table *seg,
                            size_t i, size_t row, coda_error *err)
{
    size_t ci, cj;
    if (sscanf(seg->cols[3].v.s.p[i], "r%zu_%zu", &ci, &cj) != 2)
        return CODA_OK;
    coda_code_info info;
    coda_codebook_info(cb, ci, &info);
    size_t start = r->row_start[row] + (size_t)seg->cols[4].v.i[i];
    size_t stop = r->row_start[row] + (size_t)seg->cols[5].v.i[i];
    sqlite3_reset(up);
    sqlite3_bind_int64(up, 1, r->docs->cols[0].v.i[r->row_doc[row]]);
    sqlite3_bind_text(up, 2, info.name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(up, 3, (sqlite3_int64)start);
    sqlite3_bind_int64(up, 4, (sqlite3_int64)stop);
    sqlite3_bind_int64(up, 5, (sqlite3_int64)cj + 1);
    return sqlite3_step(up) == SQLITE_DONE ? CODA_OK : coda_pj_dberr(p, err);
}

/* Set found.pattern_row: 1 for a code of one alternative, else the first
 * alternative that, coded alone, gives the same span. */
static coda_status pattern_rows(coda_project *p, const coda_codebook *cb,
                                const run *r, int threads, coda_error *err)
{
    coda_codebook *rows = NULL;
    coda_table *seg = NULL;
    sqlite3_stmt *up = NULL;
    coda_code_opts co;
    coda_code_opts_init(&co);
    co.threads = threads;
    coda_status s = split_rows(cb, &rows, err);
    if (s == CODA_OK && rows)
        s = coda_code(rows, r->corpus, &co, &seg, err);
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "UPDATE temp.found SET pattern_row = ?5 WHERE "
                               "document = ?1 AND code = ?2 AND start = ?3 AND"
                               " stop = ?4 AND pattern_row IS NULL", &up, err);
    size_t row = 0;
    for (size_t i = 0; seg && i < seg->nrow && s == CODA_OK; i++)
        if (seg_row(r, seg, i, &row) < r->corpus->nrow)
            s = mark_row(p, up, r, cb, seg, i, row, err);
    sqlite3_finalize(up);
    coda_table_free(seg);
    coda_codebook_free(rows);
    if (s != CODA_OK)
        return s;
    for (size_t i = 0; i < coda_codebook_size(cb) && s == CODA_OK; i++) {
        coda_code_info info;
        coda_codebook_info(cb, i, &info);
        char sql[64];
        snprintf(sql, sizeof sql, "UPDATE temp.found SET pattern_row = 1 "
                 "WHERE code = ?1");
        if (info.nrows == 1 && coda_pj_prepare(p, sql, &up, err) == CODA_OK) {
            sqlite3_bind_text(up, 1, info.name, -1, SQLITE_STATIC);
            s = sqlite3_step(up) == SQLITE_DONE ? CODA_OK
                                                : coda_pj_dberr(p, err);
            sqlite3_finalize(up);
        }
    }
    return s;
}

/* --- the run ------------------------------------------------------------- */

static coda_status fill_scope(coda_project *p, const coda_project_code_opts *o,
                              coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, "INSERT OR IGNORE INTO temp.scope "
                                       "VALUES (?1)", &st, err);
    for (size_t i = 0; i < o->ncodes && s == CODA_OK; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, o->codes[i], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            s = coda_pj_dberr(p, err);
    }
    sqlite3_finalize(st);
    return s;
}

static coda_status code_run(coda_project *p, const coda_codebook *cb,
                            const coda_project_code_opts *o, const char *unit,
                            coda_code_result *res, coda_error *err)
{
    run r = { 0 };
    coda_table *seg = NULL;
    coda_code_opts co;
    coda_code_opts_init(&co);
    co.codes = o->codes;
    co.ncodes = o->ncodes;
    co.threads = o->threads;
    coda_status s = coda_pj_store_codebook(p, cb, o->source, &res->version,
                                           &res->new_version, err);
    if (s == CODA_OK)
        s = build_corpus(p, &r, unit, err);
    if (s == CODA_OK)
        s = coda_code(cb, r.corpus, &co, &seg, err);
    if (s == CODA_OK)
        s = store_found(p, &r, seg, err);
    if (s == CODA_OK)
        s = fill_scope(p, o, err);
    if (s == CODA_OK)
        s = pattern_rows(p, cb, &r, o->threads, err);
    if (s == CODA_OK)
        s = merge(p, o->codes == NULL, res, err);
    if (s == CODA_OK)
        s = coda_pj_set_setting(p, "unit", unit, err);
    res->documents = r.docs ? r.docs->nrow : 0;
    res->units = r.corpus ? r.corpus->nrow : 0;
    coda_table_free(seg);
    run_free(&r);
    return s;
}

coda_status coda_project_code(coda_project *p, const coda_codebook *cb,
                              const coda_project_code_opts *o,
                              coda_code_result *res, coda_error *err)
{
    coda_project_code_opts def;
    coda_unit_kind kind;
    char unit[16];
    if (!o)
        coda_project_code_opts_init(&def), o = &def;
    memset(res, 0, sizeof *res);
    if (o->unit && !coda_unit_parse(o->unit, &kind))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "unknown unit \"%s\" (document, paragraph, "
                              "turn, sentence)", o->unit);
    coda_status s = o->unit ? (snprintf(unit, sizeof unit, "%s", o->unit),
                               CODA_OK)
                            : coda_pj_unit(p, unit, err);
    if (s == CODA_OK)
        s = coda_pj_begin(p, err);
    if (s != CODA_OK)
        return s;
    return coda_pj_end(p, code_run(p, cb, o, unit, res, err), err);
}
