/* table_type.c - the names of the column types, both ways: the bottom
 * of the table family, which every other file of it may use. */
#include "table.h"

#include <string.h>

static const char *const type_names[] = {
    "integer", "number", "string", "boolean", "multi"
};

const char *coda_type_name(coda_type t)
{
    return t <= CODA_MULTI ? type_names[t] : "unknown";
}

int coda_type_parse(const char *name, coda_type *t)
{
    for (int i = 0; i <= CODA_MULTI; i++) {
        if (strcmp(name, type_names[i]) == 0) {
            *t = (coda_type)i;
            return 1;
        }
    }
    return 0;
}
