/* group_str.c - grouping rows by one string column.
 *
 * Each thread groups a stretch of the rows in a table of its own.  A slot
 * of the table holds a group's hash, id and length and, up to 16 bytes,
 * the string itself, so that a probe reads one slot and, for a short
 * string, never the group's first row.  Strings the loader stored once
 * share a pointer, so a small cache from pointers to groups answers most
 * rows of a column of few values without hashing them.  The stretches'
 * groups are then joined in order: the first stretch's keep their ids and
 * each later one's new groups follow, so that ids are in order of first
 * appearance over all the rows, whatever the number of threads. */
#include "group_int.h"

#include "base_alloc.h"
#include "base_par.h"

#include <stdlib.h>
#include <string.h>

enum { INLINE_MAX = 16 };

typedef struct sslot {
    uint64_t hv;
    uint32_t id1;       /* the group's id + 1; 0: an empty slot */
    uint32_t len;
    union {
        char b[INLINE_MAX];     /* a string of up to INLINE_MAX bytes */
        const char *p;          /* a longer one, where the column has it */
    } key;
} sslot;

typedef struct stab {
    sslot *slot;
    size_t mask;
    size_t n, cap;      /* groups, and room for them in first */
    size_t *first;      /* each group's first row */
    uint32_t miss1;     /* the group of missing values + 1; 0: none yet */
} stab;

static inline uint64_t load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline uint32_t load4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* a[0..len) == b[0..len) for len up to 16, by two loads from each end
 * (overlapping) that read no byte past len: a call of memcmp cost more
 * than the rest of a probe. */
static inline int short_eq(const char *a, const char *b, uint32_t len)
{
    if (len >= 8)
        return load8(a) == load8(b) && load8(a + len - 8) == load8(b + len - 8);
    if (len >= 4)
        return load4(a) == load4(b) && load4(a + len - 4) == load4(b + len - 4);
    return len == 0 || (a[0] == b[0] && a[len / 2] == b[len / 2] &&
                        a[len - 1] == b[len - 1]);
}

static int slot_eq(const sslot *e, uint64_t hv, const char *s, uint32_t len)
{
    if (e->hv != hv || e->len != len)
        return 0;
    if (len <= INLINE_MAX)
        return short_eq(e->key.b, s, len);
    return memcmp(e->key.p, s, len) == 0;
}

/* Move the slots to a table of cap slots (a power of two). */
static int stab_grow(stab *h, size_t cap)
{
    sslot *slot = coda_calloc(cap, sizeof *slot);
    if (!slot)
        return 0;
    for (size_t i = 0; h->slot && i <= h->mask; i++) {
        if (!h->slot[i].id1)
            continue;
        size_t j = h->slot[i].hv & (cap - 1);
        while (slot[j].id1)
            j = (j + 1) & (cap - 1);
        slot[j] = h->slot[i];
    }
    coda_free(h->slot);
    h->slot = slot;
    h->mask = cap - 1;
    return 1;
}

/* A new group whose first row is r; its id in *id. */
static coda_status new_group(stab *h, size_t r, uint32_t *id)
{
    if (h->n >= UINT32_MAX - 1)
        return CODA_ELIMIT;
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 256;
        size_t *first = coda_reallocarray(h->first, cap, sizeof *first);
        if (!first)
            return CODA_ENOMEM;
        h->first = first;
        h->cap = cap;
    }
    h->first[h->n] = r;
    *id = (uint32_t)h->n++;
    return CODA_OK;
}

