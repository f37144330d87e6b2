/* base_outfile.h - writing a file whole or not at all: a temporary file beside
 * the target, renamed over it only when everything was written.
 *
 * What the target is decides how it is written:
 *   absent            a new file, mode 0666 less the umask;
 *   a regular file    replaced atomically, keeping its mode (and owner,
 *                     where the process may set it);
 *   a symbolic link   the file it points to is replaced atomically (a
 *                     dangling link: that file is made); the link stays;
 *   a FIFO, a character device, or any name under /dev or /proc
 *   (/dev/null, /dev/stdout, a terminal)
 *                     written through as a stream (appending), never
 *                     replaced;
 *   anything else     refused (a folder, a block device, a socket).
 * The temporary file is named TARGET.tmp-XXXXXX, or .coda.tmp-XXXXXX in
 * the same folder when that name would be too long. */
#ifndef CODA_OUTFILE_H
#define CODA_OUTFILE_H

#include "base_error.h"

#include <stdio.h>

typedef struct coda_outfile {
    FILE *fp;           /* write here */
    char *tmp;          /* the temporary file's path; NULL for a stream */
    char *path;         /* the target (a link's, resolved) */
} coda_outfile;

/* Open a temporary file beside path (or path itself, for a stream).
 * CODA_EIO (naming path: cannot write, a folder, not a kind of file coda
 * writes to), CODA_EARG when path is a file this run read (base_inputs.h),
 * or CODA_ENOMEM. */
CODA_API
coda_status coda_outfile_open(coda_outfile *o, const char *path,
                              coda_error *err);

/* Flush, sync and rename over the target; on any write error remove the
 * temporary file and return CODA_EIO.  Frees o either way. */
CODA_API
coda_status coda_outfile_commit(coda_outfile *o, coda_error *err);

/* Remove the temporary file and free o (after a failure). */
CODA_API
void coda_outfile_abort(coda_outfile *o);

/* An anonymous temporary file (tmpfile: gone when closed, or when the
 * process ends) for what a writer holds back until its output is whole;
 * not an output.  CODA_EIO. */
CODA_API
coda_status coda_scratch_open(FILE **fp, coda_error *err);

/* Make the folder path and any parents it lacks, like mkdir -p (mode 0777
 * less the umask); a folder already there is fine.  CODA_EIO naming path
 * (a file in the way, no permission ...), CODA_EARG for an empty path, or
 * CODA_ENOMEM. */
CODA_API
coda_status coda_mkdir_p(const char *path, coda_error *err);

/* Remove every temporary file still open (at most 64 are tracked).  Only
 * async-signal-safe calls: an interrupt handler may call it before the
 * process dies, so that an interrupted run leaves no half-written file. */
CODA_API
void coda_outfile_remove_all(void);

#endif
