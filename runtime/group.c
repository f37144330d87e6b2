/* group.c - hashing rows by key columns into dense group ids. */
#include "group_int.h"

#include "base_alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t coda_value_hash(const coda_column *col, size_t r)
{
    if (coda_is_missing(col, r))
        return 0x9e3779b97f4a7c15ull;
    switch (col->type) {
    case CODA_INTEGER: return group_mix((uint64_t)col->v.i[r]);
    case CODA_NUMBER: {
        double d = col->v.d[r] == 0 ? 0 : col->v.d[r]; /* -0 == 0 */
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return group_mix(bits);
    }
    case CODA_BOOLEAN: return group_mix(col->v.b[r] + 7u);
    case CODA_STRING: return group_hash_bytes(col->v.s.p[r], col->v.s.len[r]);
    case CODA_MULTI: {          /* a set: the same in any order */
        uint64_t h = 17;
        for (uint64_t i = col->v.m.off[r]; i < col->v.m.off[r + 1]; i++) {
            uint32_t id = col->v.m.ids[i];
            h += group_mix(group_hash_bytes(col->v.m.labels->s[id],
                                col->v.m.labels->len[id]));
        }
        return group_mix(h);
    }
    }
    return 0;
}

/* The smallest label of row r of multi column c greater than prev (NULL:
 * the smallest of all) into *s, *len; 0 when there is none.  A row holds
 * each label once, so stepping from label to label visits the set in
 * order without sorting it (quadratic in the labels of a row, which are
 * few). */
static int next_label(const coda_column *c, size_t r, const char *prev,
                      size_t plen, const char **s, size_t *len)
{
    const coda_labels *l = c->v.m.labels;
    int found = 0;
    for (uint64_t i = c->v.m.off[r]; i < c->v.m.off[r + 1]; i++) {
        uint32_t id = c->v.m.ids[i];
        if (prev && coda_bytes_cmp(l->s[id], l->len[id], prev, plen) <= 0)
            continue;
        if (!found || coda_bytes_cmp(l->s[id], l->len[id], *s, *len) < 0) {
            *s = l->s[id];
            *len = l->len[id];
            found = 1;
        }
    }
    return found;
}

/* Multi values are sets, compared as their labels in byte order. */
static int multi_cmp(const coda_column *c1, size_t a, const coda_column *c2,
                     size_t b)
{
    const char *x = NULL, *y = NULL;
    size_t lx = 0, ly = 0;
    for (;;) {
        int hx = next_label(c1, a, x, lx, &x, &lx);
        int hy = next_label(c2, b, y, ly, &y, &ly);
        if (!hx || !hy)
            return hx - hy;
        int c = coda_bytes_cmp(x, lx, y, ly);
        if (c)
            return c;
    }
}

static int cmp2(const coda_column *c1, size_t a, const coda_column *c2,
                size_t b)
{
    int ma = coda_is_missing(c1, a), mb = coda_is_missing(c2, b);
    if (ma || mb)
        return ma - mb;
    switch (c1->type) {
    case CODA_INTEGER:
        if (c2->type == CODA_INTEGER)
            return (c1->v.i[a] > c2->v.i[b]) - (c1->v.i[a] < c2->v.i[b]);
        return ((double)c1->v.i[a] > c2->v.d[b]) -
               ((double)c1->v.i[a] < c2->v.d[b]);
    case CODA_NUMBER: {
        double x = c1->v.d[a];
        double y = c2->type == CODA_INTEGER ? (double)c2->v.i[b] : c2->v.d[b];
        if (isnan(x) || isnan(y))
            return isnan(x) - isnan(y);
        return (x > y) - (x < y);
    }
    case CODA_BOOLEAN: return c1->v.b[a] - c2->v.b[b];
    case CODA_STRING:
        return coda_bytes_cmp(c1->v.s.p[a], c1->v.s.len[a], c2->v.s.p[b],
                         c2->v.s.len[b]);
    case CODA_MULTI: return multi_cmp(c1, a, c2, b);
    }
    return 0;
}

