/* csv_store.c - turning one CSV field into a value of its part column. */
#include "csv_int.h"

#include "base_alloc.h"
#include "base_utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <string.h>

static int in_list(const char *const *na, size_t n, const char *s,
                   size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(na[i]) == len && memcmp(na[i], s, len) == 0)
            return 1;
    return 0;
}

/* A missing value by the na option, or by the column's own. */
static int is_na(const load_ctx *ctx, const col_spec *sp, const char *s,
                 size_t len)
{
    return in_list(ctx->na, ctx->nna, s, len) ||
           in_list(sp->na, sp->nna, s, len);
}

static void set_missing(part_col *c, size_t r)
{
    c->missing[r] = 1;
    c->any_missing = 1;
    switch (c->type) {
    case CODA_INTEGER: c->v.i[r] = 0; break;
    case CODA_NUMBER: c->v.d[r] = 0; break;
    case CODA_BOOLEAN: c->v.b[r] = 0; break;
    case CODA_STRING: c->v.s.p[r] = ""; c->v.s.len[r] = 0; break;
    case CODA_MULTI: c->v.m.off[r + 1] = c->v.m.off[r]; break;
    default: break;
    }
}

/* The last bytes of s[0..len) (fewer than 8 left after whole words; all
 * of s when it is shorter than 8) as one word, read without a loop: the
 * last 8 bytes again, two 4-byte words that may overlap, or the first,
 * middle and last bytes. */
static inline uint64_t tail_word(const char *s, size_t len, size_t left)
{
    uint32_t a, b;
    if (left == 0)
        return 0;
    if (len >= 8) {
        uint64_t w;
        memcpy(&w, s + len - 8, 8);
        return w;
    }
    if (len >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, s + len - 4, 4);
        return a | (uint64_t)b << 32;
    }
    return (unsigned char)s[0] | (uint64_t)(unsigned char)s[len / 2] << 8 |
           (uint64_t)(unsigned char)s[len - 1] << 16;
}

/* 1 when s[0..len) is ASCII (so UTF-8), read 16 bytes at a time with
 * SSE2, then 8, then the tail as one word. */
static int ascii(const char *s, size_t len)
{
    uint64_t any = 0;
    size_t i = 0;
#ifdef __SSE2__
    __m128i acc = _mm_setzero_si128();
    for (; i + 16 <= len; i += 16)
        acc = _mm_or_si128(acc, _mm_loadu_si128((const __m128i *)(const void *)
                                                (s + i)));
    if (_mm_movemask_epi8(acc))
        return 0;
#endif
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        any |= w;
    }
    any |= tail_word(s, len, len - i);
    return (any & 0x8080808080808080u) == 0;
}

static int check_utf8(part *p, size_t f, const char *s, size_t len, long line)
{
    size_t bad;
    if (ascii(s, len) || coda_utf8_valid(s, len, &bad))
        return 1;
    char what[128];
    snprintf(what, sizeof what,
             "bytes that are not UTF-8 (byte 0x%02X at offset %zu of the "
             "field); re-save the file as UTF-8",
             (unsigned char)s[bad], bad);
    part_fail(p, CODA_EUTF8, line + (long)count_lf(s, bad), f, what);
    return 0;
}

/* The 64-bit state of short_hash over s[0..len), read 8 bytes at a time,
 * the last up to 7 bytes packed in order. */
static uint64_t short_state(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ len, w;
    for (; len >= 8; s += 8, len -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdu;
    }
    w = 0;
    for (size_t k = 0; k < len; k++)
        w |= (uint64_t)(unsigned char)s[k] << (8 * k);
    return (h ^ w) * 0xc4ceb9fe1a85ec53u;
}

/* A hash of a short string (its length included). */
static unsigned short_hash(const char *s, size_t len)
{
    return (unsigned)(short_state(s, len) >> 32);
}

/* The dedup set of s[0..len): the top bits of short_state mixed through
 * (a product's low bits see only the low bits of what was multiplied, so
 * values that differ in their last bytes, id001 .. id100, would crowd a
 * few sets). */
static dedup_slot *dedup_set(dedup_slot *table, const char *s, size_t len)
{
    uint64_t h = short_state(s, len);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return table + (size_t)(h % (DEDUP_SLOTS / DEDUP_WAYS)) * DEDUP_WAYS;
}

/* 1 when a[0..len) and b[0..len) hold the same bytes, read as words:
 * whole ones, then the tail as tail_word reads it (which covers every
 * byte left). */
