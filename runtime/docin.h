/* docin.h - documents given as data rather than files: JSON lines
 * ({"id": ..., "text": ...} one a line) or id,text CSV, as `coda code -`
 * reads them from standard input, into a Dataset of columns id and text
 * for coda_corpus_split.
 *
 * Ownership: *out is the caller's (coda_table_free); on failure *out is
 * untouched and nothing leaks. */
#ifndef CODA_DOCIN_H
#define CODA_DOCIN_H

#include "base_error.h"
#include "table.h"

#include <stddef.h>
#include <stdio.h>

/* JSON lines in data[0..len): each line that is not blank one object with
 * an id (a string, or a number written as JSON writes it) and a text (a
 * string); other keys are ignored.  A Dataset of string columns id, text,
 * one row a line.  CODA_EPARSE naming name, the line and what was wrong:
 * bad JSON (with the column), not an object, no id or text, a null,
 * an id that is an array, object or boolean, a text that is not a string.
 * CODA_ENOMEM. */
CODA_API
coda_status coda_docin_jsonl(const char *data, size_t len, const char *name,
                             coda_table **out, coda_error *err);

/* JSON lines when the first character that is not white space is "{",
 * else CSV with a header (every field a string, coda_csv_load_mem); the
 * CSV's errors name name. */
CODA_API
coda_status coda_docin_read(const char *data, size_t len, const char *name,
                            coda_table **out, coda_error *err);

/* --- documents read as a stream (docin_stream.c) ----------------------- */

/* Documents read from fp a batch at a time, whole records (a JSON line, a
 * CSV record), so that what is held is a batch and the ids seen, not the
 * input.  The format is told as coda_docin_read tells it. */
typedef struct coda_docin_stream coda_docin_stream;

/* The most bytes one record of a stream may take unless told otherwise
 * (1 GiB): a record without an end (a line of NUL bytes, a quote never
 * closed) stops there, not when memory runs out. */
#define CODA_RECORD_MAX ((size_t)1 << 30)

/* Open a stream over fp (the caller's; read from where it stands), whose
 * errors name name; one record takes at most max_record bytes (0:
 * CODA_RECORD_MAX); copy, when not NULL, gets every byte read from fp (to
 * read the input again).  CODA_EIO, CODA_ENOMEM, CODA_ELIMIT. */
CODA_INTERNAL
coda_status coda_docin_stream_open(FILE *fp, const char *name,
                                   size_t max_record, FILE *copy,
                                   coda_docin_stream **out, coda_error *err);

/* The documents of the next about bytes of input (the records until the
 * one that reaches it) into *out (the caller's), NULL after the last; the
 * first call gives a table even when there is no document.  Its string
 * columns id (never missing) and text and its integer column of each
 * document's first line are cols[0], cols[1] and cols[2].  The errors of
 * coda_docin_read, naming the line of the whole input; CODA_EARG naming
 * the line: an id given twice in the input, a CSV record without an id,
 * no id or text column; CODA_ELIMIT naming the line where a record longer
 * than max_record bytes starts; CODA_EIO. */
CODA_INTERNAL
coda_status coda_docin_stream_next(coda_docin_stream *s, size_t bytes,
                                   coda_table **out, size_t cols[3],
                                   coda_error *err);

CODA_INTERNAL
void coda_docin_stream_free(coda_docin_stream *s);

#endif