/* A string column with levels: in the levels' order, a value that is not
 * a level after them all (bytewise among themselves), missing last. */
static int level_cmp(const coda_column *col, size_t a, size_t b)
{
    long la = coda_level_of(col, a), lb = coda_level_of(col, b);
    if (la >= 0 && lb >= 0)
        return (la > lb) - (la < lb);
    if (la >= 0 || lb >= 0)
        return la >= 0 ? -1 : 1;
    return cmp2(col, a, col, b);
}

int coda_value_cmp(const coda_column *col, size_t a, size_t b)
{
    if (col->type == CODA_STRING && col->meta && col->meta->levels)
        return level_cmp(col, a, b);
    return cmp2(col, a, col, b);
}

int coda_value_eq(const coda_column *col, size_t a, const coda_column *col2,
                  size_t b)
{
    if (col->type == CODA_NUMBER && col2->type == CODA_NUMBER &&
        !coda_is_missing(col, a) && !coda_is_missing(col2, b))
        return col->v.d[a] == col2->v.d[b] ||
               (isnan(col->v.d[a]) && isnan(col2->v.d[b]));
    return cmp2(col, a, col2, b) == 0;
}

typedef struct sortctx {
    const coda_table *t;
    const size_t *cols;
    size_t k;
    const size_t *first;
} sortctx;

static int group_cmp(const void *x, const void *y, void *ctx)
{
    const sortctx *s = ctx;
    size_t a = s->first[*(const size_t *)x], b = s->first[*(const size_t *)y];
    for (size_t j = 0; j < s->k; j++) {
        int c = coda_value_cmp(&s->t->cols[s->cols[j]], a, b);
        if (c)
            return c;
    }
    return 0;
}

/* A group of one string column: its string beside its id (p NULL:
 * missing), so that a sort compares them without going through rows. */
typedef struct sgroup {
    const char *p;
    size_t len, id;
} sgroup;

static int sgroup_cmp(const sgroup *a, const sgroup *b)
{
    if (!a->p || !b->p)
        return !a->p - !b->p;
    return coda_bytes_cmp(a->p, a->len, b->p, b->len);
}

/* Indexes into the sgroups ctx, by their strings. */
static int sgroup_idx_cmp(const void *x, const void *y, void *ctx)
{
    const sgroup *v = ctx;
    return sgroup_cmp(&v[*(const uint32_t *)x], &v[*(const uint32_t *)y]);
}

/* The first 16 bytes of a string (p NULL: missing, after every string's),
 * big-endian and padded with zeros, as two numbers: they are in the order
 * of the strings but for strings that agree in those 16 bytes. */
static void prefix16(const sgroup *v, uint64_t *hi, uint64_t *lo)
{
    unsigned char b[16] = { 0 };
    if (!v->p) {
        *hi = *lo = UINT64_MAX;
        return;
    }
    memcpy(b, v->p, v->len < 16 ? v->len : 16);
    uint64_t h = 0, l = 0;
    for (int i = 0; i < 8; i++) {
        h = h << 8 | b[i];
        l = l << 8 | b[8 + i];
    }
    *hi = h;
    *lo = l;
}

/* idx[0..n) (into v) sorted by the strings' first 16 bytes: radix-sorted
 * by the second eight, then (stably) by the first eight; then each run
 * that agrees in all 16 bytes sorted by whole strings.  0 without
 * memory. */
