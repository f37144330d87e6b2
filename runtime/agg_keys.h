/* agg_keys.h - what the aggregation verbs share (internal): the distinct
 * values of one column as dense ids, weights, and result columns. */
#ifndef CODA_AGG_KEYS_H
#define CODA_AGG_KEYS_H

#include "agg.h"
#include "filter.h"
#include "group.h"
#include "stats.h"

typedef struct keyset {
    const coda_column *col;
    size_t n;           /* ids 0 .. n-1 */
    coda_groups g;      /* single-valued columns: the group of each row */
    uint32_t miss;      /* the group of the missing value, or UINT32_MAX */
} keyset;

/* The values of column c of t as ids: labels for a multi column, groups
 * of equal values otherwise.  keyset_free in every case. */
coda_status keyset_init(keyset *k, const coda_table *t, size_t c);
void keyset_free(keyset *k);

/* The ids row r holds (none when missing); tmp holds one id for a
 * single-valued column.  Inline: it runs once a row in every verb. */
static inline size_t keyset_row(const keyset *k, size_t r,
                                const uint32_t **ids, uint32_t *tmp)
{
    const coda_column *col = k->col;
    if (coda_is_missing(col, r))
        return 0;
    if (col->type == CODA_MULTI) {
        *ids = col->v.m.ids + col->v.m.off[r];
        return col->v.m.off[r + 1] - col->v.m.off[r];
    }
    *tmp = k->g.gid[r];
    *ids = tmp;
    return 1;
}

/* Compare the values of ids a and b (<0, 0, >0). */
int keyset_cmp(const keyset *k, uint32_t a, uint32_t b);

/* Sort ids[0..n) by value. */
void keyset_sort(const keyset *k, uint32_t *ids, size_t n);

/* The ids whose count[id] is not 0, sorted by value, into ids; how many. */
CODA_INTERNAL
size_t keyset_present(const keyset *k, const uint64_t *count, uint32_t *ids);

/* The id whose value equals v, or UINT32_MAX. */
uint32_t keyset_find(const keyset *k, const coda_value *v);

/* The type of a column of values of k: the column's, string for multi. */
coda_type keyset_type(const keyset *k);

/* Set row r of column c of out (of keyset_type) to the value of id; the
 * column takes k's column's meta (labels, levels) when it has none. */
coda_status keyset_put(const keyset *k, uint32_t id, coda_table *out,
                       size_t c, size_t r);

/* Set row r of column c of out to v converted to the column's type. */
coda_status value_put(const coda_value *v, coda_table *out, size_t c, size_t r);

/* Name and type t's columns 0..n) (coda_table_init_column). */
CODA_INTERNAL
coda_status agg_init_columns(coda_table *t, const char *const *names,
                             const coda_type *types, size_t n);

/* Number columns from..to (inclusive) of row r that hold NaN become
 * missing. */
CODA_INTERNAL
coda_status agg_nan_missing(coda_table *t, size_t from, size_t to, size_t r);

/* The interval of a weighted percentage pct over a base of weight sum
 * wbase and squared weight sum wsq, taken at Kish's effective size
 * wbase^2 / wsq (NaN when wsq is 0). */
CODA_INTERNAL
void agg_weighted_ci(coda_ci ci, double level, double pct, double wbase,
                     double wsq, double *low, double *high);

/* The letter of banner column j: A..Z, then AA, AB, ... (buf of 16). */
CODA_INTERNAL
void agg_letter(size_t j, char *buf);

/* Column proportion letters: the letters of the cells among x[0..nb)
 * (counts) of n[0..nb) (bases) that cell j's proportion is significantly
 * above (two-proportion z-test, pooled; zo's level and Bonferroni), in
 * buf of size bytes. */
CODA_INTERNAL
void agg_letters_above(const int64_t *x, const int64_t *n, size_t nb,
                       size_t j, const coda_ztest_opts *zo, char *buf,
                       size_t size);

/* Counts of each id of one column, by rows and by weight (frequency). */
typedef struct ftally {
    uint64_t *n;
    double *w;                  /* the weighted counts (the counts unweighted) */
    uint64_t cases, responses;
    double wcases, wresponses, wsq; /* sum of w, of w a label, of w^2 */
} ftally;

/* The frequency Dataset of the counts f of k's ids (coda_frequency's
 * columns and order); multi: k's column stands for a multi column (every
 * label listed under all_labels), wname the weight column or NULL. */
CODA_INTERNAL
coda_status agg_freq_finish(const keyset *k, const coda_freq_opts *o,
                            const ftally *f, int multi, const char *wname,
                            coda_table **out);

/* The checks of coda_frequency's options against column col of t. */
CODA_INTERNAL
coda_status agg_freq_check(const coda_table *t, size_t col,
                           const coda_freq_opts *o, coda_error *err);

/* The same, then the weights of o's weight column into *w (NULL when
 * unweighted; the caller's, coda_free). */
CODA_INTERNAL
coda_status agg_freq_weights(const coda_table *t, size_t col,
                             const coda_freq_opts *o, double **w,
                             coda_error *err);

/* Crosstab's weights (*w as agg_freq_weights) and the keysets of columns
 * a and b: on success the caller frees them (keyset_free, coda_free); on
 * failure nothing is left to free and err says why. */
CODA_INTERNAL
coda_status agg_xtab_begin(const coda_table *t, size_t a, size_t b,
                           const coda_xtab_opts *o, keyset *ka, keyset *kb,
                           double **w, coda_error *err);

/* Cross counts of two keysets over the rows where neither is missing,
 * by rows and by weight (w*: the weighted sums, wrsq: the squared
 * weights of each row value): crosstab's. */
typedef struct xcount {
    uint64_t *cell, *rb, *cb, total;
    double *wcell, *wrb, *wcb, *wrsq, wtotal;
    size_t na, nb;
} xcount;

/* x's arrays for na by nb values, zero (agg_xcount_free in every case);
 * CODA_ENOMEM. */
CODA_INTERNAL
coda_status agg_xcount_alloc(xcount *x, size_t na, size_t nb);
CODA_INTERNAL
void agg_xcount_free(xcount *x);

/* CODA_ELIMIT (err says why) when ka by kb passes crosstab's cells. */
CODA_INTERNAL
coda_status agg_xtab_limit(const keyset *ka, const keyset *kb,
                           coda_error *err);

/* The crosstab Dataset of the counts x of ka's by kb's ids (the values
 * with a base, in value order); wname the weight column or NULL. */
CODA_INTERNAL
coda_status agg_xtab_finish(const keyset *ka, const keyset *kb,
                            const xcount *x, const coda_xtab_opts *o,
                            const char *wname, coda_table **out);

#endif
