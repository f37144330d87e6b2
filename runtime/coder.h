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
#include "base_error.h"
#include "group.h"
#include "table.h"

#include <stddef.h>
#include <stdint.h>

typedef struct coda_code_opts {
    const uint8_t *skip;        /* corpus nrow bytes, 1 = leave out; or NULL */
    size_t first, last;         /* code rows [first, last) only; last 0: to
                                   the end (a batch of documents) */
    const char *const *codes;   /* only these codes (any order); NULL: all */
    size_t ncodes;
    int threads;                /* 0: one per core (one for small corpora) */
    int prefilter;              /* 1: skip units without a code's literals */
    int ascii;                  /* 1: ASCII compile on units without UTF-8 */
    uint32_t match_limit;       /* PCRE2 match limit base; 0: 10,000,000 */
    uint32_t depth_limit;       /* 0: 1,000,000 */
    uint32_t heap_limit_kib;    /* 0: 262,144 (256 MiB) */
    uint32_t step_limit;        /* per code and unit, plus 64 a byte of the
                                   unit (see codebook_match.h); 0: 100,000,000 */
    uint32_t time_limit_ms;     /* per code and unit of 64 KiB or more;
                                   0: 10,000 (10 s) */
    /* Called from the calling thread about every 250 ms while coding runs,
     * with the bytes of text coded so far and in all; may be NULL. */
    void (*progress)(void *ud, uint64_t done, uint64_t total);
    void *progress_ud;
} coda_code_opts;

/* threads 0, prefilter 1, ascii 1, everything else 0/NULL. */
CODA_API
void coda_code_opts_init(coda_code_opts *o);

/* Code corpus with cb.  Errors: CODA_EARG (a column missing, an unknown
 * code in opts->codes, a code that did not compile), CODA_EUTF8 (a unit
 * that is not UTF-8), CODA_EREGEX (a match or step limit hit: the message names
 * the code, the document and the unit), CODA_ENOMEM. */
CODA_API
coda_status coda_code(const coda_codebook *cb, const coda_table *corpus,
                      const coda_code_opts *opts, coda_table **out,
                      coda_error *err);

/* How many units of corpus each code matches, into units[i] for code i
 * (coda_codebook_size entries), coding as coda_code does; codes that did
 * not compile (a lenient compile) count 0 instead of refusing the
 * codebook.  Errors as coda_code. */
CODA_API
coda_status coda_code_units(const coda_codebook *cb, const coda_table *corpus,
                            const coda_code_opts *opts, size_t *units,
                            coda_error *err);

/* --- choosing units by speaker ------------------------------------------ */

/* The speakers of a corpus, for coding only some speakers' units.  A
 * filter matches a speaker's whole name, ignoring case as a codebook's
 * patterns do: "R" is not "Ramesh" and "interviewer" is "Interviewer"; a
 * regex reaches into names only where it says so ("R.*").  Units without
 * a speaker are never chosen by a filter.  coda_speakers_free in every
 * case. */
typedef struct coda_speakers {
    const coda_table *t;
    long col;                   /* the string column speaker, or -1 */
    coda_groups g;              /* the units by speaker */
    uint32_t none;              /* the group of units without one, or
                                   UINT32_MAX */
} coda_speakers;

/* Group the units of corpus t by speaker.  CODA_EARG when t has units but
 * none of them has a speaker (units of a document or paragraph);
 * CODA_ENOMEM. */
CODA_API
coda_status coda_speakers_init(coda_speakers *s, const coda_table *t,
                               coda_error *err);
CODA_API
void coda_speakers_free(coda_speakers *s);

/* How many groups of units there are (speakers, and one for the units
 * without a speaker if there are any); the name of group k (*len its
 * length), or NULL for the units without a speaker. */
CODA_API
size_t coda_speakers_count(const coda_speakers *s);
CODA_API
const char *coda_speakers_name(const coda_speakers *s, size_t k, size_t *len);

/* Set hit[k] = 1 (hit: coda_speakers_count entries) for each speaker k
 * whose whole name filter matches: a PCRE2 pattern (UTF, UCP, coda's \b,
 * caseless unless it says (?-i)), or with literal a name.  Warn in w about
 * the filter when it matches no speaker, or about each top-level
 * alternative of a pattern ("Interviewer|Moderatr") that matches none,
 * naming the spelling probably meant: 'no speaker "Interviwer" in the
 * corpus; did you mean "Interviewer"?'.  CODA_EREGEX (naming the pattern
 * and offset), CODA_ENOMEM. */
