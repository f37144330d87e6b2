/* codebook_lint.c - what in a codebook is probably a mistake though it
 * compiles: a parent that is no code and looks like a slip, a pattern that
 * can match the empty string, and spaces that flag x takes out. */
#include "codebook_int.h"

#include "utf8.h"
#include "wordbound.h"

#include <stdio.h>
#include <string.h>

/* --- parents ---------------------------------------------------------------- */

/* How many codes have code p as their parent. */
static size_t children(const coda_codebook *cb, size_t p)
{
    size_t n = 0;
    for (size_t k = 0; k < cb->n; k++)
        n += cb->codes[k].parent == (long)p;
    return n;
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

/* The code whose name is an edit from implicit parent p's (4 letters or
 * more) and that is more likely meant: one with rows of its own, or a
 * parent of more codes; else -1. */
static long slip_of(const coda_codebook *cb, size_t p)
{
    const char *name = cb->codes[p].name;
    size_t n = strlen(name), kids = children(cb, p);
    if (coda_utf8_distance(name, n, "", 0, 3) < 4)
        return -1;                      /* under 4 letters: too short */
    for (size_t q = 0; q < cb->n; q++) {
        const char *o = cb->codes[q].name;
        size_t m = strlen(o);
        if (q == p || m > n + 4 || n > m + 4 ||
            coda_utf8_distance(name, n, o, m, 1) > 1 || digits_apart(name, o))
            continue;
        if (cb->codes[q].nrows > 0 || children(cb, q) > kids)
            return (long)q;
    }
    return -1;
}

int cb_lint_parent(const coda_codebook *cb, size_t i, char *msg, size_t size)
{
    long p = cb->codes[i].parent;
    if (p < 0 || cb->codes[p].nrows > 0)
        return 0;                       /* none, or a code of its own */
    const char *pn = cb->codes[p].name;
    long q = slip_of(cb, (size_t)p);
    if (q >= 0) {
        snprintf(msg, size, "parent \"%s\" is not a code of the codebook; did "
                 "you mean \"%s\"?", pn, cb->codes[q].name);
        return 1;
    }
    if (children(cb, (size_t)p) > 1 ||
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