static inline int same_bytes(const char *a, const char *b, size_t len)
{
    uint64_t x, y;
    size_t k = 0;
    for (; k + 8 <= len; k += 8) {
        memcpy(&x, a + k, 8);
        memcpy(&y, b + k, 8);
        if (x != y)
            return 0;
    }
    return tail_word(a, len, len - k) == tail_word(b, len, len - k);
}

/* The copy of s[0..len) in dedup set set, moved to the set's front; NULL
 * when the set holds none. */
static const char *dedup_find(dedup_slot *set, const char *s, size_t len)
{
    for (size_t i = 0; i < DEDUP_WAYS; i++) {
        if (!set[i].s || set[i].len != len || !same_bytes(set[i].s, s, len))
            continue;
        dedup_slot hit = set[i];
        memmove(set + 1, set, i * sizeof *set);
        set[0] = hit;
        return hit.s;
    }
    return NULL;
}

/* A string value: short strings seen recently share one copy. */
static void store_string(part *p, part_col *c, size_t r, const char *s,
                         size_t len)
{
    dedup_slot *slot = NULL;
    const char *copy;
    /* repeated short values share one copy; the table for it comes with
     * the column's 17th row, so a wide file of few rows does not pay
     * 16 KB a column (and without memory for it, values are not shared) */
    if (!c->v.s.dedup && r >= 16 && len <= DEDUP_MAXLEN)
        c->v.s.dedup = coda_calloc(DEDUP_SLOTS, sizeof *c->v.s.dedup);
    if (len <= DEDUP_MAXLEN && c->v.s.dedup) {
        slot = dedup_set(c->v.s.dedup, s, len);
        const char *seen = dedup_find(slot, s, len);
        if (seen) {
            c->v.s.p[r] = seen;
            c->v.s.len[r] = (uint32_t)len;
            return;
        }
    }
    if (len > UINT32_MAX) {
        part_fail(p, CODA_ELIMIT, p->line, SIZE_MAX, "field longer than 4 GiB");
        return;
    }
    copy = coda_pool_add(p->pool, s, len);
    if (!copy) {
        part_oom(p);
        return;
    }
    if (slot) { /* the new value first, the least recently used out */
        memmove(slot + 1, slot, (DEDUP_WAYS - 1) * sizeof *slot);
        *slot = (dedup_slot){ copy, len };
    }
    c->v.s.p[r] = copy;
    c->v.s.len[r] = (uint32_t)len;
}

/* Room for n more label ids (0: out of memory): twice as much as before,
 * or once 256 rows tell the rate, room at that rate for every row the
 * part has room for (with 1/16 to spare; no more ids than bytes). */
static int reserve_ids(const part *p, part_col *c, size_t n)
{
    size_t need = c->v.m.nids + n, cap = c->v.m.idcap;
    if (need <= cap)
        return 1;
    cap = cap ? cap * 2 : 256;
    if (p->nrow >= 256) {
        double est = (double)need * (double)p->cap / (double)(p->nrow + 1);
        double bytes = (double)(p->end - p->start);
        est += est / 16;
        if (est > bytes)
            est = bytes;
        if (est > (double)cap)
            cap = (size_t)est;
    }
    if (cap < need)
        cap = need;
    uint32_t *ids = coda_reallocarray(c->v.m.ids, cap, sizeof *ids);
    if (!ids)
        return 0;
    c->v.m.ids = ids;
    c->v.m.idcap = cap;
    return 1;
}

static int push_id(const part *p, part_col *c, uint32_t id)
{
    if (!reserve_ids(p, c, 1))
        return 0;
    c->v.m.ids[c->v.m.nids++] = id;
    return 1;
}

static int row_has(const part_col *c, size_t r, uint32_t id)
{
    for (size_t i = c->v.m.off[r]; i < c->v.m.nids; i++)
        if (c->v.m.ids[i] == id)
            return 1;
    return 0;
}

/* The cache slot for a multi-select field of len bytes (made with the
 * column's 17th row, as the dedup table is), or NULL. */
static mcache_slot *mcache_for(part_col *c, size_t r, const char *s,
                               size_t len)
{
    if (len == 0 || len > MCACHE_MAXLEN || r < 16)
        return NULL;
    if (!c->v.m.cache &&
        !(c->v.m.cache = coda_calloc(MCACHE_SLOTS, sizeof *c->v.m.cache)))
        return NULL;
    return &c->v.m.cache[short_hash(s, len) % MCACHE_SLOTS];
}

/* Row r's label ids from the cache slot m when it holds s[0..len); 1 when
 * it did (or memory ran out: p stops). */
