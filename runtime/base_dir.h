/* base_dir.h - the entries of a folder. */
#ifndef CODA_BASE_DIR_H
#define CODA_BASE_DIR_H

#include "base_error.h"

#include <stddef.h>

/* The names of the entries of folder path (neither "." nor ".."), sorted
 * bytewise, into a new array *names of *n strings; free it with
 * coda_dir_free.  CODA_EIO naming path when it cannot be read (missing,
 * not a folder, no permission), CODA_ENOMEM. */
CODA_API
coda_status coda_dir_list(const char *path, char ***names, size_t *n,
                          coda_error *err);
CODA_API
void coda_dir_free(char **names, size_t n);

#endif
