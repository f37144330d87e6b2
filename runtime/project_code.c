/* project_code.c - a coding run over a project: every document split into
 * units and coded, and the segments found merged with those stored, so
 * that a segment still produced keeps its id and decisions, a new one is
 * pending and one no longer produced is gone. */
#include "project_int.h"

#include "base_alloc.h"
#include "coder.h"
#include "corpus.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void coda_project_code_opts_init(coda_project_code_opts *o)
{
    memset(o, 0, sizeof *o);
}

void coda_pj_run_free(coda_pj_run *r)
{
    coda_table_free(r->docs);
    coda_table_free(r->corpus);
    coda_table_free(r->seg);
    coda_free(r->row_doc);
    coda_free(r->row_start);
}

static coda_status load_docs(coda_project *p, coda_pj_run *r, coda_error *err)
{
    static const coda_pj_col cols[] = {
        { "id", CODA_INTEGER }, { "doc", CODA_STRING },
        { "text", CODA_STRING }, { "rev", CODA_INTEGER } };
    return coda_pj_query(p, "SELECT id, name, text, rev FROM documents ORDER "
                            "BY name", cols, 4, &r->docs, err);
}

/* Split every document (units[d]); the total in *n. */
static coda_status split_all(const coda_pj_run *r, const char *unit,
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

static coda_status fill_corpus(coda_pj_run *r, const coda_pj_units *units,
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

static coda_status build_corpus(coda_project *p, coda_pj_run *r, const char *unit,
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

/* --- the run ------------------------------------------------------------- */

static coda_status fill_scope(coda_project *p, const coda_project_code_opts *o,
                              coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_exec(p, "DROP TABLE IF EXISTS temp.scope; CREATE "
                                    "TEMP TABLE scope(code TEXT PRIMARY KEY)",
                                 err);
    if (s == CODA_OK)
        s = coda_pj_prepare(p, "INSERT OR IGNORE INTO temp.scope VALUES (?1)",
                            &st, err);
    if (s != CODA_OK)
        return s;
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
    coda_pj_run r = { 0 };
    coda_code_opts co;
    coda_code_opts_init(&co);
    co.codes = o->codes;
    co.ncodes = o->ncodes;
    co.threads = o->threads;
    coda_status s = coda_pj_store_codebook(p, cb, o->source, &res->version,
                                           &res->new_version, err);
    if (s == CODA_OK)
        s = build_corpus(p, &r, unit, err);
    if (s == CODA_OK && o->codes)
        s = fill_scope(p, o, err);
    if (s == CODA_OK)
        s = coda_pj_merge(p, cb, &r, &co, o, res, err);
    char v[32];
    snprintf(v, sizeof v, "%" PRId64, res->version);
    if (s == CODA_OK)
        s = coda_pj_set_setting(p, "unit", unit, err);
    if (s == CODA_OK)
        s = coda_pj_set_setting(p, "codebook", v, err);
    res->documents = r.docs ? r.docs->nrow : 0;
    res->units = r.corpus ? r.corpus->nrow : 0;
    coda_pj_run_free(&r);
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
    /* In WAL mode each page of a big run is written twice (the log, then
     * the file); with the file to itself, the run writes through a
     * rollback journal (a new page once, as safe), and WAL comes back. */
    int rollback = s == CODA_OK && !p->in_tx && coda_pj_journal(p, "delete");
    /* Every key a run writes it has just read or made (documents, the
     * auto-coder, the codebook version); checking each segment's keys
     * again costs a seventh of the run.  Settable outside a transaction
     * only, so a run inside the caller's keeps the checks. */
    int unchecked = s == CODA_OK && !p->in_tx &&
                    coda_pj_exec(p, "PRAGMA foreign_keys = OFF", err) == CODA_OK;
    if (s == CODA_OK)
        s = coda_pj_begin(p, err);
    if (s == CODA_OK)
        s = coda_pj_end(p, code_run(p, cb, o, unit, res, err), err);
    if (unchecked) {
        coda_status on = coda_pj_exec(p, "PRAGMA foreign_keys = ON",
                                      s == CODA_OK ? err : NULL);
        s = s == CODA_OK ? on : s;
    }
    if (rollback && !coda_pj_journal(p, "wal") && s == CODA_OK)
        s = coda_pj_dberr(p, err);
    return s;
}
