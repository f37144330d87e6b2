/* corpus_shape.c - what a transcript line is: a speaker label of one of
 * the text formats (plain, timed, rev, otter, Q/A) or text. */
#include "corpus_int.h"

#include <string.h>

static int space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static int danda(const char *s, size_t i, size_t b)
{
    return i + 2 < b && !memcmp(s + i, "\xE0\xA5", 2) &&
           (s[i + 2] == '\xA4' || s[i + 2] == '\xA5');
}

int coda_label_plain(const char *s, size_t a, size_t b, coda_label *l)
{
    size_t lim = b - a < 65 ? b : a + 65, spaces = 0, i;
    if (a == b || space(s[a]) || s[a] == ':')
        return 0;
    for (i = a; i < lim && s[i] != ':'; i++) {
        if (strchr("?!\"", s[i]) || danda(s, i, b))
            return 0;
        spaces += s[i] == ' ';
    }
    if (i == lim || spaces > 4 || (i + 1 < b && s[i + 1] != ' ' &&
                                   s[i + 1] != '\t'))
        return 0;
    size_t n = i - a;
    while (n && space(s[a + n - 1]))
        n--;
    *l = (coda_label){ a, n, i + 1, 0, -1, 0, 0 };
    return n > 0;
}

int coda_name_ok(const char *s, size_t a, size_t e)
{
    size_t spaces = 0;
    if (a >= e || e - a > 64 || space(s[a]))
        return 0;
    for (size_t i = a; i < e; i++) {
        if (strchr(":?!\"", s[i]) || danda(s, i, e))
            return 0;
        spaces += s[i] == ' ';
    }
    return spaces <= 4;
}

