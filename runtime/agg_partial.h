/* agg_partial.h - partial results that merge: the sufficient statistics
 * of a frequency, cross-tabulation or group summary over some of the rows,
 * which add up exactly with those of the other rows.
 *
 * A partial holds a table of keys (a value, a pair of values, a group)
 * and, for each key, exact sums (counts and weight sums alike, as
 * coda_xsum), extremes and quantile sketches; and exact sums over all the
 * rows (the bases).  coda_partial_merge unites keys by value and adds the
 * statistics, so merging partials of a split gives the partial of the
 * whole, whatever the split.  What the statistics mean is the verb's
 * (coda_frequency_partial, coda_crosstab_partial, coda_summarise_partial);
 * a partial is freed with coda_partial_free. */
#ifndef CODA_AGG_PARTIAL_H
#define CODA_AGG_PARTIAL_H

#include "base_api.h"

#include "agg.h"
#include "stats.h"
#include "table.h"

typedef struct coda_partial {
    coda_table *keys;   /* key columns (never multi), one row per key */
    size_t nsum;        /* exact sums a key: sum[r * nsum + j] */
    coda_xsum *sum;
    size_t ntot;        /* exact sums over all rows */
    coda_xsum *tot;
    size_t next;        /* extremes a key: ext[r * next + j], even j a
                           minimum, odd j a maximum (NaN: no value) */
    double *ext;
    size_t nsk;         /* sketches a key: sk[r * nsk + j] */
    coda_sketch *sk;
    int multi;          /* frequency: its column was multi */
} coda_partial;

/* A partial of keys (taken) with room for every statistic, all zero
 * (extremes NaN).  On failure keys is freed.  CODA_ENOMEM. */
CODA_API
coda_status coda_partial_create(coda_table *keys, size_t nsum, size_t ntot,
                                size_t next, size_t nsk, coda_partial **out);

CODA_API
void coda_partial_free(coda_partial *p);

/* The partial of ps[0..n) together: keys united by value (sorted by value,
 * missing last), statistics added.  CODA_EARG when their shapes differ
 * (err names the partial and what differs), CODA_ENOMEM. */
CODA_API
coda_status coda_partial_merge(coda_partial *const *ps, size_t n,
                               coda_partial **out, coda_error *err);

/* ds:frequency(col, opts) as a partial: keys "value" (one a value that
 * occurs; a multi column's every label), sums n (rows) and w (weights,
 * 1 a row unweighted); totals cases, responses, wcases, wresponses, wsq.
 * Errors as coda_frequency. */
CODA_API
coda_status coda_frequency_partial(const coda_table *t, size_t col,
                                   const coda_freq_opts *o,
                                   coda_partial **out, coda_error *err);

/* The frequency Dataset of a (merged) frequency partial, as
 * coda_frequency gives it over the same rows; wname the weight column's
 * name, NULL unweighted. */
CODA_API
coda_status coda_frequency_from_partial(const coda_partial *p,
                                        const coda_freq_opts *o,
                                        const char *wname, coda_table **out,
                                        coda_error *err);

/* ds:crosstab(a, b, opts) as a partial: keys "row", "col"; a pair of
 * values holds a cell's sums n and w, (value, missing) a row base's rb,
 * wrb and wrsq, (missing, value) a column base's cb and wcb; totals
 * total and wtotal.  Errors as coda_crosstab. */
CODA_API
coda_status coda_crosstab_partial(const coda_table *t, size_t a, size_t b,
                                  const coda_xtab_opts *o, coda_partial **out,
                                  coda_error *err);

/* The crosstab Dataset of a (merged) crosstab partial, as coda_crosstab
 * gives it over the same rows; wname the weight column's name or NULL. */
CODA_API
coda_status coda_crosstab_from_partial(const coda_partial *p,
                                       const coda_xtab_opts *o,
                                       const char *wname, coda_table **out,
                                       coda_error *err);

/* Files of partials (agg_partial_json.c, agg_partial_read.c): a JSON
 * object whose "format" is CODA_PARTIAL_FORMAT, whose "statistics" are
 * the partial's (doubles as C99 hex floats, so nothing is rounded) and
 * whose other members are the caller's (what the partial was made from).
 * coda_partial_write adds "format" and "statistics" to doc (borrowed) and
 * writes it to path atomically (base_outfile.h): CODA_EIO, CODA_EARG (a
 * protected input, or a key that is not UTF-8), CODA_ENOMEM.
 * coda_partial_read reads path back: the partial into *out, the rest of
 * the object into *doc (the caller's, json_decref); CODA_EIO (cannot read
 * path), CODA_EPARSE (not JSON: err has the line and column; or not a
 * partial: err says which part is wrong), CODA_ENOMEM. */
#define CODA_PARTIAL_FORMAT "coda partial 1"
struct json_t;
CODA_API
coda_status coda_partial_write(const coda_partial *p, struct json_t *doc,
                               const char *path, coda_error *err);
CODA_API
coda_status coda_partial_read(const char *path, coda_partial **out,
                              struct json_t **doc, coda_error *err);

#endif
