/* project.h - a coding project: one SQLite file holding what a coding team
 * owns.
 *
 * A project keeps documents (name, full text, a content hash, attributes),
 * every codebook version imported (its rows as canonical CSV and their
 * hash), the codes (those of the codebooks and manual-only ones typed by
 * coders), coders, segments with provenance, decisions and memos.  The
 * regex is the first pass; people decide.  Nothing is deleted by a re-run:
 * a segment the codebook no longer produces is "gone" with its decisions
 * kept, and a document's earlier texts are kept when it changes.
 *
 * Positions.  Segments lie in a document's text as stored (UTF-8, a
 * byte-order mark dropped, CRLF made LF).  start/stop are 1-based byte
 * offsets, stop inclusive (coda's convention, as Lua's string.find);
 * char_start/char_stop the same span in Unicode code points, also 1-based
 * and inclusive (REFI-QDA's 0-based, end-exclusive positions are
 * char_start - 1 and char_stop).
 *
 * Coders.  A coder is a name of 1-64 bytes of UTF-8 without control
 * characters.  "auto" is the auto-coder: the creating user of every auto
 * segment; no person may take that name.
 *
 * Status of a segment: "gone" when the latest coding run of its code no
 * longer produced it (auto) or its text was lost when its document
 * changed (manual); else the latest decision on it ("accepted",
 * "rejected", or "pending" after an undo); else "pending" for an auto
 * segment and "accepted" for a manual one (its coder made it).
 *
 * The file: WAL journal, synchronous FULL (a decision is on disk when the
 * call returns), foreign keys on, schema version in PRAGMA user_version
 * (migrated forward on open; a newer version is refused), application id
 * 0x636f6461 ("coda").
 *
 * Ownership: a coda_project is the caller's, released by
 * coda_project_close; tables returned through *out are the caller's
 * (coda_table_free).  One coda_project must not be used by two threads at
 * once.  Every function leaves the file as it was when it fails (one
 * transaction a call). */
#ifndef CODA_PROJECT_H
#define CODA_PROJECT_H

#include "codebook.h"
#include "base_error.h"
#include "table.h"

#include <stddef.h>
#include <stdint.h>

typedef struct coda_project coda_project;

/* The schema version this coda writes. */
#define CODA_PROJECT_SCHEMA 1

/* Open the project at path; with create, make it when the file does not
 * exist.  Errors (naming path): CODA_EIO (cannot open or create, not a
 * regular file), CODA_EPARSE (not a SQLite file, or a SQLite file that is
 * not a coda project, or a corrupt one), CODA_ELIMIT (written by a newer
 * coda: "schema version 3, this coda reads up to 1"), CODA_ENOMEM. */
CODA_API
coda_status coda_project_open(const char *path, int create,
                              coda_project **out, coda_error *err);

/* Close p (NULL allowed). */
CODA_API
void coda_project_close(coda_project *p);

/* The path p was opened with. */
CODA_API
const char *coda_project_path(const coda_project *p);

/* 1 when name may be a coder's name (and, with person, is not "auto"). */
CODA_API
int coda_project_coder_ok(const char *name, int person);

/* Group several calls into one transaction: after coda_project_begin,
 * nothing the calls do is kept unless coda_project_commit succeeds;
 * coda_project_rollback undoes it all.  (Each call is a savepoint inside
 * it.)  Not nested.  CODA_EARG when already begun / not begun, CODA_EIO. */
CODA_API
coda_status coda_project_begin(coda_project *p, coda_error *err);
CODA_API
coda_status coda_project_commit(coda_project *p, coda_error *err);
CODA_API
void coda_project_rollback(coda_project *p);

/* --- documents ---------------------------------------------------------- */

/* What coda_project_add did. */
typedef struct coda_add_result {
    size_t added;        /* new documents */
    size_t unchanged;    /* same name and text as before: nothing done */
    size_t changed;      /* same name, new text */
    size_t reanchored;   /* manual segments found again in a changed text */
    size_t lost;         /* manual segments whose text is gone (now "gone") */
} coda_add_result;

/* Add documents: docs has a string column "doc" (the name) and a string
 * column "text" (the full text), one row per document; every other column
 * is an attribute (stored as text; missing values not stored).  A
 * document whose name is known and whose text is the same is left as it
 * is (its attributes updated); one whose text changed gets the new text
 * (the old one kept), its manual segments re-anchored where their text is
 * found again (the occurrence nearest the old place) and marked gone
 * where it is not, its auto segments left to the next coding run.
 * Errors: CODA_EARG (no doc or text column, a duplicate or empty name, a
 * missing text), CODA_EUTF8 (a text that is not UTF-8, naming the
 * document), CODA_EIO (the file), CODA_ENOMEM. */
