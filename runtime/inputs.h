/* inputs.h - the files a run has read, so that no output replaces one.
 *
 * With protection on, every reader (CSV, transcripts, .qdc) notes the file
 * it opened, by device, inode and change time, and coda_outfile_open
 * refuses a target that is one of them, unchanged: a command never writes over its own input, whatever
 * name (a symbolic link, a hard link, ./x or x) the output is given.
 * Protection is off unless turned on (the Lua module turns it on). */
#ifndef CODA_INPUTS_H
#define CODA_INPUTS_H

#include "error.h"

void coda_inputs_protect(int on);
int coda_inputs_protecting(void);

/* Note the file open on fd (fd < 0: the file at path) as read; nothing
 * when protection is off or the file cannot be looked at.  CODA_ENOMEM
 * only. */
coda_status coda_input_note(int fd, const char *path, coda_error *err);

/* CODA_EARG, naming path, when protection is on and path is a file noted
 * as read; else CODA_OK. */
coda_status coda_input_check_output(const char *path, coda_error *err);

/* Forget every noted file (and free the list). */
void coda_inputs_clear(void);

#endif
