/* agg_partial.c - partial results: made, freed and merged. */
#include "agg_partial.h"

#include "base_alloc.h"
#include "group.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

coda_status coda_partial_create(coda_table *keys, size_t nsum, size_t ntot,
                                size_t next, size_t nsk, coda_partial **out)
{
    coda_partial *p = coda_calloc(1, sizeof *p);
    size_t n = keys->nrow;
    if (p) {
        p->keys = keys;
        p->nsum = nsum, p->ntot = ntot, p->next = next, p->nsk = nsk;
        p->sum = coda_calloc(n * nsum + 1, sizeof *p->sum);
        p->tot = coda_calloc(ntot + 1, sizeof *p->tot);
        p->ext = coda_malloc((n * next + 1) * sizeof *p->ext);
        p->sk = coda_calloc(n * nsk + 1, sizeof *p->sk);
    }
    if (!p || !p->sum || !p->tot || !p->ext || !p->sk) {
        if (!p)
            coda_table_free(keys);
        coda_partial_free(p);
        return CODA_ENOMEM;
    }
    for (size_t i = 0; i < n * next; i++)
        p->ext[i] = NAN;
    *out = p;
    return CODA_OK;
}

void coda_partial_free(coda_partial *p)
{
    if (!p)
        return;
    size_t n = p->keys ? p->keys->nrow : 0;
    for (size_t i = 0; p->sum && i < n * p->nsum; i++)
        coda_xsum_free(&p->sum[i]);
    for (size_t i = 0; p->tot && i < p->ntot; i++)
        coda_xsum_free(&p->tot[i]);
    for (size_t i = 0; p->sk && i < n * p->nsk; i++)
        coda_sketch_free(&p->sk[i]);
    coda_free(p->sum);
    coda_free(p->tot);
    coda_free(p->ext);
    coda_free(p->sk);
    coda_table_free(p->keys);
    coda_free(p);
}

/* 1 when columns a and b have the same levels (or neither has any). */
static int same_levels(const coda_column *a, const coda_column *b)
{
    const coda_labels *x = a->meta ? a->meta->levels : NULL;
    const coda_labels *y = b->meta ? b->meta->levels : NULL;
    if (!x || !y || x == y)
        return x == y;
    for (uint32_t i = 0; x->n == y->n && i < x->n; i++)
        if (coda_bytes_cmp(x->s[i], x->len[i], y->s[i], y->len[i]) != 0)
            return 0;
    return x->n == y->n;
}

/* CODA_EARG naming partial i when its shape differs from partial 0's. */
static coda_status check_shape(coda_partial *const *ps, size_t i,
                               coda_error *err)
{
    const coda_partial *a = ps[0], *b = ps[i];
    if (a->nsum != b->nsum || a->ntot != b->ntot || a->next != b->next ||
        a->nsk != b->nsk || a->keys->ncol != b->keys->ncol ||
        a->multi != b->multi)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "merge: partial "
                              "%zu holds other statistics than partial 1",
                              i + 1);
    for (size_t c = 0; c < a->keys->ncol; c++)
        if (a->keys->cols[c].type != b->keys->cols[c].type)
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "merge: "
                                  "partial %zu's key \"%s\" is %s, partial "
                                  "1's is %s", i + 1,
                                  b->keys->cols[c].name,
                                  coda_type_name(b->keys->cols[c].type),
                                  coda_type_name(a->keys->cols[c].type));
    for (size_t c = 0; c < a->keys->ncol; c++)
        if (!same_levels(&a->keys->cols[c], &b->keys->cols[c]))
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "merge: "
                                  "partial %zu's key \"%s\" has other levels "
                                  "than partial 1's", i + 1,
                                  b->keys->cols[c].name);
    return CODA_OK;
}

/* Row r of src's column c into row rd of dst's column c. */
static coda_status copy_value(coda_table *dst, size_t rd, const coda_table *src,
                              size_t r, size_t c)
{
    const coda_column *s = &src->cols[c];
    coda_column *d = &dst->cols[c];
    if (coda_is_missing(s, r))
        return coda_table_set_missing(dst, c, rd);
    switch (s->type) {
    case CODA_INTEGER: d->v.i[rd] = s->v.i[r]; break;
    case CODA_NUMBER: d->v.d[rd] = s->v.d[r]; break;
    case CODA_BOOLEAN: d->v.b[rd] = s->v.b[r]; break;
    case CODA_STRING:
        return coda_table_set_string(dst, c, rd, s->v.s.p[r], s->v.s.len[r]);
    default: return CODA_ETYPE;
    }
    return CODA_OK;
}

