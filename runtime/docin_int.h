/* docin_int.h - what the docin family's files share: JSON lines read from
 * a given line on, and the set of document ids a stream has seen.  Not a
 * public header. */
#ifndef CODA_DOCIN_INT_H
#define CODA_DOCIN_INT_H

#include "docin.h"

/* coda_docin_jsonl over data[0..len) whose first line is line line0 + 1 of
 * the input (errors name that line); with lines, a third integer column
 * "line" holds each document's line. */
CODA_INTERNAL
coda_status coda_docin_jsonl_at(const char *data, size_t len,
                                const char *name, long line0, int lines,
                                coda_table **out, coda_error *err);

/* The ids seen so far and the line each was on. */
typedef struct coda_docin_ids {
    struct docin_id *slots;
    size_t n, cap;
} coda_docin_ids;

/* Add id[0..len) seen on line: CODA_OK, or the line it was seen on before
 * in *before and CODA_EARG (nothing added); CODA_ENOMEM. */
CODA_INTERNAL
coda_status coda_docin_ids_add(coda_docin_ids *s, const char *id, size_t len,
                               long line, long *before);

CODA_INTERNAL
void coda_docin_ids_free(coda_docin_ids *s);

#endif
