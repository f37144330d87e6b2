/* codebook_match.h - what the coder may use of a compiled codebook: a view
 * of each code (its compiled patterns, how its prefilter bounds it), the
 * prefilter's scan, the limits, a thread's matcher and the next match.
 * The codebook's model behind it (codebook_int.h) stays the codebook's
 * own.  Not a public header. */
#ifndef CODA_CODEBOOK_MATCH_H
#define CODA_CODEBOOK_MATCH_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include "base_api.h"
#include "codebook.h"
#include "codebook_literals.h"

#include <pcre2.h>
#include <stdint.h>
#include <time.h>

/* A compiled pattern (codebook_int.h). */
typedef struct cb_regex cb_regex;

/* What coding needs of one code of a compiled codebook. */
typedef struct cb_code_view {
    const char *name;
    const cb_regex *re;         /* NULL: a category, it matches nothing */
    const cb_regex *ex;         /* NULL: no exclude */
    size_t nlits;               /* every match holds one of its nlits
                                   literals (0: no prefilter) */
    size_t span;                /* with literals: bytes a match spans at
                                   most (SIZE_MAX: no bound known) */
} cb_code_view;

/* The view of code i of a compiled cb. */
CODA_INTERNAL
void cb_code_view_get(const coda_codebook *cb, size_t i, cb_code_view *v);

/* Every code's literals in one automaton, id = code index; NULL when no
 * code has a prefilter. */
CODA_INTERNAL
const coda_literals *cb_literals(const coda_codebook *cb);

/* The general context allocating through coda_malloc. */
CODA_INTERNAL
pcre2_general_context *cb_general_context(void);

/* A coding thread's scratch for cb_prefilter_scan; zero it first. */
typedef struct cb_scan {
    uint8_t *hit;               /* per code: 1 when the unit may match */
    char *fold;
    size_t cap;
} cb_scan;

/* Set sc->hit[i] for every code i of cb whose literals occur in the unit
 * s[0..len) (valid UTF-8; ascii: no byte above 0x7F), or for every code
 * when cb has no automaton.  A code with literals and hit 0 cannot match
 * the unit (codebook_prefilter.c).  CODA_ENOMEM. */
CODA_INTERNAL
coda_status cb_prefilter_scan(const coda_codebook *cb, const char *s,
                              size_t len, int ascii, cb_scan *sc);
CODA_INTERNAL
void cb_scan_free(cb_scan *sc);

/* Match limits, per call (coder.c and codebook_check.c), and a step limit per
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

/* cb_next for a match that starts at byte last at the latest (SIZE_MAX:
 * anywhere); the text after last is still seen whole. */
int cb_next_upto(cb_matcher *m, const cb_regex *r, const char *s,
                 size_t len, size_t off, size_t last, int ascii, size_t *a,
                 size_t *b);

/* Describe a negative cb_next result for the code named code in err. */
coda_status cb_match_error(coda_error *err, int rc, const char *code,
                           const char *where);

#endif
