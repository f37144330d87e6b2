/* table_near.c - the column whose name is closest to a misspelt one, for
 * the "did you mean" of a "no column" error. */
#include "table.h"

#include "base_alloc.h"
#include "base_utf8.h"

const char *coda_table_nearest(const coda_table *t, const char *name)
{
    const char **names = coda_malloc((t->ncol + 1) * sizeof *names);
    if (!names)
        return NULL;            /* no suggestion, rather than none at all */
    for (size_t c = 0; c < t->ncol; c++)
        names[c] = t->cols[c].name;
    const char *near = coda_nearest(name, names, t->ncol);
    coda_free(names);
    return near;
}
