/* codebook_int.h - the codebook's insides, shared by codebook*.c, qdc.c and
 * coder*.c.  Not a public header. */
#ifndef CODA_CODEBOOK_INT_H
#define CODA_CODEBOOK_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include "codebook.h"
#include "codebook_literals.h"

#include <pcre2.h>
#include <stdint.h>
#include <time.h>

/* Shared within the runtime only: not exported from coda.so, whose face
 * is coda_ and luaopen_ names. */
#if defined(__GNUC__)
#define CB_INTERNAL __attribute__((visibility("hidden")))
#else
#define CB_INTERNAL
#endif

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
typedef struct cb_regex {
    pcre2_code *uni, *ascii;
    pcre2_code *clocked;        /* uni after a (?C1): for long units */
    char *text;                 /* the combined pattern as compiled (uni) */
} cb_regex;

/* A literal a code requires (prefilter.c); caseless: ASCII-lowered, to be
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

/* The general context allocating through coda_malloc. */
pcre2_general_context *cb_general_context(void);

/* Derive the literals c requires from its patterns (prefilter.c); c gets
 * none when they cannot be proved.  CODA_ENOMEM. */
coda_status cb_prefilter_derive(cb_code *c);

/* Build cb->lits from its codes' literals (none when it would be too
 * big).  CODA_ENOMEM. */
coda_status cb_prefilter_build(coda_codebook *cb);

/* A coding thread's scratch for cb_prefilter_scan; zero it first. */
typedef struct cb_scan {
    uint8_t *hit;               /* per code: 1 when the unit may match */
    char *fold;
    size_t cap;
} cb_scan;

/* Set sc->hit[i] for every code i of cb whose literals occur in the unit
 * s[0..len) (valid UTF-8; ascii: no byte above 0x7F), or for every code
 * when cb has no automaton.  A code with literals and hit 0 cannot match
 * the unit.  CODA_ENOMEM. */
coda_status cb_prefilter_scan(const coda_codebook *cb, const char *s,
                              size_t len, int ascii, cb_scan *sc);
void cb_scan_free(cb_scan *sc);

/* Free a code's compiled parts and literals. */
void cb_regex_free(cb_regex *r);

/* Match limits, per call (coder.c and codebook.c), and a step limit per
 * code and unit: PCRE2's match limit does not count backtracking within a
 * repeat of one character, so `\w+(?=.*police)` is quadratic on a long
 * unit and `(?=.*a.*b.*c)` cubic without ever reaching it.  A step is a
 * pass through an unbounded repeat (the (?C) callouts that
 * coda_pattern_guard puts there); without one, a pattern does bounded work
 * at each start position. */
typedef struct cb_limits {
    uint32_t match, depth, heap_kib;
    uint32_t steps;             /* plus 64 a byte of the unit */
    uint32_t time_ms;           /* per code and unit of CB_CLOCK_MIN bytes
                                   or more; 0: none */
} cb_limits;

/* Scratch for matching on one thread. */
typedef struct cb_matcher {
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
    cb_limits lim;
    uint64_t steps, budget;     /* of the current code and unit */
    uint64_t starts;            /* start positions tried (long units) */
    struct timespec deadline;   /* of the current code and unit (long) */
} cb_matcher;

/* 10,000,000 calls (plus 64 a byte of the unit), depth 1,000,000, heap
 * 256 MiB, 100,000,000 steps (plus 64 a byte). */
extern const cb_limits cb_default_limits;

coda_status cb_matcher_init(cb_matcher *m, const cb_limits *lim);
void cb_matcher_free(cb_matcher *m);

/* What cb_next returns when the step limit was reached. */
#define CB_ERROR_STEPS (-1000)

/* What cb_next returns when a long unit took longer than the time limit:
 * a repeat of one character that scans to the end of the unit at every
 * start position (`(?=[^x]*x)`) is quadratic, one step a start. */
#define CB_ERROR_TIME (-1001)

/* Units of at least this many bytes run the clocked compile. */
#define CB_CLOCK_MIN (64 * 1024)

/* Start counting steps for one code on one unit of len bytes: the budget
 * covers every cb_next call until the next start. */
void cb_matcher_start(cb_matcher *m, size_t len);

/* Find the next non-empty match of r in s[0..len) from byte off; ascii: s
 * has no byte above 0x7F.  Returns 1 with [*a, *b), 0 for none, or a
 * negative PCRE2 error code. */
int cb_next(cb_matcher *m, const cb_regex *r, const char *s, size_t len,
            size_t off, int ascii, size_t *a, size_t *b);

/* Describe a negative cb_next result for code c in err. */
coda_status cb_match_error(coda_error *err, int rc, const cb_code *c,
                           const char *where);

/* What is probably a mistake in code i though it compiles
 * (codebook_lint.c): each writes a sentence into msg (size bytes) and
 * returns 1, or returns 0.  A parent that is no code and looks like a
 * slip; row j's pattern (exclude: its exclude) that can match the empty
 * string, or that flag x takes the spaces out of. */
CB_INTERNAL int cb_lint_parent(const coda_codebook *cb, size_t i, char *msg,
                               size_t size);
CB_INTERNAL int cb_lint_empty(const coda_codebook *cb, size_t i, size_t j,
                              int exclude, char *msg, size_t size);
CB_INTERNAL int cb_lint_spaces(const coda_codebook *cb, size_t i, size_t j,
                               int exclude, char *msg, size_t size);

/* Count each code's children and find the codes that parents without rows
 * of their own are probably slips of (cb_code.children, .slip), for a cb
 * whose parents are resolved.  CODA_ENOMEM. */
CB_INTERNAL coda_status cb_find_slips(coda_codebook *cb);

/* Add every lint finding of a compiled cb to its warnings, each prefixed
 * 'code "x" (line N): '.  CODA_ENOMEM. */
CB_INTERNAL coda_status cb_lint_warn(coda_codebook *cb);

/* Append a copy of text to cb's warnings.  CODA_ENOMEM. */
CB_INTERNAL coda_status cb_add_warning(coda_codebook *cb, const char *text);

/* Free c's required literals (prefilter.c); c keeps no literal after. */
void cb_drop_literals(cb_code *c);

#endif
