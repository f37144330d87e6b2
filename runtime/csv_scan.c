/* csv_scan.c - a part's records tokenized by coda itself, handing on each
 * field exactly as libcsv with the loader's options (csv_part.c) would: no
 * spaces trimmed, every line end outside quotes ends a record (a blank line
 * or the LF of a CR LF pair being a record of no fields), an empty unquoted
 * field as NULL, a quoted one with its doubled quotes made single.  A bare
 * field is scanned for the next separator or line end and a quoted one for
 * its closing quote, instead of passing every byte through a state machine
 * and a buffer.
 *
 * What libcsv reads leniently (text after a closing quote, a quote never
 * closed at the end of the input) is left to it: the scanner gives up
 * (p->slow) and the part is parsed again with libcsv.  A record is handed
 * on only once it is complete, so giving up, or a record cut at the end of
 * a block, never leaves half a row stored. */
#include "csv_int.h"

#include "base_alloc.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>

/* One field of the record being read. */
typedef struct fld {
    const char *s;          /* NULL: empty and unquoted */
    size_t len;             /* bytes in the input (quotes doubled) */
    size_t nlf;             /* line feeds in it */
    int quoted, escaped;    /* in quotes; with a doubled quote inside */
} fld;

typedef struct scan {
    part *p;
    unsigned char delim;
    unsigned char stop[256]; /* bytes that end a bare field */
    fld *f;
    size_t cap;
    char *tmp;              /* an escaped field's text */
    size_t tmpcap;
} scan;

enum { REC_DONE, REC_MORE, REC_SLOW, REC_NOMEM };

/* The first byte in [z, e) that ends a bare field (the separator, CR or
 * LF), or e: with SSE2, 16 bytes compared with the three at a time while
 * 16 remain, then a byte at a time. */
static const char *bare_end(const scan *sc, const char *z, const char *e)
{
#ifdef __SSE2__
    const __m128i d = _mm_set1_epi8((char)sc->delim),
                  cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
    for (; e - z >= 16; z += 16) {
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)z);
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(w, d),
                                   _mm_or_si128(_mm_cmpeq_epi8(w, cr),
                                                _mm_cmpeq_epi8(w, lf)));
        unsigned bits = (unsigned)_mm_movemask_epi8(hit);
        if (bits)
            return z + __builtin_ctz(bits);
    }
#endif
    while (z < e && !sc->stop[(unsigned char)*z])
        z++;
    return z;
}

int csv_scan_fits(const load_ctx *ctx)
{
    return !ctx->libcsv && ctx->delim != '"' && ctx->delim != '\r' &&
           ctx->delim != '\n';
}

static fld *next_field(scan *sc, size_t n)
{
    if (n == sc->cap) {
        size_t cap = sc->cap ? sc->cap * 2 : 16;
        fld *f = coda_reallocarray(sc->f, cap, sizeof *f);
        if (!f)
            return NULL;
        sc->f = f;
        sc->cap = cap;
    }
    return &sc->f[n];
}

/* A quoted field from q (its opening quote) on: its end in *z (the closing
 * quote) and what follows in *after. */
static int quoted_field(const scan *sc, const char *q, const char *e, int eof,
                        fld *f, const char **z)
{
    const char *c = q + 1;
    f->quoted = 1;
    f->escaped = 0;
    f->nlf = 0;
    for (;;) {
        const char *x = memchr(c, '"', (size_t)(e - c));
        if (!x)
            return eof ? REC_SLOW : REC_MORE; /* never closed: libcsv's */
        f->nlf += count_lf(c, (size_t)(x - c));
        if (x + 1 == e && !eof)
            return REC_MORE;
        if (x + 1 < e && x[1] == '"') {
            f->escaped = 1;
            c = x + 2;
            continue;
        }
        if (x + 1 < e && x[1] != sc->delim && x[1] != '\r' && x[1] != '\n')
            return REC_SLOW;                  /* text after the quote */
        f->s = q + 1;
        f->len = (size_t)(x - f->s);
        *z = x + 1;
        return REC_DONE;
    }
}

/* The record starting at *pos (not at a line end) in [*pos, e): its fields
 * in sc->f[0..*nf), the byte that ended it in *term (-1: the end of the
 * input), *pos moved past it.  REC_MORE: it does not end before e. */
