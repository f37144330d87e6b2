/* base_zipread.h - reading entries of a zip archive (a .qdpx, a .docx) whole
 * into memory with libzip, under a limit on the bytes they inflate to, so
 * that a zip bomb ends in an error; nothing is ever extracted to disk.
 *
 * Ownership: an archive from coda_zip_open is the caller's to
 * coda_zip_close; an entry's bytes from coda_zip_read are the caller's to
 * coda_free. */
#ifndef CODA_ZIPREAD_H
#define CODA_ZIPREAD_H

#include "base_error.h"

#include <stddef.h>
#include <stdint.h>

typedef struct coda_zip coda_zip;

/* Open the zip at path to read entries into memory, at most limit bytes
 * in all (0: no limit).  kind names what the file should be in the error
 * for a file that is not a zip (".qdpx": "not a zip archive (a .qdpx is
 * one)").  CODA_EIO (cannot open), CODA_EPARSE (not a zip, an entry name
 * with a ".." part or an absolute one), CODA_ENOMEM. */
CODA_API
coda_status coda_zip_open(const char *path, uint64_t limit, const char *kind,
                          coda_zip **out, coda_error *err);

/* 1 when the archive has an entry called name. */
CODA_API
int coda_zip_has(coda_zip *z, const char *name);

/* The entry name whole in a new buffer (NUL-terminated, *len bytes), the
 * caller's to coda_free.  CODA_EPARSE (no such entry, a corrupt one),
 * CODA_ELIMIT (its declared size, or the bytes it inflates to, would pass
 * the limit; or it inflates past its declared size), CODA_ENOMEM. */
CODA_API
coda_status coda_zip_read(coda_zip *z, const char *name, char **data,
                          size_t *len, coda_error *err);

CODA_API
void coda_zip_close(coda_zip *z);     /* NULL allowed */

#endif
