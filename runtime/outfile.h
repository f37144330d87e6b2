/* outfile.h - writing a file whole or not at all: a temporary file beside
 * the target, renamed over it only when everything was written. */
#ifndef CODA_OUTFILE_H
#define CODA_OUTFILE_H

#include "error.h"

#include <stdio.h>

typedef struct coda_outfile {
    FILE *fp;           /* write here */
    char *tmp;          /* the temporary file's path */
    char *path;         /* the target */
} coda_outfile;

/* Open a temporary file beside path.  CODA_EIO (naming path),
 * CODA_EARG when path is a file this run read (inputs.h), or
 * CODA_ENOMEM. */
coda_status coda_outfile_open(coda_outfile *o, const char *path,
                              coda_error *err);

/* Flush, sync and rename over the target; on any write error remove the
 * temporary file and return CODA_EIO.  Frees o either way. */
coda_status coda_outfile_commit(coda_outfile *o, coda_error *err);

/* Remove the temporary file and free o (after a failure). */
void coda_outfile_abort(coda_outfile *o);

/* Make the folder path and any parents it lacks, like mkdir -p (mode 0777
 * less the umask); a folder already there is fine.  CODA_EIO naming path
 * (a file in the way, no permission ...), CODA_EARG for an empty path, or
 * CODA_ENOMEM. */
coda_status coda_mkdir_p(const char *path, coda_error *err);

/* Remove every temporary file still open (at most 64 are tracked).  Only
 * async-signal-safe calls: an interrupt handler may call it before the
 * process dies, so that an interrupted run leaves no half-written file. */
void coda_outfile_remove_all(void);

#endif
