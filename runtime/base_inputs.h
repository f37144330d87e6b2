/* base_inputs.h - the files a run has read, so that no output replaces one.
 *
 * With protection on, every reader (CSV, transcripts, .qdc) notes the file
 * it opened, by device, inode and change time, and coda_outfile_open
 * refuses a target that is one of them, unchanged: a command never writes over its own input, whatever
 * name (a symbolic link, a hard link, ./x or x) the output is given.
 * Protection is off unless turned on (the Lua module turns it on). */
#ifndef CODA_INPUTS_H
#define CODA_INPUTS_H

#include "base_error.h"

CODA_API
void coda_inputs_protect(int on);
CODA_API
int coda_inputs_protecting(void);

/* Note the file open on fd (fd < 0: the file at path) as read; nothing
 * when protection is off or the file cannot be looked at.  CODA_ENOMEM
 * only. */
CODA_API
coda_status coda_input_note(int fd, const char *path, coda_error *err);

/* CODA_EARG, naming path, when protection is on and path is a file noted
 * as read; else CODA_OK. */
CODA_API
coda_status coda_input_check_output(const char *path, coda_error *err);

/* The most coda reads from one pipe or device (2 GiB): /dev/zero given as
 * a file ends in an error, not in the memory running out. */
#define CODA_STREAM_MAX ((size_t)2 << 30)

/* Read everything from fd (a file, pipe or device) into a new buffer
 * (*data, the caller's to coda_free, NUL-terminated; *len bytes).  hint:
 * the size expected (a regular file's), so that one allocation of that
 * size does, or 0.  CODA_ELIMIT past max bytes, CODA_EIO (naming path),
 * CODA_ENOMEM. */
CODA_API
coda_status coda_read_all(int fd, const char *path, size_t max, size_t hint,
                          char **data, size_t *len, coda_error *err);

/* Open the file at path, note it as read and read it whole, as
 * coda_read_all does (a pipe or device up to max bytes).  CODA_EIO naming
 * path (it cannot be opened or read, or is a folder), CODA_ELIMIT,
 * CODA_ENOMEM. */
CODA_API
coda_status coda_read_file(const char *path, size_t max, char **data,
                           size_t *len, coda_error *err);

/* Forget every noted file (and free the list). */
CODA_API
void coda_inputs_clear(void);

#endif
