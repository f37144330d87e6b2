/* codebook_prefilter.c - the literals a code requires (every match of the code
 * contains one of them), read from its patterns, and the one pass over a
 * unit (codebook_literals.h) that tells the coder which codes it need not run.
 *
 * Soundness is all that matters: a code may get no literals (it then runs
 * on every unit), but a unit without any of a code's literals must never
 * hold a match of it.  The reading below therefore understands a small part
 * of PCRE2's syntax and gives up (no prefilter for the code) on anything
 * else: inline options, verbs such as (*ACCEPT), conditionals, recursion,
 * callouts, comments, flag x, unknown escapes, unusual braces.
 *
 * What a sub-pattern tells (a node):
 *   exact  a small set of strings it matches exactly (every match of it is
 *          one of them), or unknown;
 *   req    a set of strings of LIT_MIN bytes or more, one of which every
 *          match of it contains, or none.
 * A character is exact; an escape like \d, a class, ., a back-reference
 * are opaque: they match some text we do not know, maybe empty, so they
 * only cut the runs of exact characters around them.  Zero-width items
 * (\b, ^, $, lookarounds) are exactly "" and do not cut a run: the text
 * matched on either side is adjacent.  A positive lookaround's content lies
 * inside the unit too, so what it requires the unit must contain.  A
 * sequence multiplies the exact sets of its items into runs; every run it
 * finishes, and every item's req, is a candidate req of the sequence, and
 * the best candidate wins.  An alternation needs one from each branch: the
 * union of their reqs.
 *
 * Case: a caseless row's ASCII letters are lowered; the automaton folds
 * the unit's ASCII letters to match.  With UTF and UCP, PCRE2 also folds k
 * with U+212A KELVIN SIGN and s with U+017F LONG S (its only non-ASCII
 * partners of ASCII characters), so a unit holding either is scanned with
 * them replaced by k and s.  The Indic blocks U+0900-U+0DFF have no case,
 * so their characters are exact in caseless rows too; any other non-ASCII
 * character of a caseless row is opaque.  In a case-sensitive row every
 * character is exact except U+212A and U+017F (the replacement would hide
 * them), and the automaton checks such a literal's own bytes. */
#include "codebook_prefilter.h"

#include "base_alloc.h"
#include "codebook_literals.h"

#include <string.h>

enum {
    LIT_MIN = 3,            /* shortest literal worth scanning for (bytes) */
    PRODUCT_MAX = 16,       /* most strings in an exact set */
    UNION_MAX = 1024,       /* most strings in a req set */
    SCORE_CAP = 8,          /* literals this long are all good enough */
    DEPTH_MAX = 100         /* deepest group read */
};

typedef struct str {
    const char *p;
    size_t n;
} str;

typedef struct set {
    size_t n;               /* 0: unknown (exact) or none (req) */
    const str *v;
} set;

typedef struct node {
    set exact, req;
    size_t max;             /* bytes a match of it spans at most (INF) */
} node;

#define INF SIZE_MAX

static size_t add_max(size_t a, size_t b)
{
    return a == INF || b == INF || a + b < a ? INF : a + b;
}

/* n copies of an item of at most m bytes (n INF: unbounded). */
static size_t times_max(size_t m, unsigned long n)
{
    if (m == 0 || n == 0)
        return 0;
    return m == INF || n == INF || m > INF / n ? INF : m * n;
}

static const str empty_str[1] = { { "", 0 } };
static const set NONE = { 0, NULL };
static const set EMPTY = { 1, empty_str };    /* exactly "" */

/* The reading of one pattern; blocks it allocated are freed together. */
typedef struct reader {
    const char *p;
    size_t i, n;
    int caseless, quote, depth;
    int bad, nomem;         /* a construct we do not read; out of memory */
    void **blk;
    size_t nblk, cap;
} reader;

static void *grab(reader *x, size_t size)
{
    if (x->nomem)
        return NULL;
    if (x->nblk == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 32;
        void **b = coda_reallocarray(x->blk, cap, sizeof *b);
        if (!b) {
            x->nomem = 1;
            return NULL;
        }
        x->blk = b;
        x->cap = cap;
    }
    void *p = coda_malloc(size ? size : 1);
    if (!p)
        x->nomem = 1;
    else
        x->blk[x->nblk++] = p;
    return p;
}

