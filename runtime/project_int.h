/* project_int.h - what the project files (project_*.c) share: the open
 * project, statement helpers and savepoints over SQLite.  Not a public
 * header. */
#ifndef CODA_PROJECT_INT_H
#define CODA_PROJECT_INT_H

#include "project.h"

#include "coder.h"

#include <sqlite3.h>

/* A result column: its name and type (integer, number, string or
 * boolean); a NULL value of the statement is missing. */
typedef struct coda_pj_col {
    const char *name;
    coda_type type;
} coda_pj_col;

struct coda_project {
    sqlite3 *db;
    char *path;
    int in_tx;                  /* coda_project_begin was called */
    int64_t auto_id;            /* the auto-coder's row in coders */
};

/* Record the database's last error as a coda error naming the project:
 * CODA_ENOMEM, CODA_EPARSE (not a database, corrupt) or CODA_EIO. */
coda_status coda_pj_dberr(coda_project *p, coda_error *err);

/* Run sql (no results); on failure the error as coda_pj_dberr. */
coda_status coda_pj_exec(coda_project *p, const char *sql, coda_error *err);

/* Prepare sql into *st; CODA_OK or the error. */
coda_status coda_pj_prepare(coda_project *p, const char *sql,
                            sqlite3_stmt **st, coda_error *err);

/* The rows of sql (no parameters) as a table of cols[0..n). */
coda_status coda_pj_query(coda_project *p, const char *sql,
                          const coda_pj_col *cols, size_t n, coda_table **out,
                          coda_error *err);

/* The integer in the first column of the first row of sql with ?1 bound
 * to text, in *v; 0 when there is no row. */
coda_status coda_pj_lookup(coda_project *p, const char *sql, const char *text,
                           int64_t *v, coda_error *err);

/* Count every segment again into tallies (after a change of many). */
coda_status coda_pj_retally(coda_project *p, coda_error *err);

/* Add sign (1 or -1) to the tally of segment seg as it is now: -1 before
 * a change of one segment, 1 after it. */
coda_status coda_pj_tally(coda_project *p, int64_t seg, int sign,
                          coda_error *err);

/* Set the journal mode ("delete" or "wal"); 1 when it is now mode.  No
 * waiting: when another connection has the file open, it stays as it is.
 * A big write (a coding run, documents added) with the file to itself
 * goes through a rollback journal, which writes a new page once where
 * WAL writes it twice (the log, then the file). */
int coda_pj_journal(coda_project *p, const char *mode);

/* The text in the first column of the first row of sql with ?1 bound to
 * text, in a new string (*out, the caller's to coda_free; "" for NULL);
 * *out NULL when there is no row. */
coda_status coda_pj_lookup_text(coda_project *p, const char *sql,
                                const char *text, char **out,
                                coda_error *err);

/* Open a savepoint for one call, and end it: release on CODA_OK, roll back
 * and release otherwise.  coda_pj_end returns status (or the release's
 * error). */
coda_status coda_pj_begin(coda_project *p, coda_error *err);
coda_status coda_pj_end(coda_project *p, coda_status status, coda_error *err);

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void coda_pj_now(char buf[32]);

/* time itself when it is an ISO 8601 UTC time of that shape (validated),
 * the current time (into buf) when NULL; else NULL. */
const char *coda_pj_time(const char *time, char buf[32]);

/* 1 when name[0..len) is 1-max bytes of UTF-8 without NUL or control
 * characters (a name of a coder, document ...). */
int coda_pj_name_ok(const char *name, size_t len, size_t max);

/* The id of the coder called name, added when new.  CODA_EARG for a name
 * that is not a coder's (person: not "auto" either). */
coda_status coda_pj_coder(coda_project *p, const char *name, int person,
                          int64_t *id, coda_error *err);

/* The row id of document name in *id, or 0 when there is none. */
coda_status coda_pj_doc_id(coda_project *p, const char *name, int64_t *id,
                           coda_error *err);

/* A setting's value (a new string the caller frees) or NULL when unset. */
coda_status coda_pj_setting(coda_project *p, const char *key, char **value,
                            coda_error *err);
coda_status coda_pj_set_setting(coda_project *p, const char *key,
                                const char *value, coda_error *err);

/* Code points in s[0..len) (valid UTF-8). */
size_t coda_pj_chars(const char *s, size_t len);

/* The byte offset of code point k (0-based) of s[0..len), or len + 1 when
 * s has fewer. */
