/* codebook.h - a codebook of regular-expression codes (PCRE2).
 *
 * A code has a name, an optional parent (the hierarchy), a description, an
 * optional colour and one or more rows; each row holds an alternative
 * pattern of the code with its flags, an optional exclude pattern (a match
 * of it anywhere in a unit vetoes the code in that unit), and an optional
 * example (must match) and counterexample (must not match).  A code whose
 * rows have no pattern is a category: it groups its children and matches
 * nothing.
 *
 * Patterns are compiled with UTF and UCP, case-insensitive unless the
 * flags say "c", JIT-compiled, and \b / \B mean word boundaries where
 * combining marks count as letters (see codebook_wordbound.h).  Flags, one
 * letter each (spaces and commas ignored):
 *   c  case-sensitive          i  case-insensitive (the default)
 *   x  extended (whitespace and #-comments ignored)
 *   s  . also matches a newline   m  ^ and $ match at every line
 *   w  whole words: the pattern is wrapped in \b(?: ... )\b
 *
 * Ownership: a coda_codebook owns copies of everything added to it;
 * coda_codebook_free releases it all.  Strings returned by the accessors
 * live as long as the codebook.  A compiled codebook may be used by several
 * threads at once (coding only reads it). */
#ifndef CODA_CODEBOOK_H
#define CODA_CODEBOOK_H

#include "base_error.h"
#include "table.h"

#include <stddef.h>

typedef struct coda_codebook coda_codebook;

/* How deep codes may nest: a code has at most this many ancestors.  An XML
 * reader refuses documents nested much deeper (libxml2: 256 elements), so
 * a codebook coda writes as .qdc or .qdpx reads back. */
#define CODA_CODE_DEPTH 100

/* One row of a codebook source.  NULL and "" both mean absent. */
typedef struct coda_code_row {
    const char *code, *pattern, *description, *parent, *flags, *exclude,
        *example, *counterexample, *color;
    const char *file;           /* for error messages, may be NULL */
    long line;                  /* 1-based source line, or 0 */
    const char *memo;           /* the coders' notes on the code */
} coda_code_row;

/* What is known of code i. */
typedef struct coda_code_info {
    const char *name, *description, *color;   /* "" when absent */
    const char *memo;           /* its rows' memos, one a line; "" none */
    long parent;                /* index of the parent code, or -1 */
    size_t nrows;
    int category;               /* 1: no pattern in any row */
    const char *error;          /* lenient compile: why it failed, else NULL */
} coda_code_info;

/* A new empty codebook, or NULL when out of memory. */
CODA_API
coda_codebook *coda_codebook_new(void);
CODA_API
void coda_codebook_free(coda_codebook *cb);          /* NULL allowed */

/* Add a row (a new code, or another alternative of a code seen before).
 * A parent that is not a code yet is added as a category (no pattern)
 * just before the code, and gets its own rows if they come later.  Each
 * different memo of a code's rows is kept, one a line.
 * CODA_EARG (no code name, unknown flag, a second different parent,
 * description or colour of one code, a bad colour), CODA_ENOMEM; the
 * error names the file, line and code. */
CODA_API
coda_status coda_codebook_add_row(coda_codebook *cb, const coda_code_row *row,
                                  coda_error *err);

/* Resolve parents and compile every pattern.  Errors: CODA_EARG (a code
 * its own parent, a cycle), CODA_EREGEX (a pattern that does not compile: the
 * message names the code and pattern, err->offset the byte offset in the
 * pattern, err->file/line its source row), CODA_ENOMEM.  lenient: a code
 * that does not compile is kept with its error (coda_code_info.error) and
 * compilation goes on; coding refuses such a codebook. */
CODA_API
coda_status coda_codebook_compile(coda_codebook *cb, int lenient,
                                  coda_error *err);

/* Read and compile a codebook: a .qdc file (REFI-QDA, see codebook_qdc.h)
 * or a CSV file with columns code, pattern and optionally description,
 * parent, flags, exclude, example, counterexample, color and memo (or
 * notes).  On success *out is the caller's to free; what is probably a
 * mistake is in its warnings (below).  Errors as above plus CODA_EIO /
 * CODA_EPARSE. */
