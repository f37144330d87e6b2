/* qdpx_text.c - what .qdpx exchange needs of text: code point offsets,
 * GUIDs, times, the store's text normalisation, and the model's memory. */
#include "qdpx_int.h"

#include "base_alloc.h"
#include "base_uuid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

int64_t coda_qx_chars(const char *s, size_t len)
{
    int64_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += !cont((unsigned char)s[i]);
    return n;
}

int64_t coda_qx_char_to_byte(const char *s, size_t len, int64_t pos)
{
    if (pos < 0)
        return -1;
    int64_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (cont((unsigned char)s[i]))
            continue;
        if (n++ == pos)
            return (int64_t)i;
    }
    return n == pos ? (int64_t)len : -1;
}

int64_t coda_qx_byte_to_char(const char *s, size_t len, size_t off)
{
    if (off > len || (off < len && cont((unsigned char)s[off])))
        return -1;
    return coda_qx_chars(s, off);
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int coda_qx_guid(const char *s, char out[37])
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    int braces = n == 38 && s[0] == '{' && s[37] == '}';
    if (n != 36 && !braces)
        return 0;
    s += braces;
    for (int i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : hexval((unsigned char)s[i]) < 0)
            return 0;
        out[i] = dash ? '-' : "0123456789abcdef"[hexval((unsigned char)s[i])];
    }
    out[36] = '\0';
    return 1;
}

/* coda's project namespace: the v5 UUID of "urn:coda:project" in the
 * codebook namespace (computed once; the same bytes every time). */
static void project_ns(uint8_t ns[16])
{
    char s[37];
    coda_uuid5(coda_uuid_ns_codebook, "urn:coda:project", 16, s);
    for (int i = 0, k = 0; i < 36; i++)
        if (s[i] != '-') {
            ns[k / 2] = (uint8_t)(k % 2 ? ns[k / 2] | hexval(s[i])
                                        : hexval(s[i]) << 4);
            k++;
        }
}

void coda_qx_guid_of(const char *kind, const char *key, size_t keylen,
                     char out[37])
{
    uint8_t ns[16];
    project_ns(ns);
    size_t k = strlen(kind);
    char small[256];
    char *buf = k + 1 + keylen <= sizeof small ? small
              : coda_malloc(k + 1 + keylen);
    if (!buf) {                 /* out of memory: hash the key alone */
        coda_uuid5(ns, key, keylen, out);
        return;
    }
    memcpy(buf, kind, k);
    buf[k] = ':';
    memcpy(buf + k + 1, key, keylen);
    coda_uuid5(ns, buf, k + 1 + keylen, out);
    if (buf != small)
        coda_free(buf);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long long days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

int coda_qx_time(const char *s, char out[21])
{
    int y, mo, d, h, mi, se, n = 0;
    char t;
    if (!s || sscanf(s, "%4d-%2d-%2d%c%2d:%2d:%2d%n", &y, &mo, &d, &t, &h,
                     &mi, &se, &n) != 7 || (t != 'T' && t != ' ') ||
        mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
        return 0;
    const char *p = s + n;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
    long off = 0;
    if (*p == '+' || *p == '-') {
        int oh, om, k = 0;
        if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &k) != 2 || k != 5)
            return 0;
        off = (*p == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
        p += 6;
    } else if (*p == 'Z')
        p++;
    if (*p)
        return 0;
    long long secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60
                     + se - off;
    time_t tt = (time_t)secs;
    struct tm tm;
    if (!gmtime_r(&tt, &tm))
        return 0;
    return strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 20;
}

int coda_qx_text_norm(char *s, size_t *len, int64_t **cut, size_t *ncut)
{
    size_t n = *len, w = 0, k = 0, cap = 0;
    int64_t chars = 0, *c = NULL;
    for (size_t r = 0; r < n; r++) {
        int bom = r == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
        int cr = s[r] == '\r' && r + 1 < n && s[r + 1] == '\n';
        if (bom || cr) {
            int64_t *g = k == cap ? coda_reallocarray(c, cap = cap * 2 + 8,
                                                      sizeof *c) : c;
            if (!g) {
                coda_free(c);
                return 0;
            }
            c = g;
            c[k++] = chars++;
            r += bom ? 2 : 0;
            continue;
        }
        chars += !cont((unsigned char)s[r]);
        s[w++] = s[r];
    }
    s[w] = '\0';
    *len = w;
    *cut = c;
    *ncut = k;
    return 1;
}

int64_t coda_qx_shift(const int64_t *cut, size_t ncut, int64_t pos)
{
    size_t lo = 0, hi = ncut;           /* how many cuts lie before pos */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cut[mid] < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return pos - (int64_t)lo;
}

long coda_qx_xml_bad(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return (long)i;
    }
    return -1;
}

