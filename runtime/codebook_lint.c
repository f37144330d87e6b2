/* codebook_lint.c - what in a codebook is probably a mistake though it
 * compiles: a parent that is no code and looks like a slip, a pattern that
 * can match the empty string, and spaces that flag x takes out. */
#include "codebook_int.h"

#include "base_alloc.h"
#include "base_utf8.h"
#include "codebook_wordbound.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- parents ---------------------------------------------------------------- */

/* A code's name length and index, to sort names by length. */
typedef struct sized {
    size_t len, i;
} sized;

/* Every code's name as code points with ASCII letters lowered, in one
 * buffer: name i is cp[off[i] .. off[i + 1]). */
typedef struct names {
    unsigned *cp;
    size_t *off;
    sized *by_len;              /* by length, then index */
} names;

static size_t name_len(const names *nm, size_t i)
{
    return nm->off[i + 1] - nm->off[i];
}

static int by_len(const void *a, const void *b)
{
    const sized *x = a, *y = b;
    return x->len != y->len ? (x->len < y->len ? -1 : 1)
                            : (x->i > y->i) - (x->i < y->i);
}

static coda_status names_load(const coda_codebook *cb, names *nm)
{
    size_t total = 0;
    for (size_t i = 0; i < cb->n; i++)
        total += strlen(cb->codes[i].name);
    nm->cp = coda_malloc((total ? total : 1) * sizeof *nm->cp);
    nm->off = coda_malloc((cb->n + 1) * sizeof *nm->off);
    nm->by_len = coda_malloc((cb->n ? cb->n : 1) * sizeof *nm->by_len);
    if (!nm->cp || !nm->off || !nm->by_len)
        return CODA_ENOMEM;
    nm->off[0] = 0;
    for (size_t i = 0; i < cb->n; i++) {
        const char *s = cb->codes[i].name;
        size_t k = nm->off[i], len = strlen(s);
        for (size_t b = 0; b < len; k++) {
            b += coda_utf8_decode(s + b, len - b, &nm->cp[k]);
            nm->cp[k] += nm->cp[k] >= 'A' && nm->cp[k] <= 'Z' ? 'a' - 'A' : 0;
        }
        nm->off[i + 1] = k;
        nm->by_len[i] = (sized){ k - nm->off[i], i };
    }
    qsort(nm->by_len, cb->n, sizeof *nm->by_len, by_len);
    return CODA_OK;
}

static void names_free(names *nm)
{
    coda_free(nm->cp);
    coda_free(nm->off);
    coda_free(nm->by_len);
}

static int same(const unsigned *a, const unsigned *b, size_t n)
{
    return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}

/* 1 when a and b are at most one edit apart: a character inserted,
 * deleted or replaced, or two neighbours swapped. */
static int one_edit(const unsigned *a, size_t na, const unsigned *b,
                    size_t nb)
{
    if (na > nb)
        return one_edit(b, nb, a, na);
    size_t k = 0;
    while (k < na && a[k] == b[k])
        k++;
    if (na + 1 == nb)
        return same(a + k, b + k + 1, na - k);
    if (na != nb || k == na)
        return na == nb;
    return same(a + k + 1, b + k + 1, na - k - 1) ||
           (k + 1 < na && a[k] == b[k + 1] && a[k + 1] == b[k] &&
            same(a + k + 2, b + k + 2, na - k - 2));
}

/* 1 when a and b differ only in digits ("wave1", "wave2"): a series, not a
 * slip. */