/* The group of string s[0..len) (hash hv), a new one from row r. */
static coda_status find_or_add(stab *h, uint64_t hv, const char *s,
                               uint32_t len, size_t r, uint32_t *id)
{
    size_t i = hv & h->mask;
    for (; h->slot[i].id1; i = (i + 1) & h->mask)
        if (slot_eq(&h->slot[i], hv, s, len)) {
            *id = h->slot[i].id1 - 1;
            return CODA_OK;
        }
    coda_status st = new_group(h, r, id);
    if (st != CODA_OK)
        return st;
    sslot *e = &h->slot[i];
    e->hv = hv;
    e->id1 = *id + 1;
    e->len = len;
    if (len <= INLINE_MAX)
        memcpy(e->key.b, s, len);
    else
        e->key.p = s;
    if (h->n * 2 > h->mask && !stab_grow(h, (h->mask + 1) * 2))
        return CODA_ENOMEM;
    return CODA_OK;
}

static coda_status missing_group(stab *h, size_t r, uint32_t *id)
{
    if (h->miss1) {
        *id = h->miss1 - 1;
        return CODA_OK;
    }
    coda_status st = new_group(h, r, id);
    h->miss1 = st == CODA_OK ? *id + 1 : 0;
    return st;
}

static coda_status find_row(stab *h, const coda_column *col, size_t r,
                            uint32_t *id)
{
    if (coda_is_missing(col, r))
        return missing_group(h, r, id);
    const char *s = col->v.s.p[r];
    uint32_t len = col->v.s.len[r];
    return find_or_add(h, group_hash_bytes(s, len), s, len, r, id);
}

/* A table from string pointers to groups; it stops taking entries past
 * PCACHE_MAX. */
enum { PCACHE_SIZE = 1 << 14, PCACHE_MAX = PCACHE_SIZE / 2 };

typedef struct pcache {
    const char **key;
    uint32_t *gid;
    size_t n;
} pcache;

static size_t pslot(const pcache *pc, const char *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ull;
    size_t i = (size_t)(h >> 50); /* the top 14 bits: PCACHE_SIZE slots */
    while (pc->key[i] && pc->key[i] != p)
        i = (i + 1) & (PCACHE_SIZE - 1);
    return i;
}

/* One thread's stretch of rows [r0, r1). */
typedef struct sjob {
    const coda_column *col;
    size_t r0, r1;
    uint32_t *gid;      /* the whole column's; the job writes [r0, r1) */
    uint32_t *map;      /* after the join: this stretch's ids to the final */
    stab h;
    coda_status st;
} sjob;

/* Rows r0.. of stretch j by the pointer cache, while it answers at least
 * a quarter of them; the row where it stopped in *stop. */
static coda_status group_cached(sjob *j, pcache *pc, size_t *stop)
{
    const coda_column *col = j->col;
    const char *last = NULL;
    uint32_t last_gid = 0, *gid = j->gid;
    size_t hits = 0, r = j->r0;
    coda_status st = CODA_OK;
    for (; r < j->r1 && st == CODA_OK; r++) {
        const char *p = coda_is_missing(col, r) ? NULL : col->v.s.p[r];
        if (p && p == last) { /* runs of one value are common */
            gid[r] = last_gid;
            continue;
        }
        size_t seen = r - j->r0;
        if (seen >= 4096 && hits <= seen / 4)
            break;      /* strings stored once a row share no pointers */
        size_t i = p ? pslot(pc, p) : 0;
        if (p && pc->key[i]) {
            hits++;
            gid[r] = pc->gid[i];
        } else {
            st = find_row(&j->h, col, r, &gid[r]);
            if (p && pc->n < PCACHE_MAX) {
                pc->key[i] = p;
                pc->gid[i] = gid[r];
                pc->n++;
            }
        }
        last = p;
        last_gid = gid[r];
    }
    *stop = r;
    return st;
}

/* The hash of row r's string (0 when missing), its slot fetched ahead. */
static uint64_t hash_ahead(const stab *h, const coda_column *col, size_t r)
{
    if (coda_is_missing(col, r))
        return 0;
    uint64_t hv = group_hash_bytes(col->v.s.p[r], col->v.s.len[r]);
    __builtin_prefetch(&h->slot[hv & h->mask]);
    return hv;
}