CODA_API
coda_status coda_codebook_read(const char *path, int lenient,
                               coda_codebook **out, coda_error *err);

/* The same for a codebook CSV in data[0..len); name is used in error
 * messages. */
CODA_API
coda_status coda_codebook_read_mem(const char *data, size_t len,
                                   const char *name, int lenient,
                                   coda_codebook **out, coda_error *err);

CODA_API
size_t coda_codebook_size(const coda_codebook *cb);
CODA_API
void coda_codebook_info(const coda_codebook *cb, size_t i,
                        coda_code_info *info);
/* Row j of code i (strings never NULL; "" when absent). */
CODA_API
void coda_codebook_row(const coda_codebook *cb, size_t i, size_t j,
                       coda_code_row *row);
/* The index of the code called name, or -1. */
CODA_API
long coda_codebook_find(const coda_codebook *cb, const char *name);
/* The path of code i: its ancestors' names and its own joined by "/",
 * written into buf (truncated to size); returns its full length. */
CODA_API
size_t coda_codebook_path(const coda_codebook *cb, size_t i, char *buf,
                          size_t size);

/* The first match of code i in text[0..len) (valid UTF-8), exclude veto
 * applied: *found 1 with the 0-based [*start, *end) or 0.  CODA_EREGEX for
 * a broken code or a match limit, CODA_ENOMEM. */
CODA_API
coda_status coda_codebook_first(const coda_codebook *cb, size_t i,
                                const char *text, size_t len, int *found,
                                size_t *start, size_t *end, coda_error *err);

/* A table of the codes: code, parent, path, description, patterns (the
 * number of rows with a pattern), memo (missing when none).  CODA_ENOMEM. */
CODA_API
coda_status coda_codebook_table(const coda_codebook *cb, coda_table **out,
                                coda_error *err);

/* Warnings about a codebook read from a file that do not stop it being
 * used: a CSV column coda does not read, with the known column it may be a
 * misspelling of ('column "exl" is not one coda reads and is ignored (did
 * you mean "exclude"?)'); then, for each code, what coda_codebook_check
 * reports as parent, empty and spaces, prefixed 'code "x" (line 5): '. */
CODA_API
size_t coda_codebook_nwarnings(const coda_codebook *cb);
CODA_API
const char *coda_codebook_warning(const coda_codebook *cb, size_t i);

/* What a check measures beyond the codebook itself: per code, the units of
 * a corpus it matches (coda_code_units), and the share of units above
 * which a code fails "share". */
typedef struct coda_check_opts {
    const size_t *units;        /* coda_codebook_size entries, or NULL */
    size_t nunits;              /* the units of the corpus */
    double max_share;           /* from 0 (exclusive) to 1 */
} coda_check_opts;

/* Check a (leniently) compiled codebook: one row per check with columns
 * code, check, status ("ok", "fail", "warn") and detail.  Checks:
 *   compile         the code's patterns compile
 *   never   fail    no pattern and no child codes: it can never match
 *   example / counterexample   must match / must not match
 *   overlap warn    an example of one code matches another code
 *   parent  fail    a parent that is no code of its own and looks like a
 *                   slip: a name one edit from a code's, or one that no
 *                   other code names (unless the child's name starts with
 *                   it, as "forms.labour" under "forms")
 *   empty   fail    a pattern or exclude that can match the empty string
 *                   ("a|", "x*", "(?=a)"): coding takes no empty match
 *   spaces  warn    flag x drops a literal space between two letters
 *                   ("tin shed" matches "tinshed")
 *   share           with o->units: the share of units a code with a
 *                   pattern matches; fail above o->max_share
 *   column  warn    a column of the file coda ignores (code "")
 * Only failures and warnings are listed for parent, empty and spaces.  o
 * may be NULL.  CODA_ENOMEM, CODA_EREGEX (match limit). */
CODA_API
coda_status coda_codebook_check(const coda_codebook *cb,
                                const coda_check_opts *o, coda_table **out,
                                coda_error *err);

#endif