static void release(reader *x)
{
    for (size_t k = 0; k < x->nblk; k++)
        coda_free(x->blk[k]);
    coda_free(x->blk);
    x->blk = NULL;
    x->nblk = x->cap = 0;
}

/* --- sets ---------------------------------------------------------------- */

static int has(const str *v, size_t n, str s)
{
    for (size_t k = 0; k < n; k++)
        if (v[k].n == s.n && !memcmp(v[k].p, s.p, s.n))
            return 1;
    return 0;
}

static int valid(set s)
{
    for (size_t k = 0; k < s.n; k++)
        if (s.v[k].n < LIT_MIN)
            return 0;
    return s.n > 0;
}

/* Longer shortest literal first (up to SCORE_CAP), then fewer literals. */
static long score(set s)
{
    if (!valid(s))
        return -1;
    size_t m = SCORE_CAP;
    for (size_t k = 0; k < s.n; k++)
        m = s.v[k].n < m ? s.v[k].n : m;
    return (long)m * 1024 - (long)s.n;
}

static void consider(set *best, set cand)
{
    if (score(cand) > score(*best))
        *best = cand;
}

/* a then b for every pair, NONE when over PRODUCT_MAX strings. */
static set product(reader *x, set a, set b)
{
    if (a.n == 1 && a.v[0].n == 0)
        return b;
    if (b.n == 1 && b.v[0].n == 0)
        return a;
    if (!a.n || !b.n || a.n * b.n > PRODUCT_MAX)
        return NONE;
    str *v = grab(x, a.n * b.n * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; v && i < a.n; i++)
        for (size_t j = 0; j < b.n; j++) {
            char *p = grab(x, a.v[i].n + b.v[j].n);
            if (!p)
                return NONE;
            memcpy(p, a.v[i].p, a.v[i].n);
            memcpy(p + a.v[i].n, b.v[j].p, b.v[j].n);
            str s = { p, a.v[i].n + b.v[j].n };
            if (!has(v, n, s))
                v[n++] = s;
        }
    return v ? (set){ n, v } : NONE;
}

/* The strings of v[0..n) without repeats, NONE when over max. */
static set distinct(reader *x, const str *v, size_t n, size_t max)
{
    str *d = n ? grab(x, n * sizeof *d) : NULL;
    size_t k = 0;
    for (size_t i = 0; d && i < n; i++)
        if (!has(d, k, v[i]))
            d[k++] = v[i];
    return d && k <= max ? (set){ k, d } : NONE;
}

/* a or b (for small exact sets), NONE when either is NONE or the union is
 * over PRODUCT_MAX strings. */
static set unite(reader *x, set a, set b)
{
    if (!a.n || !b.n || a.n + b.n > 2 * PRODUCT_MAX)
        return NONE;
    str v[2 * PRODUCT_MAX];
    memcpy(v, a.v, a.n * sizeof *v);
    memcpy(v + a.n, b.v, b.n * sizeof *v);
    return distinct(x, v, a.n + b.n, PRODUCT_MAX);
}

/* A growing list of strings; a long alternation appends each branch's
 * literals to it. */
typedef struct list {
    str *v;
    size_t n, cap;
} list;