/* --- the model's memory -------------------------------------------------- */

void *coda_qx_push(void *arr, size_t *n, size_t *cap, size_t size)
{
    void **a = arr;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        void *g = coda_reallocarray(*a, c, size);
        if (!g)
            return NULL;
        *a = g;
        *cap = c;
    }
    char *e = (char *)*a + (*n)++ * size;
    memset(e, 0, size);
    return e;
}

char *coda_qx_dup(const char *s, int *ok)
{
    if (!s)
        return NULL;
    char *d = coda_strndup(s, strlen(s));
    if (!d)
        *ok = 0;
    return d;
}

void coda_qx_model_free(coda_qx_model *m)
{
    coda_free(m->name);
    for (size_t i = 0; i < m->nusers; i++)
        coda_free(m->users[i].guid), coda_free(m->users[i].name);
    for (size_t i = 0; i < m->ncodes; i++) {
        coda_qx_code *c = &m->codes[i];
        coda_free(c->guid), coda_free(c->name), coda_free(c->desc);
        coda_free(c->color);
    }
    for (size_t i = 0; i < m->nsrcs; i++) {
        coda_qx_src *s = &m->srcs[i];
        coda_free(s->guid), coda_free(s->name), coda_free(s->path);
        coda_free(s->text), coda_free(s->user), coda_free(s->time);
    }
    for (size_t i = 0; i < m->nsels; i++) {
        coda_qx_sel *s = &m->sels[i];
        coda_free(s->guid), coda_free(s->user), coda_free(s->time);
    }
    for (size_t i = 0; i < m->ncods; i++) {
        coda_qx_coding *c = &m->cods[i];
        coda_free(c->guid), coda_free(c->code), coda_free(c->user);
        coda_free(c->time);
    }
    for (size_t i = 0; i < m->nvars; i++)
        coda_free(m->vars[i].guid), coda_free(m->vars[i].name);
    for (size_t i = 0; i < m->nvals; i++)
        coda_free(m->vals[i].value);
    for (size_t i = 0; i < m->nnotes; i++) {
        coda_qx_note *t = &m->notes[i];
        coda_free(t->guid), coda_free(t->name), coda_free(t->text);
        coda_free(t->user), coda_free(t->time), coda_free(t->path);
    }
    coda_free(m->users), coda_free(m->codes), coda_free(m->srcs);
    coda_free(m->sels), coda_free(m->cods), coda_free(m->vars);
    coda_free(m->vals), coda_free(m->notes), coda_free(m->refs);
    memset(m, 0, sizeof *m);
}

/* --- GUID indexes ------------------------------------------------------ */

static int gix_cmp(const void *a, const void *b)
{
    const coda_qx_gix *p = a, *q = b;
    int c = strcmp(p->guid, q->guid);
    return c ? c : (p->i > q->i) - (p->i < q->i);
}

int coda_qx_index(const void *base, size_t n, size_t size, size_t off,
                  coda_qx_gix **out, long *dup)
{
    *out = NULL;
    if (dup)
        *dup = -1;
    if (!n)
        return 1;
    coda_qx_gix *ix = coda_reallocarray(NULL, n, sizeof *ix);
    if (!ix)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const char *e = (const char *)base + i * size + off;
        memcpy(&ix[i].guid, e, sizeof ix[i].guid);
        ix[i].i = i;
    }
    qsort(ix, n, sizeof *ix, gix_cmp);
    for (size_t i = 1; i < n && dup; i++)
        if (strcmp(ix[i - 1].guid, ix[i].guid) == 0 && *dup < 0)
            *dup = (long)ix[i].i;
    *out = ix;
    return 1;
}

long coda_qx_find(const coda_qx_gix *ix, size_t n, const char *g)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix[mid].guid, g) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(ix[lo].guid, g) == 0 ? (long)ix[lo].i : -1;
}