size_t coda_pj_char_byte(const char *s, size_t len, size_t k);

/* The units of text as the project's unit kind (unit NULL: the stored
 * setting, else turn) splits them: the unit holding byte offset off
 * (0-based), 1-based, and its speaker.  A table of units is made once per
 * text; see project_units.c. */
typedef struct coda_pj_units {
    size_t n;
    size_t *start, *end;        /* byte spans of the units' texts */
    size_t *spk_start, *spk_len;
    int *has_speaker;
} coda_pj_units;

coda_status coda_pj_units_split(const char *text, size_t len,
                                const char *unit, coda_pj_units *u,
                                coda_error *err);
void coda_pj_units_free(coda_pj_units *u);

/* The 1-based unit holding byte offset off, or of the first unit after
 * it; 0 when there is none. */
size_t coda_pj_unit_at(const coda_pj_units *u, size_t off);

/* The project's unit kind ("turn" when unset) into buf. */
coda_status coda_pj_unit(coda_project *p, char buf[16], coda_error *err);

/* Store cb as a codebook version unless one with the same rows is there
 * (*is_new says which), and make its codes the project's. */
coda_status coda_pj_store_codebook(coda_project *p, const coda_codebook *cb,
                                   const char *source, int64_t *version,
                                   int *is_new, coda_error *err);

/* *exists 1 when the project has a code called name. */
coda_status coda_pj_code_exists(coda_project *p, const char *name, int *exists,
                                coda_error *err);

/* A coding run: the documents (id, doc, text, rev, ordered by name), their
 * units as the corpus the coder took (doc, unit, speaker, text) with the
 * document and byte offset of each corpus row, and the segments found. */
typedef struct coda_pj_run {
    coda_table *docs, *corpus, *seg;
    size_t *row_doc, *row_start;
    size_t first;               /* the corpus row seg's segments start at */
} coda_pj_run;

/* Free r's docs and its chunk; coda_pj_chunk_free frees the chunk only
 * (corpus, seg, row_doc, row_start), leaving them NULL (project_units.c). */
void coda_pj_run_free(coda_pj_run *r);
void coda_pj_chunk_free(coda_pj_run *r);

/* Documents [d0, d1) of docs (id, doc, text, rev) split into units as the
 * corpus the coder takes, into c->corpus, c->row_doc (indices into docs)
 * and c->row_start (project_units.c).  On failure c's chunk is freed. */
coda_status coda_pj_units_corpus(const coda_table *docs, size_t d0, size_t d1,
                                 const char *unit, coda_pj_run *c,
                                 coda_error *err);

/* Code the corpus of run r with co and merge the segments found with
 * those stored (project_merge.c): see coda_project_code.  With o->codes,
 * temp.scope holds them. */
coda_status coda_pj_merge(coda_project *p, const coda_codebook *cb,
                          const coda_pj_run *r, const char *unit,
                          const coda_code_opts *co,
                          const coda_project_code_opts *o,
                          coda_code_result *res, coda_error *err);

/* Splitting docs (id, doc, text, rev) into units and coding them in chunks
 * of about bytes of text (whole documents) on a thread of its own
 * (project_pipe.c): coda_pj_pipe_next hands over each chunk in order (its
 * corpus, row_doc, row_start and seg, the caller's to free with
 * coda_pj_chunk_free; docs is left alone), *done when none is left, or
 * the error splitting or coding one met.  Stop (always) joins the thread
 * and frees what is left.  docs and unit outlive the pipe. */
typedef struct coda_pj_pipe coda_pj_pipe;
coda_status coda_pj_pipe_start(const coda_codebook *cb, const coda_table *docs,
                               const char *unit, const coda_code_opts *co,
                               size_t bytes, coda_pj_pipe **out,
                               coda_error *err);
coda_status coda_pj_pipe_next(coda_pj_pipe *pp, coda_pj_run *chunk, int *done,
                              coda_error *err);
void coda_pj_pipe_stop(coda_pj_pipe *pp);


/* Step st (already bound) to its end and make its rows a table of the
 * columns cols[0..n), in the statement's column order.  The caller
 * finalizes st.  CODA_ENOMEM, or the database's error. */
coda_status coda_pj_table(coda_project *p, sqlite3_stmt *st,
                          const coda_pj_col *cols, size_t n, coda_table **out,
                          coda_error *err);

#endif
