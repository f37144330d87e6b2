/* codebook_wordbound.h - word boundaries that treat combining marks as
 * letters.
 *
 * PCRE2's \b (even with UCP) counts only letters, digits and underscore as
 * word characters, so a Devanagari or Bengali vowel sign ends a "word":
 * \bशादी\b finds nothing in "जबरन शादी की गई".  coda rewrites every unescaped
 * \b and \B outside a character class into lookarounds whose word
 * characters are [\p{L}\p{M}\p{N}_].  On ASCII text the result matches
 * exactly what \b matched before.  \\b, [\b] (a backspace), \Q...\E and
 * (?#...) comments are left alone; in extended mode (flag x) so are
 * #-comments. */
#ifndef CODA_WORDBOUND_H
#define CODA_WORDBOUND_H

#include "base_error.h"

#include <stddef.h>

/* The lookaround that replaces \b (NUL-terminated). */
CODA_API
extern const char coda_wordbound_b[];
/* The lookaround that replaces \B. */
CODA_API
extern const char coda_wordbound_B[];

/* The lookaround for \b (upper: \B) whose neighbour before (after) the
 * pattern fixes as CB_SIDE_WORD or CB_SIDE_NONWORD (codebook_int.h), or
 * coda_wordbound_b (_B) when it fixes neither: one lookaround instead of
 * four, which also lets PCRE2 skip ahead to the bytes a match starts with.
 * Same matches either way. */
const char *coda_wordbound_pick(int upper, int before, int after);

/* Rewrite pat[0..len) into a new NUL-terminated string *out (length in
 * *outlen, may be NULL), owned by the caller (coda_free).  extended: the
 * pattern is compiled with PCRE2_EXTENDED.  CODA_ENOMEM only. */
CODA_API
coda_status coda_wordbound_rewrite(const char *pat, size_t len, int extended,
                                   char **out, size_t *outlen);

/* Copy pat[0..len) into *out (the caller's to coda_free) with a callout
 * "(?C)" after every unbounded quantifier (*, +, {n,}) outside classes,
 * quotations, comments and verbs.  PCRE2's JIT does not count backtracking
 * within a repeat of one character against the match limit, so
 * `(?=.*a.*b.*c)` can run for minutes on a page of text; the coder counts
 * the callouts instead (codebook_match.c).  The callouts change no match.
 * CODA_ENOMEM only. */
CODA_API
coda_status coda_pattern_guard(const char *pat, size_t len, int extended,
                               char **out, size_t *outlen);

/* The index just past the item at s[i] that holds no pattern structure
 * of its own: a comment, a character class, a verb or a callout string, a
 * \Q quotation or an escape; i when none starts there.  For scanners that
 * look for groups, alternatives or literal text.  extended: #-comments. */
CODA_API
size_t coda_pattern_opaque(const char *s, size_t len, size_t i, int extended);

#endif
