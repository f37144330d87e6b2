/* segout.h - coded segments written beside their corpus: a keyword-in-
 * context listing and paged HTML review pages.
 *
 * Both read the segment Dataset and the corpus's unit texts in place and
 * stream to the file through the atomic writer (base_outfile.h): no output is
 * built in memory, and what they hold besides the two tables is an index
 * of the corpus's units (a few machine words a unit and a segment).
 *
 * Segments: a Dataset with columns doc (string), unit, start, stop
 * (integers), code (string) and optionally speaker and match (strings),
 * as coda_code returns it.  Corpus: doc (string), unit (integer), text
 * (string) and optionally speaker, as coda_corpus_read returns it.  Each
 * segment must name a unit of the corpus, its start..stop (1-based, stop
 * inclusive) must be a span of that unit's text that starts and ends on a
 * character, and its match, when present, must be that span's text: else
 * CODA_EARG naming the segment's row ("segment 12 (doc01, unit 3): ..."),
 * which is how a corpus read with other options than the one coded shows.
 * Nothing is written on an error. */
#ifndef CODA_SEGOUT_H
#define CODA_SEGOUT_H

#include "codebook.h"
#include "base_error.h"
#include "table.h"

#include <stddef.h>

typedef struct coda_segout_kwic_opts {
    size_t context;     /* characters of context each side (30) */
} coda_segout_kwic_opts;

CODA_API
void coda_segout_kwic_opts_init(coda_segout_kwic_opts *o);

/* One line a segment, in the segments' order:
 *   WHERE  SPEAKER  CODE  LEFT[MATCH]RIGHT
 * WHERE is doc:unit, SPEAKER "-" when the unit has none; these columns are
 * padded to their widest value.  LEFT and RIGHT are at most context
 * characters (coda_utf8_char_len: a letter with its combining marks, a
 * conjunct, is one) of the unit's text before and after the match, LEFT
 * padded to context terminal columns so that the brackets line up.  Line
 * breaks, tabs and other control characters show as spaces.
 * Errors as above, CODA_EIO, CODA_ENOMEM. */
CODA_API
coda_status coda_segout_kwic(const coda_table *seg, const coda_table *corpus,
                            const coda_segout_kwic_opts *o, const char *path,
                            coda_error *err);

typedef struct coda_segout_html_opts {
    size_t page_bytes;  /* unit text a page holds, at least (256 KB) */
    const char *title;  /* the pages' heading ("Coded transcripts") */
} coda_segout_html_opts;

CODA_API
void coda_segout_html_opts_init(coda_segout_html_opts *o);

/* Static HTML pages of the corpus with each segment's span highlighted in
 * its code's colour (the codebook's colour, else one of a fixed sequence
 * of distinct hues by the code's position) and labelled with the code's
 * name; spans of several codes are outlined.  The units go in corpus
 * order onto pages of whole units, a page ending at the first unit that
 * brings its text to page_bytes.  One page: written to path.  More: path
 * is an index (the codes with their descriptions and counts, and each
 * page's documents and counts) and page i goes to coda_segout_page_name's
 * file beside it, each with links to the index and its neighbours.  A
 * review of several pages cannot go to a stream (a FIFO, standard
 * output): CODA_EARG.  *npages (may be NULL) gets the number of pages.
 * Errors as above, a segment's code not in cb (CODA_EARG), a page's file
 * one this run read (CODA_EARG, before any page is written), CODA_EIO,
 * CODA_ENOMEM; pages written before a later error (a full disk) stay,
 * each whole, and the index is written last. */
CODA_API
coda_status coda_segout_html(const coda_table *seg, const coda_table *corpus,
                              const coda_codebook *cb,
                              const coda_segout_html_opts *o, const char *path,
                              size_t *npages, coda_error *err);

/* The file name of page i (1-based) of n of a review written to path:
 * path without a trailing ".html" (or ".htm"), "-", i zero-padded to the
 * digits of n, ".html" (review.html: review-01.html ... review-12.html).
 * Written into buf like snprintf; returns the full length. */
CODA_API
size_t coda_segout_page_name(const char *path, size_t i, size_t n, char *buf,
                             size_t size);

/* --- segments written batch by batch (segout_stream.c) ----------------- */

typedef enum {
    CODA_SEGOUT_CSV, CODA_SEGOUT_JSONL, CODA_SEGOUT_KWIC, CODA_SEGOUT_HTML
} coda_segout_format;

typedef struct coda_segout_stream_opts {
    coda_segout_kwic_opts kwic;
    coda_segout_html_opts html;
    const coda_codebook *cb;    /* html: the codebook coded with */
} coda_segout_stream_opts;

CODA_API
void coda_segout_stream_opts_init(coda_segout_stream_opts *o);

/* One output of segments written in parts: each part's segments appended
 * as coda_csv_write (the header once, from the first part),
 * coda_jsonl_write, coda_segout_kwic or coda_segout_html write them, so
 * that the parts of a table give the bytes the whole table does (a
 * listing's lines and the review's pages are held in a scratch file until
 * the last part tells how wide the columns are, or how many pages there
 * are).  The file is the atomic writer's: path is replaced by
 * coda_segout_commit only (a review's pages too), and coda_segout_abort
 * (or any failure) leaves it as it was. */
typedef struct coda_segout_stream coda_segout_stream;

/* o: the listing's and the review's options (NULL: the defaults; a review
 * needs o->cb, else CODA_EARG).  CODA_EIO, CODA_EARG (path is an input of
 * this run), CODA_ENOMEM. */
CODA_API
coda_status coda_segout_open(const char *path, coda_segout_format f,
                             const coda_segout_stream_opts *o,
                             coda_segout_stream **out, coda_error *err);

/* Append seg's rows (the same columns each part); a listing and a review
 * need the corpus the part was coded from (else CODA_EARG), the others
 * ignore it.
 * The writers' errors; after one, abort. */
CODA_API
coda_status coda_segout_add(coda_segout_stream *w, const coda_table *seg,
                            const coda_table *corpus, coda_error *err);

/* Put the file in place (a review: its pages, then the index) and free w
 * (either way).  The errors of coda_segout_html's writing, CODA_EIO. */
CODA_API
coda_status coda_segout_commit(coda_segout_stream *w, coda_error *err);

/* Remove the temporary file and free w; NULL is fine. */
CODA_API
void coda_segout_abort(coda_segout_stream *w);

#endif
