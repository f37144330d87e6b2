/* stats_int.h - the order statistics that stats_select.c selects for the
 * quantiles of stats_quantile.c (internal to the stats family). */
#ifndef CODA_STATS_INT_H
#define CODA_STATS_INT_H

#include "base_api.h"

#include <stddef.h>

/* The NaN of x[0..n) moved to its end (x reordered); the count of the
 * others. */
CODA_INTERNAL
size_t coda_select_nan_last(double *x, size_t n);

/* The k-th smallest (from 0) of x[0..n) (k < n, no NaN), and when next
 * is not NULL the (k+1)-th into *next (NaN when k + 1 == n).  x is
 * reordered, or left as it is when buf[0..cap) (cap at least
 * CODA_SELECT_ROOM(n)) lets the selection work out of place. */
CODA_INTERNAL
double coda_select_kth(double *x, size_t n, size_t k, double *next,
                       double *buf, size_t cap);

#endif