static int digits_apart(const char *a, const char *b)
{
    if (strlen(a) != strlen(b))
        return 0;
    for (; *a; a++, b++)
        if (*a != *b && !(*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9'))
            return 0;
    return 1;
}

/* The first code (by index) that parent p without rows (4 letters or
 * more) is one edit from and that is more likely meant: one with rows of
 * its own, or the parent of more codes; else -1. */
static long slip_of(const coda_codebook *cb, const names *nm, size_t p)
{
    size_t n = name_len(nm, p), lo = 0, hi = cb->n;
    long best = -1;
    if (n < 4)
        return -1;
    while (lo < hi) {                   /* the first name of length n - 1 */
        size_t mid = lo + (hi - lo) / 2;
        if (nm->by_len[mid].len + 1 < n)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < cb->n; k++) {
        size_t q = nm->by_len[k].i, m = nm->by_len[k].len;
        const cb_code *c = &cb->codes[q];
        if (m > n + 1)
            break;
        if (q != p && (best < 0 || q < (size_t)best) &&
            (c->nrows > 0 || c->children > cb->codes[p].children) &&
            one_edit(nm->cp + nm->off[p], n, nm->cp + nm->off[q], m) &&
            !digits_apart(cb->codes[p].name, c->name))
            best = (long)q;
    }
    return best;
}

coda_status cb_find_slips(coda_codebook *cb)
{
    for (size_t i = 0; i < cb->n; i++)
        cb->codes[i].children = 0, cb->codes[i].slip = -1;
    for (size_t i = 0; i < cb->n; i++)
        if (cb->codes[i].parent >= 0)
            cb->codes[cb->codes[i].parent].children++;
    names nm = { 0 };
    coda_status st = names_load(cb, &nm);
    for (size_t p = 0; p < cb->n && st == CODA_OK; p++)
        if (cb->codes[p].nrows == 0 && cb->codes[p].children > 0)
            cb->codes[p].slip = slip_of(cb, &nm, p);
    names_free(&nm);
    return st;
}

int cb_lint_parent(const coda_codebook *cb, size_t i, char *msg, size_t size)
{
    long p = cb->codes[i].parent;
    if (p < 0 || cb->codes[p].nrows > 0)
        return 0;                       /* none, or a code of its own */
    const char *pn = cb->codes[p].name;
    if (cb->codes[p].slip >= 0) {
        snprintf(msg, size, "parent \"%s\" is not a code of the codebook; did "
                 "you mean \"%s\"?", pn, cb->codes[cb->codes[p].slip].name);
        return 1;
    }
    if (cb->codes[p].children > 1 ||
        strncmp(cb->codes[i].name, pn, strlen(pn)) == 0)
        return 0;                       /* a category its children make */
    snprintf(msg, size, "parent \"%s\" is not a code of the codebook and no "
             "other code names it (a misspelling? give it a row of its own "
             "to make it a category)", pn);
    return 1;
}

/* --- patterns ---------------------------------------------------------------- */

static const char *row_pattern(const coda_codebook *cb, size_t i, size_t j,
                               int exclude)
{
    const cb_row *r = &cb->codes[i].rows[j];
    return exclude ? r->exclude : r->pattern;
}

int cb_lint_empty(const coda_codebook *cb, size_t i, size_t j, int exclude,
                  char *msg, size_t size)
{
    const char *pat = row_pattern(cb, i, j, exclude);
    if (!cb->codes[i].rows[j].empty[exclude != 0])
        return 0;
    int k = coda_clip(pat, 200);
    snprintf(msg, size, "%s \"%.*s%s\" can match the empty string (as "
             "\"a|\", \"x*\" or a lone lookaround can), and coding takes no "
             "empty match: write what the code must find", exclude ?
             "exclude" : "pattern", k, pat, pat[k] ? "..." : "");
    return 1;
}

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* The first run of white space [*a, *b) in extended pattern p between two
 * literal word characters, which flag x joins; *w the start of the word
 * before it.  Returns 1 when there is one. */
static int dropped_space(const char *p, size_t *w, size_t *a, size_t *b)
{
    size_t len = strlen(p), word = 0;   /* word: start of the word + 1 */
    for (size_t i = 0; i < len;) {
        size_t j = coda_pattern_opaque(p, len, i, 1);
        if (j > i || !blank(p[i])) {
            int in = j == i && word_byte((unsigned char)p[i]);
            word = in ? (word ? word : i + 1) : 0;
            i = j > i ? j : i + 1;
            continue;
        }
        for (j = i; j < len && blank(p[j]); j++)
            ;
        if (word && j < len && word_byte((unsigned char)p[j])) {
            *w = word - 1, *a = i, *b = j;
            return 1;
        }
        word = 0;
        i = j;
    }
    return 0;
}

int cb_lint_spaces(const coda_codebook *cb, size_t i, size_t j, int exclude,
                   char *msg, size_t size)
{
    const char *pat = row_pattern(cb, i, j, exclude);
    size_t a, b, s, e;
    if (!(cb->codes[i].rows[j].fl & CB_EXTENDED) ||
        !dropped_space(pat, &s, &a, &b))
        return 0;
    for (e = b; pat[e] && word_byte((unsigned char)pat[e]); e++)
        ;
    int w1 = (int)(a - s), w2 = (int)(e - b);
    snprintf(msg, size, "flag x ignores the space in %s\"%.*s%.*s%.*s\" (it "
             "matches \"%.*s%.*s\"); write \"%.*s\\ %.*s\" or \"%.*s\\s+%.*s\"",
             exclude ? "the exclude's " : "", w1, pat + s, (int)(b - a),
             pat + a, w2, pat + b, w1, pat + s, w2, pat + b, w1, pat + s, w2,
             pat + b, w1, pat + s, w2, pat + b);
    return 1;
}

/* --- as warnings of the codebook --------------------------------------------- */

static coda_status warn_code(coda_codebook *cb, size_t i, long line,
                             const char *msg)
{
    char buf[1400];
    snprintf(buf, sizeof buf, "code \"%s\" (line %ld): %s", cb->codes[i].name,
             line, msg);
    return cb_add_warning(cb, buf);
}

coda_status cb_lint_warn(coda_codebook *cb)
{
    char msg[1024];
    coda_status st = CODA_OK;
    for (size_t i = 0; i < cb->n && st == CODA_OK; i++) {
        const cb_code *c = &cb->codes[i];
        if (cb_lint_parent(cb, i, msg, sizeof msg))
            st = warn_code(cb, i, c->line, msg);
        for (size_t j = 0; j < c->nrows && st == CODA_OK; j++)
            for (int x = 0; x < 2 && st == CODA_OK; x++) {
                if (cb_lint_empty(cb, i, j, x, msg, sizeof msg))
                    st = warn_code(cb, i, c->rows[j].line, msg);
                if (st == CODA_OK && cb_lint_spaces(cb, i, j, x, msg,
                                                    sizeof msg))
                    st = warn_code(cb, i, c->rows[j].line, msg);
            }
    }
    return st;
}
