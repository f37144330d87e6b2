/* codebook_int.h - the codebook's model (codes, their rows, compiled
 * patterns and literals), shared by the codebook's files.
 * What the coder may use of it is in codebook_match.h; the prefilter's
 * derivation in codebook_prefilter.h.  Not a public header. */
#ifndef CODA_CODEBOOK_INT_H
#define CODA_CODEBOOK_INT_H

#include "codebook_match.h"

#include <stdint.h>

enum {
    CB_CASELESS = 1, CB_EXTENDED = 2, CB_DOTALL = 4, CB_MULTILINE = 8,
    CB_WORDS = 16
};

typedef struct cb_row {
    char *pattern, *exclude, *flags, *example, *counterexample;
    unsigned fl;                /* CB_* */
    long line;
    unsigned char empty[2];     /* compiled: 1 when the pattern [0] or the
                                   exclude [1] can match the empty string */
} cb_row;

/* A compiled pattern: the Unicode compile and, where the pattern is ASCII,
 * an ASCII compile that gives the same matches on ASCII text. */
struct cb_regex {
    pcre2_code *uni, *ascii;
    pcre2_code *clocked;        /* uni after a (?C1): for long units */
    char *text;                 /* the combined pattern as compiled (uni) */
};

/* A literal a code requires (codebook_prefilter.c); caseless: ASCII-lowered, to be
 * found whatever the case of the text. */
typedef struct cb_lit {
    char *s;
    size_t n;
    int caseless;
} cb_lit;

typedef struct cb_code {
    char *name, *description, *parent_name, *color, *memo;
    long parent;
    size_t children;            /* compiled: the codes it is the parent of */
    long slip;                  /* compiled, a parent without rows: the
                                   code its name is probably a slip of, or
                                   -1 (codebook_lint.c) */
    long line;
    cb_row *rows;
    size_t nrows, cap;
    cb_regex re, ex;            /* ex.uni NULL: no exclude */
    /* prefilter: every match holds one of lits (nlits 0: no prefilter) */
    cb_lit *lits;
    size_t nlits;
    size_t span;                /* with lits: bytes a match spans at most
                                   (SIZE_MAX: no bound known) */
    char *error;                /* lenient compile failure */
} cb_code;

struct coda_codebook {
    cb_code *codes;
    size_t n, cap;
    char *file;
    pcre2_general_context *gctx;
    int compiled;
    coda_literals *lits;        /* every code's literals, id = code index;
                                   NULL: no prefilter for any code */
    char **warnings;            /* about the file (columns coda ignores),
                                   then the lint of its codes */
    size_t nwarn;
    size_t ncolumn;             /* the first ncolumn are about columns */
};

/* Free a code's compiled parts and literals. */
void cb_regex_free(cb_regex *r);

/* What is probably a mistake in code i though it compiles
 * (codebook_lint.c): each writes a sentence into msg (size bytes) and
 * returns 1, or returns 0.  A parent that is no code and looks like a
 * slip; row j's pattern (exclude: its exclude) that can match the empty
 * string, or that flag x takes the spaces out of. */
int cb_lint_parent(const coda_codebook *cb, size_t i, char *msg, size_t size);
int cb_lint_empty(const coda_codebook *cb, size_t i, size_t j, int exclude,
                  char *msg, size_t size);
int cb_lint_spaces(const coda_codebook *cb, size_t i, size_t j, int exclude,
                   char *msg, size_t size);

/* Count each code's children and find the codes that parents without rows
 * of their own are probably slips of (cb_code.children, .slip), for a cb
 * whose parents are resolved.  CODA_ENOMEM. */
coda_status cb_find_slips(coda_codebook *cb);

/* Add every lint finding of a compiled cb to its warnings, each prefixed
 * 'code "x" (line N): '.  CODA_ENOMEM. */
coda_status cb_lint_warn(coda_codebook *cb);

/* Append a copy of text to cb's warnings.  CODA_ENOMEM. */
coda_status cb_add_warning(coda_codebook *cb, const char *text);

/* What a pattern fixes about a neighbour of a word boundary in it
 * (codebook_wordside.c): a word character ([\p{L}\p{M}\p{N}_]) in every
 * match, a non-word character in every match, or nothing sure.  extended:
 * compiled with flag x (then nothing is sure). */
enum { CB_SIDE_UNKNOWN, CB_SIDE_WORD, CB_SIDE_NONWORD };

/* The character every match consumes first from s[i] on. */
int cb_side_next(const char *s, size_t len, size_t i, int extended);
/* The character every match consumed last before s[i]. */
int cb_side_prev(const char *s, size_t len, size_t i, int extended);
/* The first and the last character of every match of all of s[0..len). */
int cb_side_first(const char *s, size_t len, int extended);
int cb_side_last(const char *s, size_t len, int extended);

/* The end of the item at i that a rewrite copies whole (a comment, class,
 * verb, callout string, \Q quotation or escape other than \b and \B), or
 * i (codebook_syntax.c). */
size_t cb_pattern_skip(const char *s, size_t len, size_t i, int extended);

/* The length of the quantifier at s[i] (?, *, +, {n}, {n,}, {n,m}, with a
 * lazy ? or possessive + after it), or 0; *unbounded: *, + or {n,}
 * (codebook_syntax.c). */
size_t cb_pattern_quantifier(const char *s, size_t len, size_t i,
                             int *unbounded);

#endif
