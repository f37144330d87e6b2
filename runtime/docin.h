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

#endif
