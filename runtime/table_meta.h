/* table_meta.h - what a column may carry beside its values: a variable
 * label, value labels (a numeric code and its text), the codes its source
 * file declared missing, and, for a string column, the order of its
 * values (its levels: an ordered category, as a factor in R).
 *
 * A column's meta is NULL unless something set it.  Once attached to a
 * column it is never changed: columns derived from it (take, select,
 * gather, the key columns of aggregations) share it by reference, and a
 * change makes a new one (coda_colmeta_copy).  coda_colmeta_unref frees
 * it with its strings when the last reference goes. */
#ifndef CODA_TABLE_META_H
#define CODA_TABLE_META_H

#include "base_error.h"
#include "table_labels.h"

#include <stddef.h>

#define CODA_META_NA_MAX 3

typedef struct coda_colmeta {
    int refs;
    char *label;            /* the variable label, or NULL */
    coda_labels *levels;    /* a string column's values in order, or NULL */
    size_t nvl;             /* value labels: code[i] reads text[i] */
    double *code;
    char **text;
    size_t nna;             /* declared missing codes: na_lo[i]..na_hi[i] */
    double na_lo[CODA_META_NA_MAX], na_hi[CODA_META_NA_MAX];
} coda_colmeta;

/* A new empty meta with one reference, or NULL (out of memory). */
coda_colmeta *coda_colmeta_new(void);
void coda_colmeta_ref(coda_colmeta *m);
void coda_colmeta_unref(coda_colmeta *m);     /* NULL allowed */

/* A new meta with m's contents (m NULL: an empty one), sharing m's levels.
 * CODA_ENOMEM. */
coda_status coda_colmeta_copy(const coda_colmeta *m, coda_colmeta **out);

/* Set the variable label (a copy; NULL removes it).  CODA_ENOMEM. */
coda_status coda_colmeta_set_label(coda_colmeta *m, const char *s);

/* Add the value label code -> text (a copy).  CODA_ENOMEM. */
coda_status coda_colmeta_add_vlabel(coda_colmeta *m, double code,
                                    const char *text);

/* The text of code among m's value labels, or NULL. */
const char *coda_colmeta_vlabel(const coda_colmeta *m, double code);

/* Set m's levels to a new vocabulary of s[0..n) (lengths len), in that
 * order.  CODA_EARG naming the level that is given twice, CODA_ENOMEM. */
coda_status coda_colmeta_set_levels(coda_colmeta *m, const char *const *s,
                                    const size_t *len, size_t n,
                                    coda_error *err);

struct coda_table;
struct coda_column;

/* Give string column c of t the levels s[0..n) (lengths len): a new meta
 * (keeping the column's labels) whose order sorting and aggregating by
 * the column follow.  CODA_ETYPE when the column is not a string column;
 * CODA_EARG naming a value of the column that is not among the levels, or
 * a level given twice; CODA_ENOMEM. */
coda_status coda_table_set_levels(struct coda_table *t, size_t c,
                                  const char *const *s, const size_t *len,
                                  size_t n, coda_error *err);

/* Replace the meta of column c of t by m (a reference is taken; NULL
 * removes it). */
void coda_table_set_meta(struct coda_table *t, size_t c, coda_colmeta *m);

/* The level of row r of string column col (0-based), or -1 when the column
 * has no levels, the row is missing or its value is not a level. */
long coda_level_of(const struct coda_column *col, size_t r);

#endif
