/* table_near.c - the column whose name is closest to a misspelt one, for
 * the "did you mean" of a "no column" error. */
#include "table.h"
#include "utf8.h"

const char *coda_table_nearest(const coda_table *t, const char *name)
{
    size_t len = strlen(name), chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)name[i] & 0xC0) != 0x80;
    /* a short name needs a closer match to be a likely typo */
    size_t max = chars <= 3 ? 1 : chars <= 6 ? 2 : 3, best = max + 1;
    const char *near = NULL;
    for (size_t c = 0; c < t->ncol; c++) {
        const char *s = t->cols[c].name;
        size_t d = coda_utf8_distance(name, len, s, strlen(s), max);
        if (d < best)
            best = d, near = s;
    }
    return near;
}
