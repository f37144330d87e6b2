/* segout_int.h - what the segment writers share: the segments' and the
 * corpus's columns, an index of the corpus's units by (doc, unit), the
 * checked span of a segment, a write buffer and the marking of a unit.  Not a public
 * header. */
#ifndef CODA_SEGOUT_INT_H
#define CODA_SEGOUT_INT_H

#include "segout.h"
#include "writers.h"

#include <stdint.h>
#include <stdio.h>

typedef struct coda_segview {
    const coda_table *seg, *corpus;
    const coda_column *doc, *unit, *speaker, *code, *start, *stop, *match;
    const coda_column *cdoc, *cunit, *cspeaker, *ctext;
    size_t *slots;              /* corpus row + 1 by hash, 0 empty */
    size_t mask;
    size_t hint;                /* the last segment's corpus row: segments
                                   come in corpus order, mostly */
} coda_segview;

/* A segment resolved against its unit: the corpus row, the unit's text
 * and the 0-based byte span [a, b) of the match in it. */
typedef struct coda_segspan {
    size_t row;
    const char *text;
    size_t len, a, b;
} coda_segspan;

/* Find the columns (CODA_EARG naming a missing or mistyped one) and index
 * the corpus's units (CODA_EARG for a unit that appears twice). */
coda_status coda_segview_open(coda_segview *v, const coda_table *seg,
                              const coda_table *corpus, coda_error *err);
void coda_segview_close(coda_segview *v);

/* Segment row r against the corpus (see segout.h for the checks). */
coda_status coda_segview_span(coda_segview *v, size_t r,
                              coda_segspan *sp, coda_error *err);

/* FNV-1a of s[0..len), mixed with unit: the index's hash. */
size_t coda_segview_hash(const char *s, size_t len, int64_t unit);

/* Row r's text in a string column, "" when missing. */
const char *coda_segview_str(const coda_column *c, size_t r, size_t *len);

/* Marking one unit's text: scratch kept from unit to unit. */
typedef struct coda_marker {
    const char *const *names;   /* code i's name */
    uint32_t *count;            /* open spans of code i */
    uint32_t *active;           /* codes with open spans, in order */
    size_t nactive;
    struct coda_mark_ev *ev;
    size_t cap;
} coda_marker;

/* Scratch for a codebook of ncodes codes named names[]; CODA_ENOMEM. */
coda_status coda_marker_init(coda_marker *m, const char *const *names,
                             size_t ncodes, coda_error *err);
void coda_marker_free(coda_marker *m);

/* Write text[0..len) as HTML with the segments rows[0..n) of v (their
 * codes' codebook indexes in code[]) as <mark> spans, class "cI" (I the
 * 1-based code index) and a title naming the codes; after a code's span
 * ends, a <sup class="tag cI"> with its name.  CODA_ENOMEM. */
coda_status coda_marker_write(coda_marker *m, coda_wbuf *fp, const char *text,
                              size_t len, const coda_segview *v,
                              const size_t *rows, size_t n,
                              const uint32_t *code, coda_error *err);

#endif
