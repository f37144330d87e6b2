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
 * combining marks count as letters (see wordbound.h).  Flags, one letter
 * each (spaces and commas ignored):
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

#include "error.h"
#include "table.h"

#include <stddef.h>

typedef struct coda_codebook coda_codebook;

/* One row of a codebook source.  NULL and "" both mean absent. */
typedef struct coda_code_row {
    const char *code, *pattern, *description, *parent, *flags, *exclude,
        *example, *counterexample, *color;
    const char *file;           /* for error messages, may be NULL */
    long line;                  /* 1-based source line, or 0 */
} coda_code_row;

/* What is known of code i. */
typedef struct coda_code_info {
    const char *name, *description, *color;   /* "" when absent */
    long parent;                /* index of the parent code, or -1 */
    size_t nrows;
    int category;               /* 1: no pattern in any row */
    const char *error;          /* lenient compile: why it failed, else NULL */
} coda_code_info;

/* A new empty codebook, or NULL when out of memory. */
coda_codebook *coda_codebook_new(void);
void coda_codebook_free(coda_codebook *cb);          /* NULL allowed */

/* Add a row (a new code, or another alternative of a code seen before).
 * A parent that is not a code yet is added as a category (no pattern)
 * just before the code, and gets its own rows if they come later.
 * CODA_EARG (no code name, unknown flag, a second different parent,
 * description or colour of one code, a bad colour), CODA_ENOMEM; the
 * error names the file, line and code. */
coda_status coda_codebook_add_row(coda_codebook *cb, const coda_code_row *row,
                                  coda_error *err);

/* Resolve parents and compile every pattern.  Errors: CODA_EARG (a code
 * its own parent, a cycle), CODA_EREGEX (a pattern that does not compile: the
 * message names the code and pattern, err->offset the byte offset in the
 * pattern, err->file/line its source row), CODA_ENOMEM.  lenient: a code
 * that does not compile is kept with its error (coda_code_info.error) and
 * compilation goes on; coding refuses such a codebook. */
coda_status coda_codebook_compile(coda_codebook *cb, int lenient,
                                  coda_error *err);

/* Read and compile a codebook: a .qdc file (REFI-QDA, see qdc.h) or a CSV
 * file with columns code, pattern and optionally description, parent,
 * flags, exclude, example, counterexample, color.  On success *out is the
 * caller's to free.  Errors as above plus CODA_EIO / CODA_EPARSE. */
coda_status coda_codebook_read(const char *path, int lenient,
                               coda_codebook **out, coda_error *err);

/* The same for a codebook CSV in data[0..len); name is used in error
 * messages. */
coda_status coda_codebook_read_mem(const char *data, size_t len,
                                   const char *name, int lenient,
                                   coda_codebook **out, coda_error *err);

size_t coda_codebook_size(const coda_codebook *cb);
void coda_codebook_info(const coda_codebook *cb, size_t i,
                        coda_code_info *info);
/* Row j of code i (strings never NULL; "" when absent). */
void coda_codebook_row(const coda_codebook *cb, size_t i, size_t j,
                       coda_code_row *row);
/* The index of the code called name, or -1. */
long coda_codebook_find(const coda_codebook *cb, const char *name);
/* The path of code i: its ancestors' names and its own joined by "/",
 * written into buf (truncated to size); returns its full length. */
size_t coda_codebook_path(const coda_codebook *cb, size_t i, char *buf,
                          size_t size);

/* The first match of code i in text[0..len) (valid UTF-8), exclude veto
 * applied: *found 1 with the 0-based [*start, *end) or 0.  CODA_EREGEX for
 * a broken code or a match limit, CODA_ENOMEM. */
coda_status coda_codebook_first(const coda_codebook *cb, size_t i,
                                const char *text, size_t len, int *found,
                                size_t *start, size_t *end, coda_error *err);

/* A table of the codes: code, parent, path, description, patterns (the
 * number of rows with a pattern).  CODA_ENOMEM. */
coda_status coda_codebook_table(const coda_codebook *cb, coda_table **out,
                                coda_error *err);

/* Warnings about the codebook file that do not stop it being used: a CSV
 * column coda does not read, with the known column it may be a misspelling
 * of ('column "exl" is not one coda reads and is ignored (did you mean
 * "exclude"?)'). */
size_t coda_codebook_nwarnings(const coda_codebook *cb);
const char *coda_codebook_warning(const coda_codebook *cb, size_t i);

/* Check a (leniently) compiled codebook: one row per check with columns
 * code, check ("compile", "example", "counterexample", "never", "overlap",
 * or "column" for a warning about the file, with code ""), status ("ok",
 * "fail", "warn") and detail.  A code fails "never" when it
 * can never match: it has no pattern and no child codes; "overlap" warns
 * when an example of one code matches another code.  CODA_ENOMEM, CODA_EREGEX (match limit). */
coda_status coda_codebook_check(const coda_codebook *cb, coda_table **out,
                                coda_error *err);

#endif