/* Append s to l; 0 when l would pass UNION_MAX (or out of memory). */
static int append(reader *x, list *l, set s)
{
    if (l->n + s.n > UNION_MAX)
        return 0;
    if (l->n + s.n > l->cap) {
        size_t cap = (l->n + s.n) * 2;
        str *v = grab(x, cap * sizeof *v);
        if (!v)
            return 0;
        if (l->n)                       /* the old block stays with x */
            memcpy(v, l->v, l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    memcpy(l->v + l->n, s.v, s.n * sizeof *s.v);
    l->n += s.n;
    return 1;
}

/* --- reading ------------------------------------------------------------- */

static node read_alt(reader *x);

static int at(const reader *x, size_t k, char c)
{
    return x->i + k < x->n && x->p[x->i + k] == c;
}

static int is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Move past the first close at or after x->i + from; bad when none. */
static void skip_past(reader *x, size_t from, char close)
{
    const char *e = memchr(x->p + x->i + from, close, x->n - x->i - from);
    if (!e)
        x->bad = 1;
    else
        x->i = (size_t)(e - x->p) + 1;
}

/* One character as an atom: exact (ASCII lowered when caseless) or, where
 * case folding could change it, opaque (see the file comment). */
static void char_atom(reader *x, node *it)
{
    unsigned char c = (unsigned char)x->p[x->i];
    size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (x->i + k > x->n) {
        x->bad = 1;
        return;
    }
    const unsigned char *u = (const unsigned char *)x->p + x->i;
    /* Indic: U+0900..U+0DFF is E0 A4 80 .. E0 B7 BF */
    int indic = k == 3 && u[0] == 0xE0 && u[1] >= 0xA4 && u[1] <= 0xB7;
    int folds = (k == 3 && u[0] == 0xE2 && u[1] == 0x84 && u[2] == 0xAA) ||
                (k == 2 && u[0] == 0xC5 && u[1] == 0xBF);
    x->i += k;
    if (folds || (k > 1 && x->caseless && !indic))
        return;                                 /* opaque */
    char *p = grab(x, k);
    str *v = grab(x, sizeof *v);
    if (!p || !v)
        return;
    memcpy(p, u, k);
    if (x->caseless && c >= 'A' && c <= 'Z')
        p[0] = (char)(c - 'A' + 'a');
    v[0] = (str){ p, k };
    it->exact = (set){ 1, v };
}

/* \x.., \o{..}, \p.., \g.., \k..: move past their argument (opaque). */
static void escape_arg(reader *x, char c)
{
    if (at(x, 0, '{') && c != 'N')
        skip_past(x, 0, '}');
    else if (c == 'N' && at(x, 0, '{') && at(x, 1, 'U'))
        skip_past(x, 0, '}');                   /* \N{U+hh}; else \N{3} */
    else if (c == 'x')
        for (int k = 0; k < 2 && x->i < x->n &&
             strchr("0123456789abcdefABCDEF", x->p[x->i]); k++)
            x->i++;
    else if ((c == 'p' || c == 'P') && x->i < x->n && is_word(x->p[x->i]))
        x->i++;
    else if ((c == 'g' || c == 'k') && at(x, 0, '<'))
        skip_past(x, 0, '>');
    else if ((c == 'g' || c == 'k') && at(x, 0, '\''))
        skip_past(x, 1, '\'');
    else if (c == 'g') {
        x->i += at(x, 0, '-') || at(x, 0, '+');
        if (x->i >= x->n || !is_digit(x->p[x->i]))
            x->bad = 1;
        while (x->i < x->n && is_digit(x->p[x->i]))
            x->i++;
    } else if (c != 'x' && c != 'N')
        x->bad = 1;                             /* \o, \p, \k without one */
}

/* A backslash sequence outside a class. */
static void escape(reader *x, node *it)
{
    char c = x->i + 1 < x->n ? x->p[x->i + 1] : '\0';
    if (c && (unsigned char)c < 0x80 && !is_word(c)) {
        x->i++;                                 /* \. \- \\ ...: literal */
        char_atom(x, it);
        return;
    }
    x->i += 2;
    it->max = c == 'X' || is_digit(c) || c == 'g' || c == 'k' ? INF
              : c == 'R' ? 8 : 4;               /* \X, references; CRLF */
    if (c && strchr("bBAzZGK", c))
        it->exact = EMPTY, it->max = 0;         /* zero-width */
    else if (c == 'Q' && x->i < x->n && !at(x, 0, '\\'))
        x->quote = 1, char_atom(x, it);         /* \Q\E: we give up */
    else if (is_digit(c))
        while (x->i < x->n && is_digit(x->p[x->i]))
            x->i++;                             /* back-reference or octal */
    else if (c == 'c' && x->i < x->n && (unsigned char)x->p[x->i] < 0x80)
        x->i++;
    else if (c && strchr("xopPgkN", c))
        escape_arg(x, c);
    else if (!c || !strchr("dDwWsShHvVRXCaefnrt", c))
        x->bad = 1;                             /* \E alone, \Q at the end,
                                                   anything unknown */
}

/* [...]: opaque; we only need its end.  A ] first is literal; POSIX
 * [:name:] is read as PCRE2 reads it; [. and [= we leave alone. */
static void skip_class(reader *x)
{
    size_t i = x->i + 1;
    const char *p = x->p;
    i += i < x->n && p[i] == '^';
    i += i < x->n && p[i] == ']';
    while (i < x->n && p[i] != ']' && !x->bad) {
        if (p[i] == '\\' && i + 1 < x->n && p[i + 1] == 'Q') {
            const char *e = strstr(p + i + 2, "\\E");
            i = e ? (size_t)(e - p) + 2 : x->n;
        } else if (p[i] == '\\')
            i += 2;
        else if (p[i] == '[' && i + 1 < x->n && p[i + 1] == ':') {
            size_t k = i + 2;
            while (k < x->n && ((p[k] >= 'a' && p[k] <= 'z') || p[k] == '^'))
                k++;
            x->bad = !(k + 1 < x->n && p[k] == ':' && p[k + 1] == ']');
            i = k + 2;
        } else if (p[i] == '[' && i + 1 < x->n && strchr(".=", p[i + 1]))
            x->bad = 1;
        else
            i++;
    }
    if (i >= x->n)
        x->bad = 1;
    x->i = i + 1;
}

enum { GROUP, LOOK_YES, LOOK_NO };

/* What opens a group: its kind, and x->i moved past the opening; bad for
 * anything but (...), (?:, (?|, (?>, named groups and lookarounds. */
static int group_open(reader *x)
{
    x->i++;
    if (!at(x, 0, '?')) {
        x->bad = at(x, 0, '*');                 /* (*VERB) */
        return GROUP;
    }
    char c = x->i + 1 < x->n ? x->p[x->i + 1] : '\0';
    char d = x->i + 2 < x->n ? x->p[x->i + 2] : '\0';
    x->i += 2;
    if (c == ':' || c == '|' || c == '>')
        return GROUP;
    if (c == '=' || c == '!')
        return c == '=' ? LOOK_YES : LOOK_NO;
    if (c == '<' && (d == '=' || d == '!')) {
        x->i++;
        return d == '=' ? LOOK_YES : LOOK_NO;
    }
    if (c == 'P' && d == '<')
        x->i++, c = '<';
    if (c != '<' && c != '\'') {
        x->bad = 1;                             /* options, (?#, (?R, ... */
        return GROUP;
    }
    while (x->i < x->n && is_word(x->p[x->i]))
        x->i++;                                 /* the group's name */
    x->bad = !at(x, 0, c == '<' ? '>' : '\'');
    x->i++;
    return GROUP;
}

static void group(reader *x, node *it)
{
    int kind = group_open(x);
    if (x->bad || ++x->depth > DEPTH_MAX) {
        x->bad = 1;
        return;
    }
    node in = read_alt(x);
    x->depth--;
    if (!at(x, 0, ')')) {
        x->bad = 1;
        return;
    }
    x->i++;
    if (kind == GROUP)
        *it = in;
    else
        *it = (node){ EMPTY, kind == LOOK_YES ? in.req : NONE,
                      kind == LOOK_YES ? INF : 0 };     /* literal outside */
}

/* One item (character, escape, class, group...); opaque unless said. */
static void read_atom(reader *x, node *it)
{
    *it = (node){ NONE, NONE, 4 };              /* one character */
    if (x->quote) {
        x->bad = at(x, 0, '\\') && at(x, 1, 'E');   /* eaten after an atom */
        if (!x->bad)
            char_atom(x, it);
        return;
    }
    switch (x->p[x->i]) {
    case '(': group(x, it); break;
    case '[': skip_class(x); break;
    case '.': x->i++; break;
    case '^': case '$': x->i++; it->exact = EMPTY; it->max = 0; break;
    case '\\': escape(x, it); break;
    case '?': case '*': case '+': case '{': x->bad = 1; break;
    default: char_atom(x, it);
    }
}

/* Read decimal digits at x->i into *v (saturating); 0 when none. */
static int number(reader *x, unsigned long *v)
{
    size_t start = x->i;
    *v = 0;
    for (; x->i < x->n && is_digit(x->p[x->i]); x->i++)
        *v = *v > 100000 ? *v : *v * 10 + (unsigned long)(x->p[x->i] - '0');
    return x->i > start;
}

/* {n}, {n,} or {n,m} at x->i: its minimum, its maximum in *most (INF
 * when open or too big to read) and whether it is {1} or {1,1}; any other
 * brace (PCRE2 versions differ on {,m} and spaces) is bad. */
static unsigned long braces(reader *x, int *once, size_t *most)
{
    unsigned long lo, hi = 0;
    x->i++;
    int ok = number(x, &lo), open = 0, has_hi = 0;
    if (ok && at(x, 0, ',')) {
        x->i++;
        has_hi = number(x, &hi);
        open = !has_hi;
    }
    if (!ok || !at(x, 0, '}') || (has_hi && hi < lo)) {
        x->bad = 1;
        return 0;
    }
    x->i++;
    *once = lo == 1 && !open && (!has_hi || hi == 1);
    hi = has_hi ? hi : lo;
    *most = open || hi > 100000 ? INF : (size_t)hi;
    return lo;
}

/* The quantifier after an item, if any: its minimum count, its maximum
 * in *most (INF: unbounded), and *once when the item occurs exactly once.
 * \E ends a quote first (a quantifier after it applies to the last quoted
 * character). */
static unsigned long quantifier(reader *x, int *once, size_t *most)
{
    *once = 1;
    *most = 1;
    if (x->quote) {
        if (!at(x, 0, '\\') || !at(x, 1, 'E'))
            return 1;
        x->quote = 0;
        x->i += 2;
    }
    unsigned long min = 1;
    if (at(x, 0, '?') || at(x, 0, '*'))
        min = 0, *once = 0, *most = at(x, 0, '?') ? 1 : INF, x->i++;
    else if (at(x, 0, '+'))
        *once = 0, *most = INF, x->i++;
    else if (at(x, 0, '{'))
        min = braces(x, once, most);
    else
        return 1;
    x->i += at(x, 0, '+') || at(x, 0, '?');    /* possessive, lazy */
    return min;
}

/* Add item it, with its quantifier, to a sequence: run is the exact run
 * being built, best the best candidate so far, *exact whether the whole
 * sequence is still exactly known.  An optional item ends the run; a
 * repeated one ends it after one copy and starts the next with one copy
 * (the copies in between are unknown). */
static void add_item(reader *x, node it, unsigned long min, int once,
                     set *run, set *best, int *exact)
{
    if (min == 0) {
        consider(best, *run);
        *run = EMPTY;
        *exact = 0;
        return;
    }
    consider(best, it.req);
    set pr = it.exact.n ? product(x, *run, it.exact) : NONE;
    if (once && pr.n) {
        *run = pr;
        return;
    }
    *exact = 0;
    consider(best, pr.n ? pr : *run);
    *run = it.exact.n ? it.exact : EMPTY;
}

/* Items up to | or ) or the end. */
static node read_seq(reader *x)
{
    set run = EMPTY, best = NONE;
    int exact = 1;
    size_t max = 0, most = 1;
    while (x->i < x->n && !x->bad && !x->nomem &&
           (x->quote || (x->p[x->i] != '|' && x->p[x->i] != ')'))) {
        node it;
        int once = 1;
        read_atom(x, &it);
        unsigned long min = x->bad ? 1 : quantifier(x, &once, &most);
        if (!x->bad)
            add_item(x, it, min, once, &run, &best, &exact);
        max = add_max(max, times_max(it.max, most));
    }
    consider(&best, run);
    return (node){ exact ? run : NONE, best, max };
}

/* Branches separated by |: exactly one of their strings, and one of each
 * branch's requirements. */
static node read_alt(reader *x)
{
    node acc = read_seq(x);
    list reqs = { 0 };
    int ok = valid(acc.req) && append(x, &reqs, acc.req);
    while (at(x, 0, '|') && !x->bad && !x->nomem) {
        x->i++;
        node b = read_seq(x);
        acc.exact = acc.exact.n && b.exact.n ? unite(x, acc.exact, b.exact)
                                             : NONE;
        ok = ok && valid(b.req) && append(x, &reqs, b.req);
        acc.max = b.max > acc.max ? b.max : acc.max;
    }
    acc.req = ok ? distinct(x, reqs.v, reqs.n, UNION_MAX) : NONE;
    return acc;
}

/* --- a code's literals ---------------------------------------------------- */

void cb_drop_literals(cb_code *c)
{
    for (size_t j = 0; j < c->nlits; j++)
        coda_free(c->lits[j].s);
    coda_free(c->lits);
    c->lits = NULL;
    c->nlits = 0;
    c->span = INF;
}

static coda_status keep(cb_code *c, set req, int caseless)
{
    cb_lit *v = coda_reallocarray(c->lits, c->nlits + req.n, sizeof *v);
    if (!v)
        return CODA_ENOMEM;
    c->lits = v;
    for (size_t k = 0; k < req.n; k++) {
        char *s = coda_strndup(req.v[k].p, req.v[k].n);
        if (!s)
            return CODA_ENOMEM;
        c->lits[c->nlits++] = (cb_lit){ s, req.v[k].n, caseless };
    }
    return CODA_OK;
}

/* Add row r's literals to c; *ok = 0 when the row yields none. */
static coda_status row_literals(cb_code *c, const cb_row *r, int *ok)
{
    reader x = { 0 };
    x.p = r->pattern;
    x.n = strlen(r->pattern);
    x.caseless = (r->fl & CB_CASELESS) != 0;
    x.bad = (r->fl & CB_EXTENDED) != 0;         /* spaces, # comments */
    node nd = x.bad ? (node){ NONE, NONE, INF } : read_alt(&x);
    *ok = !x.bad && !x.nomem && x.i == x.n && valid(nd.req);
    coda_status st = x.nomem ? CODA_ENOMEM : CODA_OK;
    if (*ok && (c->nlits == 0 || nd.max > c->span))
        c->span = nd.max;
    if (*ok)
        st = keep(c, nd.req, x.caseless);
    release(&x);
    return st;
}

coda_status cb_prefilter_derive(cb_code *c)
{
    int ok = 1;
    cb_drop_literals(c);
    for (size_t j = 0; j < c->nrows && ok; j++) {
        if (!c->rows[j].pattern[0])
            continue;
        if (row_literals(c, &c->rows[j], &ok) != CODA_OK) {
            cb_drop_literals(c);
            return CODA_ENOMEM;
        }
    }
    if (!ok)
        cb_drop_literals(c);
    return CODA_OK;
}

/* --- the codebook's automaton and the scan -------------------------------- */

coda_status cb_prefilter_build(coda_codebook *cb)
{
    coda_literals_free(cb->lits);
    cb->lits = coda_literals_new();
    coda_status st = cb->lits ? CODA_OK : CODA_ENOMEM;
    for (size_t i = 0; i < cb->n && st == CODA_OK; i++)
        for (size_t k = 0; k < cb->codes[i].nlits && st == CODA_OK; k++) {
            const cb_lit *l = &cb->codes[i].lits[k];
            st = coda_literals_add(cb->lits, l->s, l->n, l->caseless,
                                   (uint32_t)i);
        }
    if (st == CODA_OK)
        st = coda_literals_build(cb->lits);
    if (st != CODA_OK) {
        coda_literals_free(cb->lits);
        cb->lits = NULL;                /* every code runs everywhere */
    }
    return st == CODA_ELIMIT ? CODA_OK : st;
}

void cb_scan_free(cb_scan *sc)
{
    coda_free(sc->hit);
    coda_free(sc->fold);
    memset(sc, 0, sizeof *sc);
}

/* s with U+212A and U+017F replaced by k and s (into sc->fold), or s
 * itself when it holds neither; NULL when out of memory. */
static const char *fold_ks(cb_scan *sc, const char *s, size_t *len)
{
    if (!memmem(s, *len, "\xE2\x84\xAA", 3) && !memmem(s, *len, "\xC5\xBF", 2))
        return s;
    if (*len + 1 > sc->cap) {
        char *p = coda_realloc(sc->fold, *len + 1);
        if (!p)
            return NULL;
        sc->fold = p;
        sc->cap = *len + 1;
    }
    size_t n = 0;
    for (size_t i = 0; i < *len;) {
        int kelvin = i + 3 <= *len && !memcmp(s + i, "\xE2\x84\xAA", 3);
        int longs = i + 2 <= *len && !memcmp(s + i, "\xC5\xBF", 2);
        sc->fold[n++] = kelvin ? 'k' : longs ? 's' : s[i];
        i += kelvin ? 3 : longs ? 2 : 1;
    }
    *len = n;
    return sc->fold;
}

coda_status cb_prefilter_scan(const coda_codebook *cb, const char *s,
                              size_t len, int ascii, cb_scan *sc)
{
    if (!sc->hit && !(sc->hit = coda_malloc(cb->n ? cb->n : 1)))
        return CODA_ENOMEM;
    memset(sc->hit, !cb->lits, cb->n);
    if (!cb->lits)
        return CODA_OK;
    if (!ascii && !(s = fold_ks(sc, s, &len)))
        return CODA_ENOMEM;
    coda_literals_scan(cb->lits, s, len, sc->hit);
    return CODA_OK;
}