CODA_API
coda_status coda_project_add(coda_project *p, const coda_table *docs,
                             coda_add_result *res, coda_error *err);

/* The documents: doc, hash (SHA-1 of the text, hex), bytes, chars, added
 * (UTC time), then one string column per attribute in order of first
 * use.  Ordered by name. */
CODA_API
coda_status coda_project_documents(coda_project *p, coda_table **out,
                                   coda_error *err);

/* The text of document doc in a new buffer (NUL-terminated; *len bytes),
 * the caller's to coda_free.  CODA_EARG when there is no such document. */
CODA_API
coda_status coda_project_text(coda_project *p, const char *doc, char **text,
                              size_t *len, coda_error *err);

/* --- codes and coding --------------------------------------------------- */

/* Options of a coding run. */
typedef struct coda_project_code_opts {
    const char *unit;            /* "document", "paragraph", "turn" (NULL),
                                    "sentence": the units patterns run on */
    const char *const *codes;    /* only these codes; NULL: all */
    size_t ncodes;
    int threads;                 /* 0: one per core */
    const char *source;          /* where the codebook came from (a file
                                    name), stored with the version; or NULL */
} coda_project_code_opts;

CODA_API
void coda_project_code_opts_init(coda_project_code_opts *o);

/* What a coding run did. */
typedef struct coda_code_result {
    int64_t version;      /* the codebook version used (new or known) */
    int new_version;      /* 1 when this codebook was not stored before */
    size_t documents, units;
    size_t found;         /* auto segments produced */
    size_t added;         /* of those, new (pending) */
    size_t kept;          /* of those, known before (decisions kept) */
    size_t revived;       /* of those, gone before and produced again */
    size_t gone;          /* known before, no longer produced */
} coda_code_result;

/* Store cb as a codebook version (when its rows differ from every version
 * stored), make its codes the project's, and code every document with it:
 * segments still produced keep their id and decisions, new ones are
 * pending, those of the codes run that are no longer produced become gone
 * (all auto segments when every code runs, else those of opts->codes).
 * Errors: the coder's (CODA_EREGEX naming code and document ...),
 * CODA_EARG (unknown unit or code), CODA_EIO, CODA_ENOMEM. */
CODA_API
coda_status coda_project_code(coda_project *p, const coda_codebook *cb,
                              const coda_project_code_opts *o,
                              coda_code_result *res, coda_error *err);

/* The codes: code, parent, path ("parent/child"), description, color
 * ("#rrggbb" or missing), origin ("codebook" or "manual"), current (1 when
 * the codebook version of the latest coding run has it, or it is manual), segments (not
 * gone).  In codebook order, manual codes after. */
CODA_API
coda_status coda_project_codes(coda_project *p, coda_table **out,
                               coda_error *err);

/* The codebook versions: version, hash, source, codes, rows, added. */
CODA_API
coda_status coda_project_codebooks(coda_project *p, coda_table **out,
                                   coda_error *err);

/* The codebook version (1, 2, ...; 0: the latest) as a new compiled
 * codebook, the caller's to free.  CODA_EARG when there is no such
 * version. */
CODA_API
coda_status coda_project_codebook(coda_project *p, int64_t version,
                                  coda_codebook **out, coda_error *err);

/* Add a manual-only code (a coder typed a new one): name, an optional
 * parent code (must exist), description and colour (may be NULL).  A code
 * that exists already is CODA_EARG unless it is manual with the same
 * parent, when it is a no-op. */
CODA_API
coda_status coda_project_add_code(coda_project *p, const char *name,
                                  const char *parent, const char *description,
                                  const char *color, coda_error *err);

/* --- segments, decisions ------------------------------------------------ */

/* Which segments to list.  NULL / 0 fields do not filter. */
typedef struct coda_seg_filter {
    int64_t id;               /* one segment; 0: any */
    const char *doc, *code, *status, *coder, *origin, *speaker;
    const char *reviewer;     /* status as this coder's decisions make it */
    int with_gone;            /* 1: gone segments too (always when status
                                 is "gone") */
    size_t offset, limit;     /* paging; limit 0: all */
} coda_seg_filter;

