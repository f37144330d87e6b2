/* csv_hdr.h - the CSV header reader (internal to the loader). */
#ifndef CODA_CSV_HDR_H
#define CODA_CSV_HDR_H

#include "csv_int.h"

typedef struct csv_header {
    char **names;           /* NUL-terminated copies */
    size_t *lens;
    size_t n, cap;
    size_t end;             /* offset of the first byte after the header */
    long first_line;        /* physical line of the header */
    long lines;             /* line ends up to end */
    int bare;               /* a name is not in quotes */
    int needless;           /* a name is in quotes it did not need */
    coda_error err;
} csv_header;

/* Read the first record at or after start as the header and check its names
 * (non-empty, UTF-8, no NUL, no duplicates).  On failure h->err says why;
 * csv_header_free frees h in every case. */
coda_status csv_header_read(const load_ctx *ctx, size_t start, csv_header *h);
void csv_header_free(csv_header *h);

#endif
