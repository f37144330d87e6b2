/* shape_join.c - joining two Datasets on key columns with a hash of the right
 * side. */
#include "shape.h"

#include "base_alloc.h"
#include "group.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef struct right_index {
    size_t *head;      /* hash bucket -> first right row + 1 (0: none) */
    size_t *next;      /* right row -> next row + 1 in its bucket */
    size_t mask;
} right_index;

static uint64_t key_hash(const coda_table *t, const size_t *k, size_t nk,
                         size_t r)
{
    uint64_t h = 0;
    for (size_t j = 0; j < nk; j++)
        h = (h ^ coda_value_hash(&t->cols[k[j]], r)) * 0x100000001b3ull + j;
    return h;
}

static int keys_missing(const coda_table *t, const size_t *k, size_t nk,
                        size_t r)
{
    for (size_t j = 0; j < nk; j++)
        if (coda_is_missing(&t->cols[k[j]], r))
            return 1;
    return 0;
}

static int keys_eq(const coda_table *a, const size_t *ak, size_t ra,
                   const coda_table *b, const size_t *bk, size_t rb, size_t nk)
{
    for (size_t j = 0; j < nk; j++)
        if (!coda_value_eq(&a->cols[ak[j]], ra, &b->cols[bk[j]], rb))
            return 0;
    return 1;
}

static coda_status build_index(const coda_table *b, const size_t *bk,
                               size_t nk, right_index *ix)
{
    size_t cap = 16;
    while (cap < b->nrow * 2)
        cap *= 2;
    ix->mask = cap - 1;
    ix->head = coda_calloc(cap, sizeof *ix->head);
    ix->next = coda_calloc(b->nrow + 1, sizeof *ix->next);
    if (!ix->head || !ix->next)
        return CODA_ENOMEM;
    for (size_t r = b->nrow; r-- > 0;) { /* backwards: buckets in row order */
        if (keys_missing(b, bk, nk, r))
            continue;
        size_t h = key_hash(b, bk, nk, r) & ix->mask;
        ix->next[r] = ix->head[h];
        ix->head[h] = r + 1;
    }
    return CODA_OK;
}

/* Describe the key of row r for an error message. */
static void key_text(const coda_table *t, const size_t *k, size_t nk, size_t r,
                     char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < nk && used < size; j++) {
        const coda_column *c = &t->cols[k[j]];
        int n = 0;
        switch (c->type) {
        case CODA_INTEGER: n = snprintf(buf + used, size - used, "%s%s = %" PRId64, j ? ", " : "", c->name, c->v.i[r]); break;
        case CODA_NUMBER: n = snprintf(buf + used, size - used, "%s%s = %g", j ? ", " : "", c->name, c->v.d[r]); break;
        case CODA_STRING: n = snprintf(buf + used, size - used, "%s%s = \"%.40s\"", j ? ", " : "", c->name, c->v.s.p[r]); break;
        default: n = snprintf(buf + used, size - used, "%s%s", j ? ", " : "", c->name); break;
        }
        used += n > 0 ? (size_t)n : 0;
    }
}

typedef struct pairs {
    size_t *a, *b, n, cap;   /* b = SIZE_MAX: no match (left join) */
} pairs;

static int push_pair(pairs *p, size_t a, size_t b)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        size_t *na = coda_reallocarray(p->a, cap, sizeof *na);
        if (na)
            p->a = na;
        size_t *nb = coda_reallocarray(p->b, cap, sizeof *nb);
        if (nb)
            p->b = nb;
        if (!na || !nb)
            return 0;
        p->cap = cap;
    }
    p->a[p->n] = a;
    p->b[p->n++] = b;
    return 1;
}

static coda_status match_rows(const coda_table *a, const coda_table *b,
                              const size_t *ak, const size_t *bk, size_t nk,
                              coda_join_how how, const right_index *ix, pairs *p)
{
    for (size_t r = 0; r < a->nrow; r++) {
        size_t found = 0;
        if (!keys_missing(a, ak, nk, r)) {
            size_t h = key_hash(a, ak, nk, r) & ix->mask;
            for (size_t s = ix->head[h]; s; s = ix->next[s - 1])
                if (keys_eq(a, ak, r, b, bk, s - 1, nk) &&
                    ++found && !push_pair(p, r, s - 1))
                    return CODA_ENOMEM;
        }
        if (!found && how == CODA_JOIN_LEFT && !push_pair(p, r, SIZE_MAX))
            return CODA_ENOMEM;
    }
    return CODA_OK;
}

/* The first key that occurs more than once on one side, as an error. */
static coda_status check_unique(const coda_table *t, const size_t *k, size_t nk,
                                const char *side, const char *check,
                                coda_error *err)
{
    coda_groups g;
    if (coda_group_rows(t, k, nk, &g) != CODA_OK)
        return coda_error_nomem(err);
    size_t *cnt = coda_calloc(g.ngroups + 1, sizeof *cnt);
    coda_status st = cnt ? CODA_OK : coda_error_nomem(err);
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++) {
        if (keys_missing(t, k, nk, r) || ++cnt[g.gid[r]] < 2)
            continue;
        char key[200];
        size_t n = 0;
        for (size_t s = 0; s < t->nrow; s++)
            n += g.gid[s] == g.gid[r];
        key_text(t, k, nk, r, key, sizeof key);
        st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "join: key %s occurs "
                            "%zu times in the %s table, but the join was "
                            "declared %s", key, n, side, check);
    }
    coda_free(cnt);
    coda_groups_free(&g);
    return st;
}

