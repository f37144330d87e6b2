/* aggtest.h - what the aggregation suites share: finding a column by
 * name and comparing a result with a table of expected cells written as
 * text. */
#ifndef CODA_TEST_AGGTEST_H
#define CODA_TEST_AGGTEST_H

#include "table.h"

#include <stddef.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The index of column name in t (fails the test when absent). */
size_t agg_col(const coda_table *t, const char *name);

/* Check that t has nrow rows whose columns names[0..nc) hold want, row by
 * row (NULL = missing; a multi cell as its labels joined by '|'); what
 * names the case. */
void agg_expect(const coda_table *t, const char *what,
                const char *const *names, size_t nc, const char *const *want,
                size_t nrow);

#define EXPECT(t, names, rows)                                               \
    agg_expect((t), #rows, (names), NELEM(names), &(rows)[0][0], NELEM(rows))

#endif
