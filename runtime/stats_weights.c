/* stats_weights.c - a weight column checked and read as numbers. */
#include "stats.h"

#include "base_alloc.h"

#include <math.h>

static coda_status bad_weight(coda_error *err, const char *verb,
                              const coda_column *c, size_t r,
                              const char *what, double v)
{
    if (isnan(v))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "%s: weight column "
                              "\"%s\" is %s at row %zu (every row needs a "
                              "weight)", verb, c->name, what, r + 1);
    return coda_error_set(err, CODA_EARG, NULL, 0, 0, "%s: weight column "
                          "\"%s\" has %s weight %g at row %zu", verb, c->name,
                          what, v, r + 1);
}

/* The weight of row r, or an error naming the row. */
static coda_status one_weight(const coda_column *c, size_t r, double *w,
                              const char *verb, coda_error *err)
{
    if (coda_is_missing(c, r))
        return bad_weight(err, verb, c, r, "missing", NAN);
    double v = c->type == CODA_INTEGER ? (double)c->v.i[r] : c->v.d[r];
    if (isnan(v))
        return bad_weight(err, verb, c, r, "not a number", NAN);
    if (!isfinite(v))
        return bad_weight(err, verb, c, r, "an infinite", v);
    if (v < 0)
        return bad_weight(err, verb, c, r, "a negative", v);
    *w = v;
    return CODA_OK;
}

coda_status coda_weights_get(const coda_table *t, size_t col,
                             const char *verb, double **out, coda_error *err)
{
    const coda_column *c = &t->cols[col];
    if (c->type != CODA_INTEGER && c->type != CODA_NUMBER)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "%s: weight column "
                              "\"%s\" is %s, not a number", verb, c->name,
                              coda_type_name(c->type));
    double *w = coda_malloc((t->nrow + 1) * sizeof *w);
    if (!w)
        return coda_error_nomem(err);
    for (size_t r = 0; r < t->nrow; r++) {
        coda_status st = one_weight(c, r, &w[r], verb, err);
        if (st != CODA_OK) {
            coda_free(w);
            return st;
        }
    }
    *out = w;
    return CODA_OK;
}