static int sort_prefixes(sgroup *v, uint32_t *idx, size_t n)
{
    uint64_t *key = coda_malloc((n + 1) * sizeof *key);
    uint64_t *hi = coda_malloc((n + 1) * sizeof *hi);
    int ok = key && hi;
    for (size_t i = 0; ok && i < n; i++) {
        prefix16(&v[i], &hi[i], &key[i]);
        idx[i] = (uint32_t)i;
    }
    ok = ok && group_radix_sort(key, idx, n, 64) == CODA_OK;
    for (size_t i = 0; ok && i < n; i++)
        key[i] = hi[idx[i]];
    ok = ok && group_radix_sort(key, idx, n, 64) == CODA_OK;
    for (size_t b = 0, e; ok && b < n; b = e) {
        uint64_t h, l, h2, l2;
        prefix16(&v[idx[b]], &h, &l);
        for (e = b + 1; e < n; e++) {
            prefix16(&v[idx[e]], &h2, &l2);
            if (h2 != h || l2 != l)
                break;
        }
        if (e - b > 1) /* a tie: by whole strings */
            qsort_r(idx + b, e - b, sizeof *idx, sgroup_idx_cmp, v);
    }
    coda_free(key);
    coda_free(hi);
    return ok;
}

/* The groups of plain string column c sorted (no two hold the same
 * value, so the order is total); 0 without memory for it. */
static int sort_strings(const coda_column *c, const coda_groups *g,
                        size_t *ids, size_t n)
{
    sgroup *v = coda_malloc((n ? n : 1) * sizeof *v);
    uint32_t *idx = coda_malloc((n ? n : 1) * sizeof *idx);
    int ok = v && idx;
    for (size_t i = 0; ok && i < n; i++) {
        size_t r = g->first[ids[i]];
        int miss = coda_is_missing(c, r);
        v[i] = (sgroup){ miss ? NULL : c->v.s.p[r], miss ? 0 : c->v.s.len[r],
                         ids[i] };
    }
    ok = ok && sort_prefixes(v, idx, n);
    for (size_t i = 0; ok && i < n; i++)
        ids[i] = v[idx[i]].id;
    coda_free(v);
    coda_free(idx);
    return ok;
}

void coda_group_sort(const coda_table *t, const size_t *cols, size_t k,
                     const coda_groups *g, size_t *ids, size_t n)
{
    const coda_column *c = k == 1 ? &t->cols[cols[0]] : NULL;
    if (c && c->type == CODA_STRING && !(c->meta && c->meta->levels) &&
        sort_strings(c, g, ids, n))
        return;
    sortctx s = { t, cols, k, g->first };
    qsort_r(ids, n, sizeof *ids, group_cmp, &s);
}

const char *coda_value_text(const coda_column *c, size_t r, char *buf,
                            size_t size)
{
    if (coda_is_missing(c, r)) {
        snprintf(buf, size, "missing");
        return buf;
    }
    switch (c->type) {
    case CODA_STRING: snprintf(buf, size, "%s", c->v.s.p[r]); break;
    case CODA_INTEGER: snprintf(buf, size, "%lld", (long long)c->v.i[r]); break;
    case CODA_NUMBER: snprintf(buf, size, "%g", c->v.d[r]); break;
    case CODA_BOOLEAN: snprintf(buf, size, "%s", c->v.b[r] ? "true" : "false"); break;
    default: snprintf(buf, size, "row %zu", r + 1); break;
    }
    return buf;
}

void coda_groups_free(coda_groups *g)
{
    if (!g->kept) {
        coda_free(g->gid);
        coda_free(g->first);
    }
    coda_free(g->order);
    coda_free(g->start);
    group_keys_free(g->keys);
    memset(g, 0, sizeof *g);
}

static uint64_t row_hash(const coda_table *t, const size_t *cols, size_t k,
                         size_t r)
{
    uint64_t h = 0;
    for (size_t j = 0; j < k; j++)
        h = group_mix(h + coda_value_hash(&t->cols[cols[j]], r));
    return h;
}

static int rows_eq(const coda_table *t, const size_t *cols, size_t k,
                   size_t a, size_t b)
{
    for (size_t j = 0; j < k; j++)
        if (!coda_value_eq(&t->cols[cols[j]], a, &t->cols[cols[j]], b))
            return 0;
    return 1;
}

