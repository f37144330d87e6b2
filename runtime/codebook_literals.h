/* codebook_literals.h - many byte strings searched for in one pass
 * (Aho-Corasick).
 *
 * Each literal is added under an id; a scan of a text sets hit[id] for
 * every literal that occurs in it.  A caseless literal matches whatever
 * the ASCII case of the text's letters (other bytes must be equal); a
 * case-sensitive one matches its exact bytes.  The automaton runs over the
 * ASCII-lowered bytes, so both kinds share it: a case-sensitive literal
 * found there is checked against the text's own bytes before it counts.
 *
 * Ownership: the set owns copies of the literals and its automaton;
 * coda_literals_free releases them.  A built set is only read by a scan,
 * so several threads may scan it at once (each with its own hit array). */
#ifndef CODA_LITERALS_H
#define CODA_LITERALS_H

#include "base_error.h"

#include <stddef.h>
#include <stdint.h>

typedef struct coda_literals coda_literals;

/* A new empty set, or NULL when out of memory. */
CODA_API
coda_literals *coda_literals_new(void);
CODA_API
void coda_literals_free(coda_literals *l);              /* NULL allowed */

/* Add s[0..n) under id (ids need not be distinct).  caseless: ASCII letters
 * match either case.  CODA_EARG (n is 0, or the set is built already),
 * CODA_ENOMEM. */
CODA_API
coda_status coda_literals_add(coda_literals *l, const char *s, size_t n,
                              int caseless, uint32_t id);

/* Build the automaton once every literal is added.  CODA_ENOMEM,
 * CODA_ELIMIT (the automaton would exceed 2^31 table cells); after a
 * failure the set can only be freed. */
CODA_API
coda_status coda_literals_build(coda_literals *l);

/* One more than the largest id added (0 for an empty set): the size of the
 * hit array a scan takes. */
CODA_API
size_t coda_literals_ids(const coda_literals *l);

/* Set hit[id] = 1 for each id with a literal occurring in s[0..n); other
 * entries are left as they are.  l must be built. */
CODA_API
void coda_literals_scan(const coda_literals *l, const char *s, size_t n,
                        uint8_t *hit);

/* What coda_literals_each calls for each occurrence: the literal's id and
 * its place s[start..end). */
typedef void (*coda_literal_fn)(void *ud, uint32_t id, size_t start,
                                size_t end);

/* Call fn for every occurrence of every literal in s[0..n), in the order
 * their ends come in s (the ids of one end in no set order).  l must be
 * built. */
void coda_literals_each(const coda_literals *l, const char *s, size_t n,
                        coda_literal_fn fn, void *ud);

#endif
