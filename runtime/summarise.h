/* summarise.h - group summaries: one row per group of key values. */
#ifndef CODA_SUMMARISE_H
#define CODA_SUMMARISE_H

#include "table.h"

typedef enum {
    CODA_SUM_COUNT,      /* rows in the group (with a column: rows where it is present) */
    CODA_SUM_SUM, CODA_SUM_MEAN, CODA_SUM_MEDIAN, CODA_SUM_MIN, CODA_SUM_MAX,
    CODA_SUM_SD,         /* sample standard deviation (n - 1) */
    CODA_SUM_N_DISTINCT  /* distinct present values */
} coda_sumfn;

typedef struct coda_sumspec {
    const char *name;    /* the result column */
    coda_sumfn fn;
    long col;            /* the column summarised; -1 for a plain count */
} coda_sumspec;

/* Parse "count", "sum", "mean", "median", "min", "max", "sd",
 * "n_distinct"; 0 when unknown. */
int coda_sumfn_parse(const char *name, coda_sumfn *fn);

/* One row per group of t's key columns keys[0..nk) (sorted by the key
 * values, missing last), with the key columns then one column per spec.
 * Missing values are left out of every summary; a mean, median, min, max
 * or sd of no values is missing, a sum of none is 0.  Types: count and
 * n_distinct integer; sum of an integer column integer, else number; min
 * and max keep the column's type; mean, median, sd number.  With nk = 0
 * the whole table is one group.  CODA_ETYPE (a numeric summary of a
 * non-numeric column, names both), CODA_EARG, CODA_ENOMEM. */
coda_status coda_summarise(const coda_table *t, const size_t *keys, size_t nk,
                           const coda_sumspec *specs, size_t ns,
                           coda_table **out, coda_error *err);

#endif
