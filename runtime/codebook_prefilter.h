/* codebook_prefilter.h - the prefilter: the literals every match of a code
 * holds, derived when a codebook compiles and searched for in each unit
 * (one pass for all codes) before any pattern runs.  Not a public
 * header. */
#ifndef CODA_CODEBOOK_PREFILTER_H
#define CODA_CODEBOOK_PREFILTER_H

#include "codebook_int.h"
#include "codebook_match.h"

/* Derive the literals c requires from its patterns; c gets none when they
 * cannot be proved.  CODA_ENOMEM. */
coda_status cb_prefilter_derive(cb_code *c);

/* Build cb->lits from its codes' literals (none when it would be too
 * big).  CODA_ENOMEM. */
coda_status cb_prefilter_build(coda_codebook *cb);

/* Free c's required literals; c keeps no literal after. */
void cb_drop_literals(cb_code *c);

#endif
