/* coder_job.c - coding one slice of a corpus: per unit, the prefilter,
 * every match of every code, the exclude veto, and the order of what was
 * found. */
#include "coder_int.h"

#include "base_alloc.h"
#include "base_utf8.h"

#include <stdio.h>
#include <string.h>

/* Scratch of one job: the matcher, the prefilter's per-unit marks, and a
 * copy of the unit followed by zero bytes (PCRE2's JIT may read a few bytes
 * past the subject's end; they are then always defined). */
typedef struct scratch {
    cb_matcher m;
    cb_scan scan;
    coder_winset win;
    const uint8_t *hit;         /* the current unit's prefilter marks */
    int windowed;               /* the current unit has win's windows */
    char *copy;
    size_t copycap;
} scratch;

enum { PAD = 64 };

static const char *padded(scratch *sc, const char *s, size_t len)
{
    if (len + PAD > sc->copycap) {
        char *p = coda_realloc(sc->copy, len + PAD);
        if (!p)
            return NULL;
        sc->copy = p;
        sc->copycap = len + PAD;
    }
    memcpy(sc->copy, s, len);
    memset(sc->copy + len, 0, PAD);
    return sc->copy;
}

static int ascii_only(const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            return 0;
    }
    for (; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

static int add_seg(job *j, size_t row, uint32_t code, size_t a, size_t b)
{
    if (j->n == j->cap) {
        size_t cap = j->cap ? j->cap * 2 : 256;
        seg *s = coda_reallocarray(j->segs, cap, sizeof *s);
        if (!s)
            return 0;
        j->segs = s;
        j->cap = cap;
    }
    j->segs[j->n++] = (seg){ row, code, (uint32_t)a, (uint32_t)b };
    return 1;
}

static void where(const job *j, size_t row, char *buf, size_t size)
{
    const coda_table *t = j->ru->t;
    snprintf(buf, size, "document \"%s\", unit %lld",
             t->cols[j->ru->doc].v.s.p[row],
             (long long)t->cols[j->ru->unit].v.i[row]);
}

static coda_status fail_match(job *j, int rc, const cb_code_view *c,
                              size_t row)
{
    char w[300];
    where(j, row, w, sizeof w);
    return cb_match_error(&j->err, rc, c->name, w);
}

/* The next match of code k from *off, looking only in its windows when
 * the unit has them (*wi: the first window not yet done). */
static int next_match(scratch *sc, const cb_code_view *c, uint32_t k,
                      const char *s, size_t len, size_t off, size_t *wi,
                      int ascii, size_t *a, size_t *b)
{
    const cb_regex *re = c->re;
    if (!sc->windowed || !c->nlits || c->span == SIZE_MAX)
        return cb_next(&sc->m, re, s, len, off, ascii, a, b);
    const coder_wins *w = &sc->win.code[k];
    for (; *wi < w->n; ++*wi) {
        const coder_win *v = &w->v[*wi];
        if (v->hi <= off)
            continue;
        int rc = cb_next_upto(&sc->m, re, s, len, off > v->lo ? off : v->lo,
                              v->hi - 1, ascii, a, b);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Every match of code k in the unit, then the exclude veto. */
static coda_status code_unit(job *j, scratch *sc, uint32_t k, size_t row,
                             const char *s, size_t len, int ascii)
{
    const cb_code_view *c = &j->ru->view[k];
    if (!c->re)
        return CODA_OK;
    if (j->ru->o->prefilter && c->nlits && !sc->hit[k])
        return CODA_OK;                 /* none of its literals: no match */
    int use_ascii = ascii && j->ru->o->ascii;
    size_t before = j->n, off = 0, wi = 0, a, b;
    int rc;
    cb_matcher_start(&sc->m, len);
    while ((rc = next_match(sc, c, k, s, len, off, &wi, use_ascii, &a,
                             &b)) == 1) {
        if (!add_seg(j, row, k, a, b))
            return coda_error_nomem(&j->err);
        off = b;
    }
    if (rc == 0 && j->n > before && c->ex &&
        (rc = cb_next(&sc->m, c->ex, s, len, 0, use_ascii, &a, &b)) == 1) {
        j->n = before;
        rc = 0;
    }
    return rc < 0 ? fail_match(j, rc, c, row) : CODA_OK;
}

static int by_start(const void *x, const void *y)
{
    const seg *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->code < b->code ? -1 : a->code > b->code;
}

/* 1 when s holds U+212A or U+017F, which the prefilter scans as k and s. */
static int folds_ks(const char *s, size_t len)
{
    return memmem(s, len, "\xE2\x84\xAA", 3) || memmem(s, len, "\xC5\xBF", 2);
}

/* Mark the codes that may match the unit; a long one gets windows. */
static coda_status prefilter(const run *ru, scratch *sc, const char *s,
                             size_t len, int ascii)
{
    sc->windowed = ru->lits && len >= CODER_WIN_MIN &&
                   (ascii || !folds_ks(s, len));
    if (sc->windowed) {
        coda_status st = coder_windows_scan(ru, s, len, &sc->win);
        sc->hit = sc->win.hit;
        return st;
    }
    coda_status st = cb_prefilter_scan(ru->cb, s, len, ascii, &sc->scan);
    sc->hit = sc->scan.hit;
    return st;
}

static coda_status unit(job *j, scratch *sc, size_t row)
{
    const coda_column *tc = &j->ru->t->cols[j->ru->text];
    const char *s = tc->v.s.p[row];
    size_t len = tc->v.s.len[row], bad, first = j->n;
    if (coda_is_missing(tc, row))
        return CODA_OK;
    int ascii = ascii_only(s, len);
    if (!ascii && !coda_utf8_valid(s, len, &bad)) {
        char w[300];
        where(j, row, w, sizeof w);
        coda_error_set(&j->err, CODA_EUTF8, NULL, 0, 0, "code: invalid UTF-8 "
                       "at byte %zu of %s", bad, w);
        j->err.offset = (long)bad;
        return CODA_EUTF8;
    }
    if (!(s = padded(sc, s, len)))
        return coda_error_nomem(&j->err);
    if (j->ru->o->prefilter && prefilter(j->ru, sc, s, len, ascii) != CODA_OK)
        return coda_error_nomem(&j->err);
    coda_status st = CODA_OK;
    for (size_t i = 0; i < j->ru->ncodes && st == CODA_OK; i++)
        st = code_unit(j, sc, j->ru->codes[i], row, s, len, ascii);
    if (st == CODA_OK && j->n - first > 1)
        qsort(j->segs + first, j->n - first, sizeof *j->segs, by_start);
    atomic_fetch_add(&j->ru->bytes_done, len);
    return st;
}

static void note_failure(run *ru, int index)
{
    int cur = atomic_load(&ru->failed_min);
    while (index < cur &&
           !atomic_compare_exchange_weak(&ru->failed_min, &cur, index))
        ;
}

void coder_job_run(job *j)
{
    scratch sc = { 0 };
    j->st = cb_matcher_init(&sc.m, &j->ru->lim);
    if (j->st != CODA_OK)
        coda_error_nomem(&j->err);
    const uint8_t *skip = j->ru->o->skip;
    for (size_t r = j->r0; r < j->r1 && j->st == CODA_OK; r++) {
        if (atomic_load(&j->ru->failed_min) < j->index)
            break;                      /* an earlier slice failed first */
        if (!skip || !skip[r])
            j->st = unit(j, &sc, r);
    }
    if (j->st != CODA_OK)
        note_failure(j->ru, j->index);
    cb_matcher_free(&sc.m);
    cb_scan_free(&sc.scan);
    coder_windows_free(&sc.win);
    coda_free(sc.copy);
}