/* Rows [r, r1) of stretch j, each hashed AHEAD rows before it is looked
 * up, so that the table's memory is on its way when it is needed. */
enum { AHEAD = 16 };

static coda_status group_hashed(sjob *j, size_t r)
{
    const coda_column *col = j->col;
    uint64_t ring[AHEAD];
    coda_status st = CODA_OK;
    for (size_t a = r; a < j->r1 && a < r + AHEAD; a++)
        ring[a % AHEAD] = hash_ahead(&j->h, col, a);
    for (; r < j->r1 && st == CODA_OK; r++) {
        uint64_t hv = ring[r % AHEAD];
        if (r + AHEAD < j->r1)
            ring[r % AHEAD] = hash_ahead(&j->h, col, r + AHEAD);
        if (coda_is_missing(col, r))
            st = missing_group(&j->h, r, &j->gid[r]);
        else
            st = find_or_add(&j->h, hv, col->v.s.p[r], col->v.s.len[r], r,
                             &j->gid[r]);
    }
    return st;
}

static coda_status group_stretch(sjob *j, pcache *pc)
{
    size_t r;
    coda_status st = group_cached(j, pc, &r);
    return st == CODA_OK ? group_hashed(j, r) : st;
}

static void stretch_main(void *p)
{
    sjob *j = p;
    pcache pc = { coda_calloc(PCACHE_SIZE, sizeof *pc.key),
                  coda_malloc(PCACHE_SIZE * sizeof *pc.gid), 0 };
    j->st = pc.key && pc.gid && stab_grow(&j->h, 64) ? group_stretch(j, &pc)
                                                     : CODA_ENOMEM;
    coda_free(pc.key);
    coda_free(pc.gid);
}

/* Join stretch j's groups into the first stretch's table h, in order. */
static coda_status join(stab *h, sjob *j)
{
    j->map = coda_malloc((j->h.n ? j->h.n : 1) * sizeof *j->map);
    if (!j->map)
        return CODA_ENOMEM;
    coda_status st = CODA_OK;
    for (size_t id = 0; id < j->h.n && st == CODA_OK; id++)
        st = find_row(h, j->col, j->h.first[id], &j->map[id]);
    return st;
}

static void remap_main(void *p)
{
    sjob *j = p;
    for (size_t r = j->r0; j->map && r < j->r1; r++)
        j->gid[r] = j->map[j->gid[r]];
}

static coda_status join_all(sjob *jobs, size_t nt)
{
    coda_status st = CODA_OK;
    for (size_t t = 0; t < nt && st == CODA_OK; t++)
        st = jobs[t].st;
    for (size_t t = 1; t < nt && st == CODA_OK; t++)
        st = join(&jobs[0].h, &jobs[t]);
    if (st == CODA_OK && nt > 1)
        coda_par_run(remap_main, &jobs[1], sizeof *jobs, nt - 1);
    return st;
}

coda_status group_string_rows(const coda_column *col, size_t nrow,
                              coda_groups *g)
{
    size_t nt = coda_par_threads(nrow);
    sjob *jobs = coda_calloc(nt, sizeof *jobs);
    if (!jobs)
        return CODA_ENOMEM;
    for (size_t t = 0; t < nt; t++)
        jobs[t] = (sjob){ .col = col, .r0 = nrow * t / nt,
                          .r1 = nrow * (t + 1) / nt, .gid = g->gid };
    coda_par_run(stretch_main, jobs, sizeof *jobs, nt);
    coda_status st = join_all(jobs, nt);
    if (st == CODA_OK) {
        g->ngroups = jobs[0].h.n;
        g->first = jobs[0].h.first;
        jobs[0].h.first = NULL;
    }
    for (size_t t = 0; t < nt; t++) {
        coda_free(jobs[t].h.slot);
        coda_free(jobs[t].h.first);
        coda_free(jobs[t].map);
    }
    coda_free(jobs);
    return st;
}