static int multi_cached(part *p, part_col *c, const mcache_slot *m, size_t r,
                        const char *s, size_t len)
{
    if (!m || m->len != len || !same_bytes(m->text, s, len))
        return 0;
    c->v.m.off[r + 1] = c->v.m.off[r];
    if (!reserve_ids(p, c, m->nids)) {
        part_oom(p);
        return 1;
    }
    memcpy(c->v.m.ids + c->v.m.nids, m->ids, m->nids * sizeof *m->ids);
    c->v.m.nids += m->nids;
    c->v.m.off[r + 1] = c->v.m.nids;
    return 1;
}

/* Remember row r's label ids for s[0..len) in m. */
static void multi_remember(const part_col *c, mcache_slot *m, size_t r,
                           const char *s, size_t len)
{
    size_t n = c->v.m.off[r + 1] - c->v.m.off[r];
    if (!m || n > MCACHE_MAXIDS)
        return;
    memcpy(m->text, s, len);
    m->len = (uint8_t)len;
    m->nids = (uint8_t)n;
    memcpy(m->ids, c->v.m.ids + c->v.m.off[r], n * sizeof *m->ids);
}

/* A multi-select value: labels split on the separator, trimmed of spaces
 * and tabs, empty ones dropped, repeats within the row dropped. */
static void store_multi(part *p, part_col *c, const col_spec *sp, size_t r,
                        const char *s, size_t len)
{
    mcache_slot *m = mcache_for(c, r, s, len);
    if (multi_cached(p, c, m, r, s, len))
        return;
    const char *text = s;
    size_t textlen = len;
    const char *end = s + len;
    c->v.m.off[r + 1] = c->v.m.off[r];
    while (s <= end) {
        const char *next = sp->seplen ? memmem(s, (size_t)(end - s), sp->sep,
                                               sp->seplen) : NULL;
        const char *stop = next ? next : end, *a = s;
        while (a < stop && (*a == ' ' || *a == '\t'))
            a++;
        while (stop > a && (stop[-1] == ' ' || stop[-1] == '\t'))
            stop--;
        if (stop > a) {
            uint32_t id;
            coda_status st = coda_labels_intern(c->v.m.labels, a,
                                                (size_t)(stop - a), &id);
            if (st != CODA_OK || (!row_has(c, r, id) && !push_id(p, c, id))) {
                part_oom(p);
                return;
            }
        }
        if (!next)
            break;
        s = next + sp->seplen;
    }
    c->v.m.off[r + 1] = c->v.m.nids;
    multi_remember(c, m, r, text, textlen);
}

/* The kind of value s is; numbers read with the file's marks. */
static int kind_of(const load_ctx *ctx, const char *s, size_t len, int64_t *i,
                   double *d, int *b)
{
    char buf[64];
    int quick = TYPE_UNKNOWN;
    if (!ctx->decimal && !ctx->thousands &&
        (quick = csv_quick_value(s, len, i, d)) != TYPE_UNKNOWN)
        return quick;   /* no boolean reads as a number */
    if (csv_parse_bool(s, len, b))
        return CODA_BOOLEAN;
    if (ctx->decimal || ctx->thousands) {
        len = csv_local_number(s, len, ctx->decimal ? ctx->decimal : '.',
                               ctx->thousands, buf, sizeof buf);
        s = buf;
        quick = csv_quick_value(s, len, i, d);
        if (quick != TYPE_UNKNOWN)
            return quick;
    }
    if (csv_parse_int(s, len, i))
        return CODA_INTEGER;
    if (csv_parse_number(s, len, d))
        return CODA_NUMBER;
    return CODA_STRING;
}

static void mismatch(part *p, size_t f, const char *s, size_t len, long line)
{
    col_spec *sp = &p->ctx->spec[f];
    if (!sp->fixed) { /* inferred: the column is text after all */
        atomic_store(&sp->must_string, 1);
        p->restart = p->stop = 1;
        return;
    }
    char what[200];
    snprintf(what, sizeof what, "expected %s, found \"%.*s\"%s",
             coda_type_name(sp->type), len > 40 ? 40 : (int)len, s,
             len > 40 ? "..." : "");
    part_fail(p, CODA_ETYPE, line, f, what);
}

/* A typed value; an untyped column takes the value's type, an integer
 * column widens to number in place. */
