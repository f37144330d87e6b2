/* table_kept.c - what is worked out from a column's values and kept while
 * they stay as they are: a grouping's ranks of a key column, so that the
 * next grouping by it starts from them (as a factor's codes in R, or a
 * category's in pandas, are worked out once).
 *
 * An entry is held by the table that owns the column's arrays (a share's
 * borrowed column: the base that owns them), found by the arrays'
 * addresses, and freed with that table, or when a coda_table_set_* call or
 * a replacement writes the column.  One lock guards every table's entries:
 * grouping looks them up from threads. */
#include "table.h"

#include "base_alloc.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct kept_entry {
    const void *values;         /* the column's first array (v.i, v.s.p) */
    const uint8_t *missing;
    coda_type type;
    void *data;
    void (*free_fn)(void *);
} kept_entry;

struct coda_kept {
    size_t n, cap;
    kept_entry *e;
};

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

/* Columns of fewer rows are grouped faster than the memory kept is worth. */
enum { KEPT_MIN_ROWS = 1 << 16 };

static pthread_once_t kept_once = PTHREAD_ONCE_INIT;
static int kept_on;

static void configure(void)
{
    const char *env = getenv("CODA_KEEP_RANKS");
    kept_on = !(env && strcmp(env, "0") == 0);
}

static int keeping_on(void)
{
    pthread_once(&kept_once, configure);
    return kept_on;
}

/* The table owning the arrays of t's column col (t itself, or a base down
 * the chain of shares), or NULL when none is found. */
static coda_table *owner_of(const coda_table *t, const coda_column *col)
{
    const coda_table *o = t;
    const coda_column *c = col;
    while (o && c->borrowed) {
        o = o->base;
        const coda_column *match = NULL;
        for (size_t j = 0; o && j < o->ncol && !match; j++)
            if (o->cols[j].v.i == col->v.i && o->cols[j].type == col->type)
                match = &o->cols[j];
        if (!match)
            return NULL;
        c = match;
    }
    /* the entries change, never the values: mutable, as a cache is */
    return (coda_table *)(uintptr_t)o;
}

static int eligible(const coda_table *t, const coda_column *col)
{
    return keeping_on() && t->nrow >= KEPT_MIN_ROWS &&
           col->type != CODA_MULTI &&
           !(col->type == CODA_STRING && col->meta && col->meta->levels);
}

static kept_entry *find(const struct coda_kept *k, const coda_column *col)
{
    for (size_t i = 0; k && i < k->n; i++)
        if (k->e[i].values == col->v.i && k->e[i].missing == col->missing &&
            k->e[i].type == col->type)
            return &k->e[i];
    return NULL;
}

const void *coda_table_kept(const coda_table *t, size_t c)
{
    const coda_column *col = &t->cols[c];
    if (!eligible(t, col))
        return NULL;
    pthread_mutex_lock(&kept_lock);
    const coda_table *o = owner_of(t, col);
    const kept_entry *e = o ? find(o->kept, col) : NULL;
    const void *data = e ? e->data : NULL;
    pthread_mutex_unlock(&kept_lock);
    return data;
}

static int add_entry(coda_table *o, const coda_column *col, void *data,
                     void (*free_fn)(void *))
{
    if (!o->kept && !(o->kept = coda_calloc(1, sizeof *o->kept)))
        return 0;
    struct coda_kept *k = o->kept;
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 4;
        kept_entry *e = coda_reallocarray(k->e, cap, sizeof *e);
        if (!e)
            return 0;
        k->e = e;
        k->cap = cap;
    }
    k->e[k->n++] = (kept_entry){ col->v.i, col->missing, col->type, data,
                                 free_fn };
    return 1;
}

int coda_table_keep(const coda_table *t, size_t c, void *data,
                    void (*free_fn)(void *))
{
    const coda_column *col = &t->cols[c];
    if (!eligible(t, col))
        return 0;
    pthread_mutex_lock(&kept_lock);
    coda_table *o = owner_of(t, col);
    int kept = o && !find(o->kept, col) && add_entry(o, col, data, free_fn);
    pthread_mutex_unlock(&kept_lock);
    return kept;
}

void coda_table_forget(coda_table *t, size_t c)
{
    const coda_column *col = &t->cols[c];
    if (col->borrowed || !t->kept)
        return;
    pthread_mutex_lock(&kept_lock);
    struct coda_kept *k = t->kept;
    for (size_t i = 0; i < k->n; i++)
        if (k->e[i].values == col->v.i) { /* whatever its missing mask */
            k->e[i].free_fn(k->e[i].data);
            k->e[i--] = k->e[--k->n];
        }
    pthread_mutex_unlock(&kept_lock);
}

void coda_table_forget_all(coda_table *t)
{
    pthread_mutex_lock(&kept_lock);
    struct coda_kept *k = t->kept;
    t->kept = NULL;
    pthread_mutex_unlock(&kept_lock);
    for (size_t i = 0; k && i < k->n; i++)
        k->e[i].free_fn(k->e[i].data);
    if (k)
        coda_free(k->e);
    coda_free(k);
}