/* Segments as a Dataset: id, doc, unit, speaker, code, start, stop,
 * char_start, char_stop, text, origin ("auto"|"manual"), coder ("auto" for
 * auto segments), status, codebook_version, pattern_row (the code's
 * alternative that produced it, 1-based), decided_by, decided_at, created,
 * note (why a segment is gone, or missing).  unit and speaker are those of
 * the unit the segment starts in, with the project's unit (turn unless a
 * coding run said otherwise).  Ordered by document name, start, stop,
 * code.  CODA_EARG for an unknown status or origin. */
CODA_API
coda_status coda_project_segments(coda_project *p, const coda_seg_filter *f,
                                  coda_table **out, coda_error *err);

/* How many segments the filter matches (offset and limit ignored). */
CODA_API
coda_status coda_project_count(coda_project *p, const coda_seg_filter *f,
                               size_t *n, coda_error *err);

/* Record coder's decision on segment id: "accept", "reject" or "pending"
 * (an undo).  time: an ISO 8601 UTC time, or NULL for now.  Committed
 * before it returns.  CODA_EARG (no such segment, a bad decision or coder
 * name). */
CODA_API
coda_status coda_project_decide(coda_project *p, int64_t id,
                                const char *decision, const char *coder,
                                const char *time, coda_error *err);

/* A manual coding.  Give the span either as bytes (start, stop: 1-based,
 * stop inclusive) or, with chars = 1, as code points (same convention). */
typedef struct coda_manual {
    const char *doc, *code, *coder;
    int64_t start, stop;
    int chars;
    int new_code;             /* 1: an unknown code becomes manual-only */
    const char *time;         /* ISO 8601 UTC creation time; NULL: now */
    int auto_origin;          /* 1: the auto-coder's segment brought in
                                 from elsewhere (an import): origin auto,
                                 pending, no codebook version; coder is
                                 not used.  A coding run keeps it when it
                                 produces the span and marks it gone when
                                 not, as any auto segment. */
} coda_manual;

/* Add a manual segment; its id in *id.  The same coder coding the same
 * span with the same code again returns the existing id.  CODA_EARG (no
 * such document or code, a span outside the text, empty, or not on
 * character boundaries, a bad coder name). */
CODA_API
coda_status coda_project_add_coding(coda_project *p, const coda_manual *m,
                                    int64_t *id, coda_error *err);

/* --- memos -------------------------------------------------------------- */

/* A memo on the project (target NULL), a document (its name), a code (its
 * name) or a segment (its id in decimal).  Its id in *id.  time as above.
 * CODA_EARG (unknown kind or target, empty text, bad coder). */
CODA_API
coda_status coda_project_memo(coda_project *p, const char *on,
                              const char *target, const char *text,
                              const char *coder, const char *time,
                              int64_t *id, coda_error *err);

/* Memos: id, on, target (missing for the project), coder, time, text; on
 * and target filter when not NULL.  In the order written.  CODA_EARG for
 * an on that is no kind of target. */
CODA_API
coda_status coda_project_memos(coda_project *p, const char *on,
                               const char *target, coda_table **out,
                               coda_error *err);

/* The coders: coder, segments (manual), decisions, memos; "auto" first
 * when there are auto segments. */
CODA_API
coda_status coda_project_coders(coda_project *p, coda_table **out,
                                coda_error *err);

/* --- agreement ---------------------------------------------------------- */

/* A coder's coding, for agreement: for "auto", every auto segment not
 * gone; for a person, their manual segments not gone plus the auto and
 * manual segments of others whose latest decision of theirs is accept.
 * A code applies to a unit when a segment of it overlaps the unit.  The
 * units are those of the documents both coders have coded or decided on
 * anything in (all documents when one of them is "auto" and the other
 * has touched none), split as unit says (NULL: the project's unit). */
typedef struct coda_agree_opts {
    const char *a, *b;          /* the coders; b is the reference */
    const char *unit;
    const char *const *codes;   /* these codes, in this order; NULL: every
                                   code either coder applied, sorted */
    size_t ncodes;
} coda_agree_opts;

/* Per code and overall (the last row, code "(all)", from the pooled
 * counts): code, n, both, a_only, b_only, neither, agreement, kappa,
 * alpha, precision, recall, f1 (coda_agreement's columns).  CODA_EARG
 * (an unknown coder, a coder compared with itself). */
CODA_API
coda_status coda_project_agreement(coda_project *p, const coda_agree_opts *o,
                                   coda_table **out, coda_error *err);

/* The units where a and b differ: doc, unit, speaker, code, then one
 * boolean column named after each coder, text (the unit's text). */
CODA_API
coda_status coda_project_disagreements(coda_project *p,
                                       const coda_agree_opts *o,
                                       coda_table **out, coda_error *err);

#endif