/* Every partial's keys, one after another, in one table. */
static coda_status concat_keys(coda_partial *const *ps, size_t n,
                               coda_table **out)
{
    size_t rows = 0, at = 0, nc = ps[0]->keys->ncol;
    for (size_t i = 0; i < n; i++)
        rows += ps[i]->keys->nrow;
    coda_table *t = NULL;
    coda_status st = coda_table_create(rows, nc, &t);
    for (size_t c = 0; c < nc && st == CODA_OK; c++) {
        st = coda_table_init_column(t, c, ps[0]->keys->cols[c].name,
                                    ps[0]->keys->cols[c].type);
        if (st == CODA_OK && ps[0]->keys->cols[c].meta)
            coda_table_set_meta(t, c, ps[0]->keys->cols[c].meta);
    }
    for (size_t i = 0; i < n && st == CODA_OK; i++)
        for (size_t r = 0; r < ps[i]->keys->nrow && st == CODA_OK; r++, at++)
            for (size_t c = 0; c < nc && st == CODA_OK; c++)
                st = copy_value(t, at, ps[i]->keys, r, c);
    if (st != CODA_OK)
        coda_table_free(t);
    else
        *out = t;
    return st;
}

/* Add the statistics of key r of src to key g of dst. */
static coda_status add_key(coda_partial *dst, size_t g, const coda_partial *src,
                           size_t r)
{
    coda_status st = CODA_OK;
    for (size_t j = 0; j < src->nsum && st == CODA_OK; j++)
        st = coda_xsum_merge(&dst->sum[g * dst->nsum + j],
                             &src->sum[r * src->nsum + j]);
    for (size_t j = 0; j < src->next; j++) {
        double *d = &dst->ext[g * dst->next + j], s = src->ext[r * src->next + j];
        *d = j % 2 ? fmax(*d, s) : fmin(*d, s);
    }
    for (size_t j = 0; j < src->nsk && st == CODA_OK; j++)
        st = coda_sketch_merge(&dst->sk[g * dst->nsk + j],
                               &src->sk[r * src->nsk + j]);
    return st;
}

/* The merged partial over the groups g of the concatenated keys all. */
static coda_status merge_into(coda_partial *const *ps, size_t n,
                              coda_table *all, const coda_groups *g,
                              coda_partial **out)
{
    coda_table *keys = NULL;
    coda_status st = coda_table_take(all, g->first, g->ngroups, &keys);
    coda_partial *m = NULL;
    if (st == CODA_OK)
        st = coda_partial_create(keys, ps[0]->nsum, ps[0]->ntot, ps[0]->next,
                                 ps[0]->nsk, &m);
    size_t at = 0;
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        for (size_t j = 0; j < m->ntot && st == CODA_OK; j++)
            st = coda_xsum_merge(&m->tot[j], &ps[i]->tot[j]);
        for (size_t r = 0; r < ps[i]->keys->nrow && st == CODA_OK; r++, at++)
            st = add_key(m, g->gid[at], ps[i], r);
    }
    if (st != CODA_OK) {
        coda_partial_free(m);
        return st;
    }
    m->multi = ps[0]->multi;
    *out = m;
    return CODA_OK;
}

/* Every row of nrow in group 0 (keys of no column: one group). */
static coda_status one_group(size_t nrow, coda_groups *g)
{
    g->gid = coda_calloc(nrow + 1, sizeof *g->gid);
    g->first = coda_calloc(1, sizeof *g->first);
    g->ngroups = nrow ? 1 : 0;
    return g->gid && g->first ? CODA_OK : CODA_ENOMEM;
}

coda_status coda_partial_merge(coda_partial *const *ps, size_t n,
                               coda_partial **out, coda_error *err)
{
    coda_status st = n ? CODA_OK : CODA_EARG;
    for (size_t i = 1; i < n && st == CODA_OK; i++)
        st = check_shape(ps, i, err);
    if (st != CODA_OK)
        return n ? st : coda_error_set(err, st, NULL, 0, 0, "no partials");
    coda_table *all = NULL;
    st = concat_keys(ps, n, &all);
    size_t nc = all ? all->ncol : 0;
    size_t *cols = coda_malloc((nc + 1) * sizeof *cols);
    coda_groups g = { 0 };
    if (st == CODA_OK && !cols)
        st = CODA_ENOMEM;
    for (size_t c = 0; cols && c < nc; c++)
        cols[c] = c;
    if (st == CODA_OK)
        st = nc ? coda_group_rows_sorted(all, cols, nc, &g)
                : one_group(all->nrow, &g);
    if (st == CODA_OK)
        st = merge_into(ps, n, all, &g, out);
    coda_groups_free(&g);
    coda_free(cols);
    coda_table_free(all);
    return st == CODA_OK ? st : coda_error_set(err, st, NULL, 0, 0, "merge: %s",
                                               coda_strerror(st));
}