static void store_typed(part *p, size_t f, part_col *c, size_t r,
                        const char *s, size_t len, long line)
{
    int64_t i = 0;
    double d = 0;
    int b = 0;
    int kind = kind_of(p->ctx, s, len, &i, &d, &b);
    if (c->type == CODA_INTEGER && kind == CODA_NUMBER &&
        !p->ctx->spec[f].fixed) {
        for (size_t k = 0; k < r; k++)
            c->v.d[k] = (double)c->v.i[k];
        c->type = CODA_NUMBER;
    }
    if (c->type == CODA_NUMBER && kind == CODA_INTEGER)
        kind = CODA_NUMBER, d = (double)i;
    if (kind != c->type)
        return mismatch(p, f, s, len, line);
    c->missing[r] = 0;
    p->typed = 1;
    if (kind == CODA_INTEGER)
        c->v.i[r] = i;
    else if (kind == CODA_NUMBER)
        c->v.d[r] = d;
    else if (kind == CODA_BOOLEAN)
        c->v.b[r] = (uint8_t)b;
}

/* What the field's quoting says about the file: a bare field, or quotes
 * around text that needed none (looked for only while no bare field is
 * known, since one bare field settles it). */
static void note_quoting(part *p, const char *s, size_t len, int quoted)
{
    if (!quoted)
        p->bare = 1;
    else if (!p->bare && !p->needless &&
             !coda_csv_needs_quotes(s, len, p->ctx->delim) &&
             !coda_csv_looks_typed(s, len))
        p->needless = 1;
}

/* The common case of a typed column, stored without the general path: a
 * bare field of an integer column that reads as an integer, of a number
 * column that reads as an integer or a number, of a boolean column that
 * reads as a boolean (what store_typed would store for them, with nothing
 * else to do: no marks, no missing values to look for).  0: not such a
 * field, nothing done. */
static int store_quick(part *p, part_col *c, const char *s, size_t len)
{
    size_t r = p->nrow;
    int64_t i;
    double d;
    int b, kind;
    if (c->type == CODA_BOOLEAN) {
        if (!csv_parse_bool(s, len, &b))
            return 0;
        c->v.b[r] = (uint8_t)b;
    } else if (c->type == CODA_INTEGER || c->type == CODA_NUMBER) {
        kind = csv_quick_value(s, len, &i, &d);
        if (kind == CODA_INTEGER && c->type == CODA_INTEGER)
            c->v.i[r] = i;
        else if (kind != TYPE_UNKNOWN && c->type == CODA_NUMBER)
            c->v.d[r] = kind == CODA_INTEGER ? (double)i : d;
        else
            return 0;
    } else {
        return 0;
    }
    c->missing[r] = 0;
    p->typed = 1;
    p->bare = 1;
    return 1;
}

/* Any field the quick path does not take (a function of its own, so the
 * quick path pays for none of its registers). */
static __attribute__((noinline)) void store_general(part *p, size_t f,
                                                    const char *s, size_t len,
                                                    int quoted, long line)
{
    part_col *c = &p->cols[f];
    const col_spec *sp = &p->ctx->spec[f];
    size_t r = p->nrow;
    if (s && len)
        note_quoting(p, s, len, quoted);
    if (!s || (len == 0 && c->type != CODA_STRING && c->type != CODA_MULTI) ||
        ((p->ctx->nna || sp->nna) && is_na(p->ctx, sp, s, len))) {
        if (s && len == 0)
            c->quoted_empty = 1;
        set_missing(c, r);
        return;
    }
    if (c->type == TYPE_UNKNOWN) {
        int64_t i;
        double d;
        int b;
        int kind = kind_of(p->ctx, s, len, &i, &d, &b);
        if (kind == CODA_STRING && c->quoted_empty) {
            /* an earlier "" was taken for missing; in a text column it is
             * the empty string: parse again with the column as text */
            atomic_store(&p->ctx->spec[f].must_string, 1);
            p->restart = p->stop = 1;
            return;
        }
        if (!part_set_type(p, c, kind)) {
            part_oom(p);
            return;
        }
    }
    if (c->type == CODA_STRING || c->type == CODA_MULTI) {
        if (!check_utf8(p, f, s, len, line))
            return;
        c->missing[r] = 0;
        if (c->type == CODA_STRING)
            store_string(p, c, r, s, len);
        else
            store_multi(p, c, sp, r, s, len);
        return;
    }
    store_typed(p, f, c, r, s, len, line);
    /* text in quotes, if the file's quoting turns out to mean anything */
    c->quoted_typed |= quoted && !sp->fixed;
}

void store_field(part *p, size_t f, const char *s, size_t len, int quoted,
                 long line)
{
    /* quick (from the column's spec): numbers without marks, no missing
     * values but empty ones, and the scanner's parse (libcsv's, which the
     * tests compare it with, takes every field the general way) */
    if (p->cols[f].quick && s && len && !quoted &&
        store_quick(p, &p->cols[f], s, len))
        return;
    store_general(p, f, s, len, quoted, line);
}
