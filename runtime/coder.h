/* coder.h - coding a corpus with a codebook, and what segments add up to.
 *
 * Coding finds every non-overlapping, non-empty match of every code in
 * every unit of a corpus (a Dataset with string columns doc and text, an
 * integer column unit and optionally a string column speaker, as
 * coda_corpus_read makes).  A code whose exclude pattern matches anywhere
 * in a unit yields nothing there.  The result is a Dataset of segments:
 *   doc, unit, speaker, code, start, stop, match
 * start/stop are 1-based byte offsets into the unit's text, stop inclusive
 * (as Lua's string.find), rows ordered by corpus row, then start, then code
 * order (the codebook's).  Documents are split across threads; the result
 * is the same for any number of threads, with or without the prefilter and
 * the ASCII compile.
 *
 * Ownership: *out is the caller's (coda_table_free); it shares the corpus's
 * string pools.  On failure *out is untouched and nothing leaks. */
#ifndef CODA_CODER_H
#define CODA_CODER_H

#include "codebook.h"
#include "error.h"
#include "table.h"

#include <stddef.h>
#include <stdint.h>

typedef struct coda_code_opts {
    const uint8_t *skip;        /* corpus nrow bytes, 1 = leave out; or NULL */
    const char *const *codes;   /* only these codes (any order); NULL: all */
    size_t ncodes;
    int threads;                /* 0: one per core (one for small corpora) */
    int prefilter;              /* 1: skip units without a code's literals */
    int ascii;                  /* 1: ASCII compile on units without UTF-8 */
    uint32_t match_limit;       /* PCRE2 match limit base; 0: 10,000,000 */
    uint32_t depth_limit;       /* 0: 1,000,000 */
    uint32_t heap_limit_kib;    /* 0: 262,144 (256 MiB) */
    uint32_t step_limit;        /* per code and unit, plus 64 a byte of the
                                   unit (see codebook_int.h); 0: 100,000,000 */
    uint32_t time_limit_ms;     /* per code and unit of 64 KiB or more;
                                   0: 10,000 (10 s) */
    /* Called from the calling thread about every 250 ms while coding runs,
     * with the bytes of text coded so far and in all; may be NULL. */
    void (*progress)(void *ud, uint64_t done, uint64_t total);
    void *progress_ud;
} coda_code_opts;

/* threads 0, prefilter 1, ascii 1, everything else 0/NULL. */
void coda_code_opts_init(coda_code_opts *o);

/* Code corpus with cb.  Errors: CODA_EARG (a column missing, an unknown
 * code in opts->codes, a code that did not compile), CODA_EUTF8 (a unit
 * that is not UTF-8), CODA_EREGEX (a match or step limit hit: the message names
 * the code, the document and the unit), CODA_ENOMEM. */
coda_status coda_code(const coda_codebook *cb, const coda_table *corpus,
                      const coda_code_opts *opts, coda_table **out,
                      coda_error *err);

/* Set skip[r] = 1 for the rows r to leave out by string column col and the
 * PCRE2 regex re (UTF, UCP, coda's \b): with exclude = 0 the rows where col
 * is missing or does not match re, with exclude = 1 the rows where it
 * matches.  Other entries are left as they are.  CODA_EREGEX (naming re and
 * the offset), CODA_EARG (no such string column), CODA_ENOMEM. */
coda_status coda_mark_rows(const coda_table *t, const char *col,
                           const char *re, int exclude, uint8_t *skip,
                           coda_error *err);

/* --- from segments ------------------------------------------------------ */

/* Options of the summaries below.  by: the case column ("doc"); corpus:
 * when given, every value of its by column appears, in its order (else
 * values in order of first appearance); codes: the code columns/labels to
 * use, in this order (NULL: in order of first appearance). */
typedef struct coda_seg_opts {
    const char *by;
    const coda_table *corpus;
    const char *const *codes;
    size_t ncodes;
    int binary;                 /* matrix: 1/0 presence instead of counts */
} coda_seg_opts;

/* One row per case: the by column and a multi column "codes" of the codes
 * present.  CODA_EARG names a missing column, CODA_ENOMEM. */
coda_status coda_seg_cases(const coda_table *seg, const coda_seg_opts *o,
                           coda_table **out, coda_error *err);

/* One row per case: the by column and one integer column per code, the
 * number of segments (or 0/1 with binary). */
coda_status coda_seg_matrix(const coda_table *seg, const coda_seg_opts *o,
                            coda_table **out, coda_error *err);

/* Code pairs occurring in the same unit (same doc and unit): code_a,
 * code_b (a before b in code order), units (how many units hold both);
 * pairs that never co-occur are left out. */
coda_status coda_seg_cooccurrence(const coda_table *seg,
                                  const coda_seg_opts *o, coda_table **out,
                                  coda_error *err);

#endif
