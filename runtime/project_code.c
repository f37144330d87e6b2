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

static coda_status load_docs(coda_project *p, coda_pj_run *r, coda_error *err)
{
    static const coda_pj_col cols[] = {
        { "id", CODA_INTEGER }, { "doc", CODA_STRING },
        { "text", CODA_STRING }, { "rev", CODA_INTEGER } };
    return coda_pj_query(p, "SELECT id, name, text, rev FROM documents ORDER "
                            "BY name", cols, 4, &r->docs, err);
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
        s = load_docs(p, &r, err);
    if (s == CODA_OK && o->codes)
        s = fill_scope(p, o, err);
    if (s == CODA_OK)
        s = coda_pj_merge(p, cb, &r, unit, &co, o, res, err);
    char v[32];
    snprintf(v, sizeof v, "%" PRId64, res->version);
    if (s == CODA_OK)
        s = coda_pj_set_setting(p, "unit", unit, err);
    if (s == CODA_OK)
        s = coda_pj_set_setting(p, "codebook", v, err);
    res->documents = r.docs ? r.docs->nrow : 0;
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