static int scan_record(scan *sc, const char *e, int eof, const char **pos,
                       size_t *nf, int *term)
{
    const char *q = *pos, *z;
    for (size_t n = 0;; n++) {
        fld *f = next_field(sc, n);
        if (!f)
            return REC_NOMEM;
        *nf = n + 1;
        if (q < e && *q == '"') {
            int r = quoted_field(sc, q, e, eof, f, &z);
            if (r != REC_DONE)
                return r;
        } else {
            z = bare_end(sc, q, e);
            if (z == e && !eof)
                return REC_MORE;
            f->s = z > q ? q : NULL;
            f->len = (size_t)(z - q);
            f->nlf = 0;
            f->quoted = f->escaped = 0;
        }
        if (z == e) {
            *term = -1;
            *pos = z;
            return REC_DONE;
        }
        if (*z != sc->delim) {
            *term = (unsigned char)*z;
            *pos = z + 1;
            return REC_DONE;
        }
        q = z + 1;
    }
}

/* f's text with each doubled quote made single, in sc->tmp. */
static const char *unescape(scan *sc, const fld *f, size_t *len)
{
    if (f->len + 1 > sc->tmpcap) {
        char *t = coda_realloc(sc->tmp, f->len + 1);
        if (!t)
            return NULL;
        sc->tmp = t;
        sc->tmpcap = f->len + 1;
    }
    size_t k = 0;
    for (size_t i = 0; i < f->len; i++) {
        sc->tmp[k++] = f->s[i];
        i += f->s[i] == '"';
    }
    *len = k;
    return sc->tmp;
}

/* Hand the record's fields and its end to the part. */
static void emit(scan *sc, size_t nf, int term)
{
    part *p = sc->p;
    for (size_t i = 0; i < nf && !p->stop; i++) {
        const fld *f = &sc->f[i];
        const char *s = f->s;
        size_t len = f->len;
        if (f->escaped && !(s = unescape(sc, f, &len))) {
            part_oom(p);
            return;
        }
        part_field(p, s, len, f->quoted, f->nlf);
    }
    if (!p->stop)
        part_row_end(p, term);
}

/* Read the records of [b, e) (eof: e ends the input; base: the offset of
 * b in the part); returns the bytes used, up to the first record that does
 * not end before e. */
static size_t scan_buf(scan *sc, const char *b, const char *e, int eof,
                       size_t base)
{
    part *p = sc->p;
    const char *q = b;
    while (q < e && !p->stop) {
        if (*q == '\r' || *q == '\n') {    /* a record of no fields */
            part_row_end(p, (unsigned char)*q++);
            continue;
        }
        const char *at = q;
        size_t nf = 0;
        int term = 0;
        int r = scan_record(sc, e, eof, &q, &nf, &term);
        if (r == REC_MORE)
            return (size_t)(at - b);
        if (r == REC_NOMEM) {
            part_oom(p);
            break;
        }
        if (r == REC_SLOW) {
            p->slow = p->stop = 1;
            break;
        }
        p->pos = base + (size_t)(at - b);
        emit(sc, nf, term);
    }
    return (size_t)(q - b);
}

/* A part read from a file: blocks read after what is left of the last
 * one's cut record.  A record longer than a block has as many bytes again
 * read after it each time, so it is scanned from its start a few times,
 * not once a block. */
static void scan_file(scan *sc, int last)
{
    part *p = sc->p;
    const load_ctx *ctx = p->ctx;
    size_t cap = 2 * ctx->block, have = 0;
    char *buf = coda_malloc(cap);
    if (!buf) {
        part_oom(p);
        return;
    }
    for (size_t off = p->start; !p->stop;) {
        size_t want = have > ctx->block ? have : ctx->block;
        size_t n = p->end - off < want ? p->end - off : want;
        if (have + n > cap) {
            char *nb = coda_realloc(buf, have + n);
            if (!nb) {
                part_oom(p);
                break;
            }
            buf = nb;
            cap = have + n;
        }
        if (n && !load_read(ctx, off, n, buf + have)) {
            coda_error_set(&p->err, CODA_EIO, ctx->name, 0, 0, "read error");
            p->stop = 1;
            break;
        }
        off += n;
        have += n;
        int end = off == p->end;
        size_t used = scan_buf(sc, buf, buf + have, end && last,
                               off - have - p->start);
        memmove(buf, buf + used, have - used);
        have -= used;
        if (end) {
            p->end_in_record = have > 0;
            break;
        }
    }
    coda_free(buf);
}

void csv_scan(part *p)
{
    const load_ctx *ctx = p->ctx;
    int last = p->end == ctx->size;
    scan sc = { .p = p, .delim = ctx->delim };
    sc.stop[ctx->delim] = sc.stop['\r'] = sc.stop['\n'] = 1;
    p->end_in_record = 0;
    if (ctx->mem) {
        size_t len = p->end - p->start;
        size_t used = scan_buf(&sc, ctx->mem + p->start, ctx->mem + p->end,
                               last, 0);
        p->end_in_record = used < len;
    } else {
        scan_file(&sc, last);
    }
    coda_free(sc.f);
    coda_free(sc.tmp);
}
