/* summarise.h - group summaries: one row per group of key values. */
#ifndef CODA_SUMMARISE_H
#define CODA_SUMMARISE_H

#include "base_api.h"

#include "table.h"

typedef enum {
    CODA_SUM_COUNT,      /* rows in the group (with a column: rows where it is present) */
    CODA_SUM_SUM, CODA_SUM_MEAN, CODA_SUM_MEDIAN, CODA_SUM_MIN, CODA_SUM_MAX,
    CODA_SUM_SD,         /* sample standard deviation (n - 1) */
    CODA_SUM_N_DISTINCT, /* distinct present values */
    CODA_SUM_VAR,        /* sample variance (n - 1) */
    CODA_SUM_QUANTILE,   /* the p-quantile, R's type (default 7) */
    CODA_SUM_IQR,        /* the 0.75 less the 0.25 quantile */
    CODA_SUM_WCOUNT,     /* the sum of the weights (of rows where col is present) */
    CODA_SUM_COR,        /* Pearson's correlation of col and col2 */
    CODA_SUM_R2          /* its square: R^2 of a straight line of one on the other */
} coda_sumfn;

typedef struct coda_sumspec {
    const char *name;    /* the result column */
    coda_sumfn fn;
    long col;            /* the column summarised; -1 for a plain count */
    double p;            /* quantile: the probability, 0 <= p <= 1 */
    int type;            /* quantile, iqr, median: R's type 1..9; 0 = 7 */
    long col2;           /* cor, r2: the second column; else unused */
} coda_sumspec;

/* Parse "count", "sum", "mean", "median", "min", "max", "sd",
 * "n_distinct", "var", "quantile", "iqr", "wcount", "cor", "r2"; 0 when
 * unknown. */
CODA_API
int coda_sumfn_parse(const char *name, coda_sumfn *fn);

/* One row per group of t's key columns keys[0..nk) (sorted by the key
 * values, missing last), with the key columns then one column per spec.
 * Missing values are left out of every summary; a mean, median, min, max
 * or sd of no values is missing, a sum of none is 0.  cor and r2 take the
 * rows where both columns are present, and are missing for fewer than two
 * of them or when either column is constant.  Types: count and
 * n_distinct integer; sum of an integer column integer, else number; min
 * and max keep the column's type; mean, median, sd, cor, r2 number.  With nk = 0
 * the whole table is one group.  CODA_ETYPE (a numeric summary of a
 * non-numeric column, names both), CODA_EARG, CODA_ENOMEM. */
CODA_API
coda_status coda_summarise(const coda_table *t, const size_t *keys, size_t nk,
                           const coda_sumspec *specs, size_t ns,
                           coda_table **out, coda_error *err);

/* The same with the weights of column weight (-1: none).  Weighted: sum
 * is sum w x (a number), mean sum w x / sum w, var and sd R survey's
 * svyvar (n / (n - 1) sum w (x - mean)^2 / sum w, n the rows of positive
 * weight), median and quantile the weighted quantile of svyquantile
 * (coda_wquantile; a type other than 0 is an error), wcount the sum of
 * the weights, cor and r2 the weighted correlation (weighted covariance
 * over the weighted standard deviations); count, min, max and n_distinct count rows as unweighted.
 * Errors as coda_summarise and coda_weights_get. */
CODA_API
coda_status coda_summarise_weighted(const coda_table *t, const size_t *keys,
                                    size_t nk, const coda_sumspec *specs,
                                    size_t ns, long weight, coda_table **out,
                                    coda_error *err);

/* The rows of t with the n largest (largest = 1) or smallest (0) values
 * of numeric column col in each group of the key columns keys[0..nk), with
 * all of t's columns: groups in key order (missing last), within a group
 * by value, best first, ties in row order.  Rows where col is missing or
 * NaN are left out; a group with fewer than n values gives them all.
 * nk = 0: the whole table is one group.  CODA_ETYPE (col not numeric,
 * names it), CODA_ENOMEM, CODA_ELIMIT (2^32 groups). */
coda_status coda_summarise_top(const coda_table *t, const size_t *keys,
                               size_t nk, size_t col, size_t n, int largest,
                               coda_table **out, coda_error *err);

/* Group summaries as a partial result (agg_partial.h) to merge with
 * those of other rows: the keys of each group (sorted as coda_summarise's;
 * one row of no column when nk = 0), and for summary i the exact sums
 * SUM_P_N (rows present; a plain count's rows), SUM_P_W (their weights),
 * SUM_P_S1 (sum of x, or of w x; for sum, mean, sd, var), SUM_P_S2 (of
 * x^2, or w x^2; for sd, var), SUM_P_NPOS
 * (rows of positive weight) at sum[g * nsum + i * SUM_P_NSUM + slot], the
 * least and greatest value at ext[g * next + 2 i], and a sketch of the
 * values at sk[g * nsk + i].  count, sum, mean, sd, var, min, max, wcount,
 * and unweighted median, quantile and iqr (type 7); other summaries, a
 * min or max of a column that is not numeric and a multi key are
 * CODA_EARG.  Errors otherwise as coda_summarise_weighted. */
enum { SUM_P_N, SUM_P_W, SUM_P_S1, SUM_P_S2, SUM_P_NPOS, SUM_P_NSUM };

struct coda_partial;
CODA_API
coda_status coda_summarise_partial(const coda_table *t, const size_t *keys,
                                   size_t nk, const coda_sumspec *specs,
                                   size_t ns, long weight,
                                   struct coda_partial **out, coda_error *err);

/* The summaries of a (merged) partial, as coda_summarise_weighted gives
 * them over the same rows (weighted when weighted is 1); the specs' columns
 * are those of schema (a table with the summarised columns' names and
 * types, any rows).  Sums and means are the exact sums rounded once; sd
 * and var from the exact sum of squares about the rounded mean; median,
 * quantile and iqr from the sketch (coda_sketch_quantile's bound).
 * CODA_EARG (not such a partial), CODA_ELIMIT (an integer sum past 64
 * bits), CODA_ENOMEM. */
CODA_API
coda_status coda_summarise_from_partial(const struct coda_partial *p,
                                        const coda_table *schema,
                                        const coda_sumspec *specs, size_t ns,
                                        int weighted, coda_table **out,
                                        coda_error *err);

#endif
