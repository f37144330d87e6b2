/* group.h - dense group ids for the rows of a Dataset by key columns, and
 * the value order used when results are sorted by value. */
#ifndef CODA_GROUP_H
#define CODA_GROUP_H

#include "base_api.h"

#include "table.h"

typedef struct coda_groups {
    size_t ngroups;
    uint32_t *gid;      /* nrow entries: the group of each row */
    size_t *first;      /* ngroups entries: the first row of each group */
    uint32_t *order;    /* NULL, or nrow entries: the rows group by group,
                           each group's in row order (when grouping put
                           them so on its way) */
    uint32_t *start;    /* with order, ngroups + 1 entries: group g's rows
                           are order[start[g] .. start[g + 1]) */
    struct group_keys *keys; /* NULL, or each group's key values as ranks
                                (coda_group_key_columns reads them) */
    int kept;           /* gid and first are the ranks the table keeps of
                           its one key column (table.h): read only, and
                           valid while the table stays as it is */
} coda_groups;

/* Group the rows of t by the values of cols[0..k).  Rows with equal values
 * in every key column share a group; a missing value is a value of its own;
 * group ids follow the order of first appearance.  On success g owns its
 * arrays (coda_groups_free).  CODA_ENOMEM, CODA_ELIMIT (2^32 groups). */
CODA_API
coda_status coda_group_rows(const coda_table *t, const size_t *cols, size_t k,
                            coda_groups *g);
CODA_API
void coda_groups_free(coda_groups *g);

/* The same groups as coda_group_rows, numbered in the order of their key
 * values (coda_group_sort's order: column by column, missing last), so
 * group 0 sorts first.  Errors as coda_group_rows. */
coda_status coda_group_rows_sorted(const coda_table *t, const size_t *cols,
                                   size_t k, coda_groups *g);

/* The key columns cols[0..k) of t (those g was grouped by, in the same
 * order) for each group of g in id order, into columns c .. c + k - 1 of
 * dst (of g->ngroups rows): the values of each group's first row, each
 * column keeping its name, on threads.  CODA_ENOMEM. */
coda_status coda_group_key_columns(const coda_groups *g, const coda_table *t,
                                   const size_t *cols, size_t k,
                                   coda_table *dst, size_t c);

/* Sort the group ids ids[0..n) of g by the values of their first rows in
 * t's columns cols[0..k), column by column (coda_value_cmp: missing
 * last). */
CODA_API
void coda_group_sort(const coda_table *t, const size_t *cols, size_t k,
                     const coda_groups *g, size_t *ids, size_t n);

/* Compare row a and row b of col: missing sorts last; numbers numerically
 * (integer and number columns alike), strings bytewise, false before true,
 * multi values as sets: their labels in byte order, compared one by one
 * (so b;a equals a;b); a string column with levels in their order, values
 * that are not levels after them, bytewise.  Returns <0, 0, >0. */
CODA_API
int coda_value_cmp(const coda_column *col, size_t a, size_t b);

/* Row r of col as text for a message (a string as it is, numbers as %g,
 * missing as "missing"), in buf of size bytes; returns buf. */
CODA_API
const char *coda_value_text(const coda_column *col, size_t r, char *buf,
                            size_t size);

/* 1 when row a of col equals row b of col2 (same type assumed). */
CODA_API
int coda_value_eq(const coda_column *col, size_t a, const coda_column *col2,
                  size_t b);

/* A hash of row r of col (equal values hash equally; for multi, whatever
 * the labels' order). */
CODA_API
uint64_t coda_value_hash(const coda_column *col, size_t r);

#endif
