/* codebook_prefilter.h - the prefilter: the literals every match of a code
 * holds, derived when a codebook compiles and searched for in each unit
 * (one pass for all codes) before any pattern runs.  Not a public
 * header. */
#ifndef CODA_CODEBOOK_PREFILTER_H
#define CODA_CODEBOOK_PREFILTER_H

#include "codebook_int.h"

/* Derive the literals c requires from its patterns; c gets none when they
 * cannot be proved.  CODA_ENOMEM. */
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

/* Free c's required literals; c keeps no literal after. */
void cb_drop_literals(cb_code *c);

#endif