/* A slot holds a group's id + 1 (0: empty) in its low half and the top
 * half of the group's hash in its high half, so that most probes that
 * miss are told apart without reading the group. */
typedef struct htab {
    uint64_t *slot;
    uint64_t *hash;     /* per group */
    size_t mask;
} htab;

static uint64_t slot_of(uint64_t hv, size_t id)
{
    return (hv & ~(uint64_t)UINT32_MAX) | (uint64_t)(id + 1);
}

static int slot_tag_eq(uint64_t slot, uint64_t hv)
{
    return ((slot ^ hv) & ~(uint64_t)UINT32_MAX) == 0;
}

static int grow(htab *h, coda_groups *g, size_t cap)
{
    uint64_t *slot = coda_calloc(cap, sizeof *slot);
    size_t *first = coda_reallocarray(g->first, cap / 2, sizeof *first);
    uint64_t *hash = coda_reallocarray(h->hash, cap / 2, sizeof *hash);
    if (first)
        g->first = first;
    if (hash)
        h->hash = hash;
    if (!slot || !first || !hash) {
        coda_free(slot);
        return 0;
    }
    for (size_t id = 0; id < g->ngroups; id++) {
        size_t i = h->hash[id] & (cap - 1);
        while (slot[i])
            i = (i + 1) & (cap - 1);
        slot[i] = slot_of(h->hash[id], id);
    }
    coda_free(h->slot);
    h->slot = slot;
    h->mask = cap - 1;
    return 1;
}

/* A new group for row r (of hash hv) in empty slot i. */
static coda_status add_group(htab *h, coda_groups *g, size_t i, size_t r,
                             uint64_t hv, uint32_t *gid)
{
    if (g->ngroups >= UINT32_MAX - 1)
        return CODA_ELIMIT;
    size_t id = g->ngroups++;
    *gid = (uint32_t)id;
    h->slot[i] = slot_of(hv, id);
    g->first[id] = r;
    h->hash[id] = hv;
    if (g->ngroups * 2 > h->mask && !grow(h, g, (h->mask + 1) * 2))
        return CODA_ENOMEM;
    return CODA_OK;
}

/* The group of row r by content, adding a group when it is new. */
static coda_status lookup(htab *h, coda_groups *g, const coda_table *t,
                          const size_t *cols, size_t k, size_t r,
                          uint32_t *gid)
{
    uint64_t hv = row_hash(t, cols, k, r);
    size_t i = hv & h->mask;
    for (; h->slot[i]; i = (i + 1) & h->mask) {
        size_t id = (uint32_t)h->slot[i] - 1;
        if (slot_tag_eq(h->slot[i], hv) && h->hash[id] == hv &&
            rows_eq(t, cols, k, g->first[id], r)) {
            *gid = (uint32_t)id;
            return CODA_OK;
        }
    }
    return add_group(h, g, i, r, hv, gid);
}

coda_status coda_group_rows(const coda_table *t, const size_t *cols, size_t k,
                            coda_groups *g)
{
    memset(g, 0, sizeof *g);
    g->gid = coda_malloc((t->nrow ? t->nrow : 1) * sizeof *g->gid);
    if (!g->gid)
        return CODA_ENOMEM;
    coda_status st;
    if (k == 1 && t->cols[cols[0]].type == CODA_STRING) {
        st = group_string_rows(&t->cols[cols[0]], t->nrow, g);
    } else {
        htab h = { 0 };
        st = grow(&h, g, 64) ? CODA_OK : CODA_ENOMEM;
        for (size_t r = 0; r < t->nrow && st == CODA_OK; r++)
            st = lookup(&h, g, t, cols, k, r, &g->gid[r]);
        coda_free(h.slot);
        coda_free(h.hash);
    }
    if (st != CODA_OK)
        coda_groups_free(g);
    return st;
}