static size_t skip_blanks(const char *s, size_t i, size_t b)
{
    while (i < b && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* A time at s[i..b), bare or in [] or (): 1 or -1 (see coda_time_at) with
 * *end after it (and its bracket); *open the bracket or 0. */
static int time_token(const char *s, size_t i, size_t b, coda_label *l,
                      size_t *end, char *open)
{
    *open = i < b && (s[i] == '[' || s[i] == '(') ? s[i] : 0;
    size_t at = i + (*open != 0), e;
    double secs;
    int k = coda_time_at(s, at, b, 0, &e, &secs);
    if (!k || (*open && (e >= b || s[e] != (*open == '[' ? ']' : ')'))))
        return 0;
    *end = e + (*open != 0);
    l->has_time = k;
    l->secs = secs;
    l->time_at = at;
    l->time_end = e;
    return k;
}

/* "[T] Name: text", "(T) Name: text", "T Name: text". */
static int time_first(const char *s, size_t a, size_t b, coda_label *l)
{
    coda_label t;
    size_t e;
    char open;
    if (!time_token(s, a, b, &t, &e, &open) || e >= b ||
        (s[e] != ' ' && s[e] != '\t'))
        return 0;
    if (!coda_label_plain(s, skip_blanks(s, e, b), b, l))
        return 0;
    l->has_time = t.has_time;
    l->secs = t.secs;
    l->time_at = t.time_at;
    l->time_end = t.time_end;
    return 1;
}

/* "Name [T]: text" (TIMED) or "Name (T): text" (REV). */
static coda_shape time_after(const char *s, size_t a, size_t b,
                             coda_label *l)
{
    size_t lim = b - a < 66 ? b : a + 66, e;
    char open;
    for (size_t p = a + 1; p < lim; p++) {
        if (s[p] != '[' && s[p] != '(')
            continue;
        coda_label t = { 0 };
        if (!time_token(s, p, b, &t, &e, &open))
            continue;
        size_t n = p;
        while (n > a && space(s[n - 1]))
            n--;
        e = skip_blanks(s, e, b);
        if (e >= b || s[e] != ':' || (e + 1 < b && !space(s[e + 1])) ||
            !coda_name_ok(s, a, n))
            return SHAPE_NONE;
        *l = t;
        l->name = a;
        l->nlen = n - a;
        l->text = e + 1;
        return open == '[' ? SHAPE_TIMED : SHAPE_REV;
    }
    return SHAPE_NONE;
}

/* "Name  T" or "[Name] T" alone on a line. */
static int time_alone(const char *s, size_t a, size_t b, coda_label *l)
{
    while (b > a && space(s[b - 1]))
        b--;
    size_t t = b;
    while (t > a && !space(s[t - 1]))
        t--;
    size_t e, n = t;
    double secs;
    int k = t > a ? coda_time_at(s, t, b, 0, &e, &secs) : 0;
    if (!k || e != b)
        return 0;
    while (n > a && space(s[n - 1]))
        n--;
    int br = s[a] == '[' && n - a > 2 && s[n - 1] == ']';
    if (!coda_name_ok(s, a + br, n - br))
        return 0;
    *l = (coda_label){ a + br, n - a - 2 * (size_t)br, b, k, secs, t, b };
    return 1;
}

static int qa_name(const char *s, size_t a, size_t n)
{
    return n == 1 && (s[a] == 'Q' || s[a] == 'A');
}

coda_shape coda_line_shape(const char *s, size_t a, size_t b, coda_label *l)
{
    coda_shape sh;
    if (a == b || space(s[a]))
        return SHAPE_NONE;
    if (coda_label_plain(s, a, b, l))
        return SHAPE_PLAIN;
    if (time_first(s, a, b, l))
        return SHAPE_TIMED;
    if ((sh = time_after(s, a, b, l)) != SHAPE_NONE)
        return sh;
    if (time_alone(s, a, b, l))
        return SHAPE_OTTER;
    if (qa_name(s, a, 1) && a + 1 < b && s[a + 1] == '.' &&
        (a + 2 == b || space(s[a + 2]))) {
        *l = (coda_label){ a, 1, a + 2, 0, -1, 0, 0 };
        return SHAPE_QA;
    }
    return SHAPE_NONE;
}

int coda_shape_opens(coda_text_format f, coda_shape shape, const char *s,
                     const coda_label *l)
{
    switch (f) {
    case CODA_FORMAT_TIMESTAMPED:
    case CODA_FORMAT_REV:
        return shape == SHAPE_PLAIN || shape == SHAPE_TIMED ||
               shape == SHAPE_REV;
    case CODA_FORMAT_OTTER: return shape == SHAPE_OTTER;
    case CODA_FORMAT_QA:
        return shape == SHAPE_QA ||
               (shape == SHAPE_PLAIN && qa_name(s, l->name, l->nlen));
    default: return shape == SHAPE_PLAIN;
    }
}

/* Label lines of each shape in a text, for detection. */
typedef struct census {
    size_t n[SHAPE_OTTER + 1], qa_colon;
    int q, a, seen;
    coda_shape first;           /* the first line's that is not blank */
} census;

static void count(census *c, const char *s, size_t a, size_t b)
{
    coda_label l;
    coda_shape sh = coda_line_shape(s, a, b, &l);
    if (!c->seen && skip_blanks(s, a, b) < b)
        c->seen = 1, c->first = sh;
    if (sh == SHAPE_PLAIN && qa_name(s, l.name, l.nlen))
        c->qa_colon++, sh = SHAPE_QA;
    c->n[sh]++;
    c->q |= sh == SHAPE_QA && s[l.name] == 'Q';
    c->a |= sh == SHAPE_QA && s[l.name] == 'A';
}

coda_text_format coda_detect_text(const char *s, size_t len)
{
    census c;
    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        count(&c, s, i, e);
        i = e + 1;
    }
    size_t timed = c.n[SHAPE_TIMED] + c.n[SHAPE_REV];
    int timed_first = c.first == SHAPE_TIMED || c.first == SHAPE_REV;
    if ((timed >= 2 || timed_first) && timed >= c.n[SHAPE_OTTER])
        return c.n[SHAPE_REV] > c.n[SHAPE_TIMED] ? CODA_FORMAT_REV
                                                 : CODA_FORMAT_TIMESTAMPED;
    if ((c.n[SHAPE_OTTER] >= 2 || c.first == SHAPE_OTTER) &&
        c.n[SHAPE_OTTER] > c.n[SHAPE_PLAIN])
        return CODA_FORMAT_OTTER;
    if (!c.n[SHAPE_PLAIN] && (c.qa_colon || (c.q && c.a)))
        return CODA_FORMAT_QA;
    return CODA_FORMAT_PLAIN;
}