CODA_API
coda_status coda_speakers_pick(const coda_speakers *s, const char *filter,
                               int literal, uint8_t *hit, coda_warnings *w,
                               coda_error *err);

/* The same warning for a filter matched elsewhere (a Lua pattern) that
 * matches no speaker.  CODA_ENOMEM. */
CODA_API
coda_status coda_speakers_hint(const coda_speakers *s, const char *filter,
                               coda_warnings *w);

/* The speakers of corpus t added to the tally who (NULL: none yet) into
 * *out (the caller's): a table of one row a speaker, string speaker
 * (missing for units without one) and integer units, who's speakers
 * first, then t's new ones, each in order of first appearance.  Added
 * batch by batch, it is the tally of the corpus whole, and
 * coda_speakers_init on it decides what it decides on the corpus (every
 * warning and the same "no unit left"), holding a row a speaker, not a
 * unit.  CODA_ENOMEM, CODA_ELIMIT. */
CODA_API
coda_status coda_speakers_tally(const coda_table *who, const coda_table *t,
                                coda_table **out, coda_error *err);

/* Set skip[r] = 1 for each unit r to leave out: with include, those whose
 * speaker is not hit (or that have none); else those whose speaker is hit.
 * Other entries are left as they are.  Returns the units not skipped. */
CODA_API
size_t coda_speakers_mark(const coda_speakers *s, const uint8_t *hit,
                          int include, uint8_t *skip);

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
CODA_API
coda_status coda_seg_cases(const coda_table *seg, const coda_seg_opts *o,
                           coda_table **out, coda_error *err);

/* One row per case: the by column and one integer column per code, the
 * number of segments (or 0/1 with binary). */
CODA_API
coda_status coda_seg_matrix(const coda_table *seg, const coda_seg_opts *o,
                            coda_table **out, coda_error *err);

/* The same summaries counted part by part: a tally takes the segments of
 * a corpus coded in batches (cb:code's, each part whole documents) and
 * gives what the summaries above give for all of them together, in the
 * same order (cases and codes as they first appear, or o->codes), without
 * the segments kept.  o->corpus is not used; o->by and o->codes are
 * copied.  *out is the caller's (coda_seg_tally_free).  CODA_ENOMEM. */
typedef struct coda_seg_tally coda_seg_tally;

CODA_API
coda_status coda_seg_tally_new(const coda_seg_opts *o, coda_seg_tally **out,
                               coda_error *err);

/* Count seg's segments by case and code (for cases and matrix); every
 * part with a by column of one type.  CODA_EARG (a missing or mistyped
 * column, named), CODA_ENOMEM. */
CODA_API
coda_status coda_seg_tally_add(coda_seg_tally *t, const coda_table *seg,
                               coda_error *err);

/* Count the code pairs of seg's units (for co-occurrence; a unit must not
 * be split between parts).  Errors as coda_seg_cooccurrence's. */
CODA_API
coda_status coda_seg_tally_add_pairs(coda_seg_tally *t, const coda_table *seg,
                                     coda_error *err);

/* What coda_seg_cases, coda_seg_matrix and coda_seg_cooccurrence give for
 * the parts added (CODA_EARG: a code named like the case column). */
CODA_API
coda_status coda_seg_tally_cases(const coda_seg_tally *t, coda_table **out,
                                 coda_error *err);
CODA_API
coda_status coda_seg_tally_matrix(const coda_seg_tally *t, int binary,
                                  coda_table **out, coda_error *err);
CODA_API
coda_status coda_seg_tally_cooccurrence(const coda_seg_tally *t,
                                        coda_table **out, coda_error *err);

CODA_API
void coda_seg_tally_free(coda_seg_tally *t);

/* Code pairs occurring in the same unit (same doc and unit): code_a,
 * code_b (a before b in code order), units (how many units hold both);
 * pairs that never co-occur are left out. */
CODA_API
coda_status coda_seg_cooccurrence(const coda_table *seg,
                                  const coda_seg_opts *o, coda_table **out,
                                  coda_error *err);

#endif
