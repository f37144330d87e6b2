/* format.h - a readable text preview of a Dataset, like a data-frame print.
 *
 * The text goes to a sink the caller provides, in pieces; nothing is
 * allocated, so a sink that raises (a Lua error) leaks nothing. */
#ifndef CODA_FORMAT_H
#define CODA_FORMAT_H

#include "base_api.h"

#include "table.h"

typedef void (*coda_sink)(void *ud, const char *s, size_t len);

/* Write a preview of t: a title line with the size, the column names and
 * types, the first maxrows rows (missing shown as <NA>, long text cut with
 * "...", control characters escaped), and a line saying how many rows and
 * columns were left out.  Columns are shown while they fit in width
 * characters. */
CODA_API
void coda_table_preview(const coda_table *t, size_t maxrows, size_t width,
                        coda_sink sink, void *ud);

#endif