static coda_status check_keys(const coda_table *a, const coda_table *b,
                              const size_t *ak, const size_t *bk, size_t nk,
                              coda_join_check check, coda_error *err)
{
    static const char *const names[] = { "many_to_many", "one_to_one",
                                         "many_to_one", "one_to_many" };
    for (size_t j = 0; j < nk; j++) {
        const coda_column *x = &a->cols[ak[j]], *y = &b->cols[bk[j]];
        if (x->type != y->type || x->type == CODA_MULTI)
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "join: key "
                                  "\"%s\" is %s on the left and \"%s\" is %s "
                                  "on the right; keys must be of one type, "
                                  "not multi", x->name, coda_type_name(x->type),
                                  y->name, coda_type_name(y->type));
    }
    coda_status st = CODA_OK;
    if (check == CODA_JOIN_ONE_TO_ONE || check == CODA_JOIN_ONE_TO_MANY)
        st = check_unique(a, ak, nk, "left", names[check], err);
    if (st == CODA_OK &&
        (check == CODA_JOIN_ONE_TO_ONE || check == CODA_JOIN_MANY_TO_ONE))
        st = check_unique(b, bk, nk, "right", names[check], err);
    return st;
}

static int is_key(const size_t *k, size_t nk, size_t c)
{
    for (size_t j = 0; j < nk; j++)
        if (k[j] == c)
            return 1;
    return 0;
}

/* Column oc of o from b's column c at the matched rows (missing where the
 * left row matched nothing). */
static coda_status right_column(coda_table *o, size_t oc, const char *name,
                                const coda_table *b, size_t c,
                                const pairs *p, size_t *scratch)
{
    coda_status st;
    for (size_t i = 0; i < p->n; i++)
        scratch[i] = p->b[i] == SIZE_MAX ? 0 : p->b[i];
    if (b->nrow > 0)
        st = coda_table_gather_column(o, oc, name, b, c, scratch, p->n);
    else
        st = coda_table_init_column(o, oc, name, b->cols[c].type);
    for (size_t i = 0; i < p->n && st == CODA_OK; i++)
        if (p->b[i] == SIZE_MAX)
            st = coda_table_set_missing(o, oc, i);
    return st;
}

static coda_status build(const coda_table *a, const coda_table *b,
                         const size_t *bk, size_t nk, const pairs *p,
                         const char *suffix, coda_table *o, coda_error *err)
{
    size_t *scratch = coda_malloc((p->n + 1) * sizeof *scratch);
    coda_status st = scratch ? CODA_OK : CODA_ENOMEM;
    for (size_t c = 0; c < a->ncol && st == CODA_OK; c++)
        st = coda_table_gather_column(o, c, a->cols[c].name, a, c, p->a, p->n);
    for (size_t c = 0, oc = a->ncol; c < b->ncol && st == CODA_OK; c++) {
        if (is_key(bk, nk, c))
            continue;
        char name[512];
        snprintf(name, sizeof name, "%s%s", b->cols[c].name,
                 coda_table_find(a, b->cols[c].name) >= 0 ? suffix : "");
        if (coda_table_find(o, name) >= 0) {
            st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "join: column "
                                "\"%s\" would appear twice; rename it first",
                                name);
            break;
        }
        st = right_column(o, oc++, name, b, c, p, scratch);
    }
    coda_free(scratch);
    return st;
}

coda_status coda_join(const coda_table *a, const coda_table *b,
                      const size_t *ak, const size_t *bk, size_t nk,
                      coda_join_how how, coda_join_check check,
                      const char *suffix, coda_table **out, coda_error *err)
{
    coda_status st = check_keys(a, b, ak, bk, nk, check, err);
    if (st != CODA_OK)
        return st;
    right_index ix = { 0 };
    pairs p = { 0 };
    coda_table *o = NULL;
    size_t ncol = a->ncol + b->ncol - nk;
    st = build_index(b, bk, nk, &ix);
    if (st == CODA_OK)
        st = match_rows(a, b, ak, bk, nk, how, &ix, &p);
    if (st == CODA_OK)
        st = coda_table_create(p.n, ncol, &o);
    if (st == CODA_OK)
        st = build(a, b, bk, nk, &p, suffix ? suffix : "_y", o, err);
    coda_free(ix.head);
    coda_free(ix.next);
    coda_free(p.a);
    coda_free(p.b);
    if (st != CODA_OK) {
        coda_table_free(o);
        if (st == CODA_ENOMEM)
            coda_error_nomem(err);
        return st;
    }
    *out = o;
    return CODA_OK;
}
