/* segout_int.h - what the segment writers share: the segments' and the
 * corpus's columns, an index of the corpus's units by (doc, unit), the
 * checked span of a segment, the marking of a unit, the plan of a
 * review's pages.  Not a public header. */
#ifndef CODA_SEGOUT_INT_H
#define CODA_SEGOUT_INT_H

#include "segout.h"
#include "writers.h"
#include "base_outfile.h"

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

/* A batch of segments ready to be marked in its corpus (segout_plan.c):
 * each segment checked against its unit, its code found in cb, the
 * segments grouped by unit. */
typedef struct coda_segout_plan {
    coda_segview v;
    const coda_codebook *cb;
    const char *const *names;   /* code i's name (ncodes of them) */
    size_t ncodes;
    uint32_t *code;             /* segment r's code index */
    size_t *first;              /* corpus row r's segments: order[first[r] .. first[r + 1]) */
    size_t *order;              /* segment rows grouped by unit */
} coda_segout_plan;

/* Check every segment, find its code, group the segments by unit (rv's v
 * opened, cb, names and ncodes set, the rest zero).  The errors of
 * segout.h; CODA_ENOMEM. */
coda_status coda_segout_plan_make(coda_segout_plan *rv, coda_error *err);
void coda_segout_plan_free(coda_segout_plan *rv);

/* The document of corpus row r. */
const char *coda_segout_plan_doc(const coda_segout_plan *rv, size_t r);

/* --- review pages written batch by batch (segout_hspool.c) ------------- */

/* A page: its units and segments, its first and last documents, and the
 * bytes [off, end) of its units' HTML in the scratch file. */
typedef struct coda_page_info {
    size_t units, segs;
    char *first, *last;
    long long off, end;
} coda_page_info;

/* The units' HTML held in a scratch file, cut into pages as it comes;
 * a page's head (which counts the pages) is written at the end. */
typedef struct coda_html_spool {
    const coda_codebook *cb;
    coda_segout_html_opts o;
    const char **names;         /* code i's name */
    size_t ncodes;
    coda_marker m;
    FILE *fp;
    coda_wbuf *w;
    coda_page_info *pages;
    size_t npages, cap;
    int open, full;             /* the last page takes units; is full */
    size_t fill;                /* its text so far */
    char *prev;                 /* the document of the last unit */
    size_t *count;              /* segments of code i */
    size_t nseg, nunits;
} coda_html_spool;

/* CODA_EIO (no scratch file), CODA_ENOMEM; on failure k is freed. */
coda_status coda_html_spool_open(coda_html_spool *k, const coda_codebook *cb,
                                 const coda_segout_html_opts *o,
                                 coda_error *err);

/* The units of corpus with the segments seg marked (segout.h's errors). */
coda_status coda_html_spool_add(coda_html_spool *k, const coda_table *seg,
                                const coda_table *corpus, coda_error *err);

/* Close the last page (a review of nothing has one, empty). */
coda_status coda_html_spool_end(coda_html_spool *k, coda_error *err);

/* Free k; safe on a zeroed or freed k. */
void coda_html_spool_free(coda_html_spool *k);

/* The pages (segout_html.c): one page into out, which is committed; more:
 * each page to its own file beside path, then the index into out (see
 * coda_segout_html).  out is committed, or aborted after a failure. */
coda_status coda_html_spool_commit(coda_html_spool *k, coda_outfile *out,
                                   const char *path, size_t *npages,
                                   coda_error *err);

/* --- the HTML (segout_page.c) ------------------------------------------ */

/* A section heading for document doc: closing the section before unless
 * first on its page; "(continued)" when it began on the page before. */
void coda_segout_section(coda_wbuf *fp, const char *doc, int first,
                         int continued);

/* One unit, corpus row r of rv: its speaker (or #unit) and its marked
 * text.  CODA_ENOMEM from marking. */
coda_status coda_segout_unit(coda_wbuf *fp, const coda_segout_plan *rv,
                             coda_marker *m, size_t r, coda_error *err);

/* Page i of k's review at path, around its units: the head (title, links
 * to the index and the neighbours, counts, legend) and the foot. */
void coda_segout_page_head(coda_wbuf *fp, const coda_html_spool *k,
                           const char *path, size_t i);
void coda_segout_page_foot(coda_wbuf *fp, const coda_html_spool *k,
                           const char *path, size_t i);

/* The index: the codes with their counts, the pages with their documents. */
void coda_segout_index(coda_wbuf *fp, const coda_html_spool *k,
                       const char *path);

/* --- the keyword-in-context listing in parts (segout_kwic.c) ----------- */

/* Lines held back in a scratch file until the widest columns are known. */
typedef struct coda_kwic_spool {
    FILE *fp;
    coda_wbuf *w;
    size_t context;
    size_t w_where, w_speaker, w_code;
} coda_kwic_spool;

/* CODA_EIO (no scratch file), CODA_ENOMEM; on failure k is freed. */
coda_status coda_kwic_spool_open(coda_kwic_spool *k, size_t context,
                                 coda_error *err);

/* The lines of seg's segments (checked against corpus as segout.h says). */
coda_status coda_kwic_spool_add(coda_kwic_spool *k, const coda_table *seg,
                                 const coda_table *corpus, coda_error *err);

/* Every line so far, padded, to out, then commit out (abort it after a
 * failure).  CODA_EIO, CODA_ENOMEM. */
coda_status coda_kwic_spool_commit(coda_kwic_spool *k, coda_outfile *out,
                                   coda_error *err);

/* Close the scratch file; safe on a zeroed or freed k. */
void coda_kwic_spool_free(coda_kwic_spool *k);

#endif
