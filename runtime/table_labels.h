/* table_labels.h - the interned label vocabulary of a multi column.
 *
 * Each distinct label is stored once (in the vocabulary's own pool) and known
 * by a dense 0-based id in order of first appearance.  A vocabulary is shared
 * by reference between a column and the columns derived from it. */
#ifndef CODA_LABELS_H
#define CODA_LABELS_H

#include "base_error.h"

#include <stddef.h>
#include <stdint.h>

#define CODA_NO_LABEL UINT32_MAX

typedef struct coda_labels {
    int refs;
    uint32_t n;            /* number of labels */
    const char **s;        /* s[id], NUL-terminated, owned by the pool */
    uint32_t *len;         /* len[id] */
    /* private */
    uint32_t cap;
    uint32_t *slots;       /* open addressing: id + 1, 0 = empty */
    uint32_t nslots;
    struct coda_pool *pool;
} coda_labels;

/* A new empty vocabulary with one reference, or NULL (out of memory). */
CODA_API
coda_labels *coda_labels_new(void);
CODA_API
void coda_labels_ref(coda_labels *l);
CODA_API
void coda_labels_unref(coda_labels *l);   /* NULL allowed */

/* The id of label s[0..len), adding it when new.  CODA_ENOMEM, or
 * CODA_ELIMIT past 2^32-2 labels. */
CODA_API
coda_status coda_labels_intern(coda_labels *l, const char *s, size_t len,
                               uint32_t *id);

/* The id of s[0..len), or CODA_NO_LABEL when absent. */
CODA_API
uint32_t coda_labels_find(const coda_labels *l, const char *s, size_t len);

#endif
